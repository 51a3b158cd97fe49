package io.schemagate.autogen;

import io.schemagate.autogen.AutogenerateException.Cause;
import io.schemagate.db.DatabaseKind;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.DowngradeTarget;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.MigrationListener;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptWriter;
import io.schemagate.lint.Finding;
import io.schemagate.lint.Linter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code create --autogenerate}: builds the schema the bundle produces on a scratch database, reads
 * the wanted schema, compares the two from the catalogues, writes the next V and U scripts in their
 * safe forms, lints them, and checks them by applying V, U and V again on the scratch database.
 */
public final class Autogenerate {
  private static final java.time.Duration CONNECT = java.time.Duration.ofSeconds(30);

  private Autogenerate() {}

  /**
   * What to generate.
   *
   * @param target the database the scripts are for (its kind; for MySQL and MariaDB the server
   *     where the scratch databases are made)
   * @param bundle the migrations as they are
   * @param settings the engine settings for the bundle
   * @param directory the folder the new scripts go into
   * @param desired where the wanted schema comes from
   * @param description what the migration does
   * @param timestamp whether versions are the date and time
   * @param scratchServer a PostgreSQL, MySQL or MariaDB server to make the scratch databases on, or
   *     {@code null} for the embedded PostgreSQL and the target's own MySQL server
   */
  public record Request(
      DatabaseUrl target,
      Bundle bundle,
      EngineSettings settings,
      Path directory,
      DesiredSchema desired,
      String description,
      boolean timestamp,
      DatabaseUrl scratchServer) {}

  /**
   * One difference found.
   *
   * @param kind what changes, in words ({@code add column})
   * @param table the table, or {@code null}
   * @param description one line for people
   */
  public record Difference(String kind, String table, String description) {}

  /**
   * One pair of scripts written.
   *
   * @param version their version
   * @param phase the step of the release it is ({@code expand}, {@code indexes}, {@code validate},
   *     {@code contract}, {@code not null})
   * @param migration the V script
   * @param undo the U script
   * @param notes what to look at in it
   */
  public record Written(
      String version, String phase, Path migration, Path undo, List<String> notes) {}

  /**
   * What was found and written.
   *
   * @param differences what differs, empty when nothing does
   * @param files the scripts written, empty when nothing differs
   * @param findings the lint's findings on the scripts written
   * @param roundTrip what did not match when V, U and V were applied again; empty when all did
   */
  public record Result(
      List<Difference> differences,
      List<Written> files,
      List<Finding> findings,
      List<String> roundTrip) {}

  /** Compares, writes and checks; writes nothing when nothing differs. */
  public static Result run(Request request) {
    DatabaseKind kind = request.target().kind();
    Set<String> skip = skipped(request.settings());
    try (ScratchDatabase scratch =
        ScratchDatabase.create(request.target(), request.scratchServer())) {
      String schema = schema(request.settings(), scratch);
      apply(scratch, request.bundle(), request.settings(), "the migrations folder");
      Schema current = read(scratch, schema, skip);
      Schema desired = desired(request, skip);
      List<Change> changes = SchemaDiff.between(current, desired);
      List<Difference> differences =
          changes.stream()
              .map(c -> new Difference(c.kind().words(), c.table(), c.describe()))
              .toList();
      if (changes.isEmpty()) {
        return new Result(List.of(), List.of(), List.of(), List.of());
      }
      List<Draft> drafts = ScriptDrafter.draft(kind, current, desired, changes);
      List<ScriptWriter.Texts> texts =
          drafts.stream()
              .map(
                  d ->
                      new ScriptWriter.Texts(
                          d.phase().suffix().isEmpty()
                              ? request.description()
                              : request.description() + " " + d.phase().suffix(),
                          "-- " + request.description().strip() + "\n" + d.migration(),
                          d.undo()))
              .toList();
      List<ScriptWriter.Created> created =
          new ScriptWriter(Clock.systemDefaultZone())
              .write(request.directory(), request.bundle(), texts, request.timestamp());
      List<Written> written = new ArrayList<>();
      for (int i = 0; i < created.size(); i++) {
        Draft d = drafts.get(i);
        written.add(
            new Written(
                created.get(i).version(),
                d.phase() == Draft.Phase.EXPAND ? "expand" : d.phase().suffix(),
                created.get(i).migration(),
                created.get(i).undo(),
                d.notes()));
      }
      Bundle next = BundleLoader.fromDirectory(request.directory(), request.bundle().options());
      List<Finding> findings = lint(next, kind, request.settings(), written);
      List<String> roundTrip =
          roundTrip(
              scratch, schema, skip, next, request.settings(), current, desired, written.size());
      return new Result(differences, written, findings, roundTrip);
    }
  }

  private static Set<String> skipped(EngineSettings settings) {
    String table = settings.table();
    return new java.util.HashSet<>(
        List.of(
            table,
            table.toUpperCase(java.util.Locale.ROOT),
            table.toLowerCase(java.util.Locale.ROOT)));
  }

  private static String schema(EngineSettings settings, ScratchDatabase scratch) {
    return settings.schemas().isEmpty() || scratch.url().kind() == DatabaseKind.SQLITE
        ? scratch.schema()
        : settings.schemas().get(0);
  }

  private static void apply(
      ScratchDatabase scratch, Bundle bundle, EngineSettings settings, String what) {
    if (bundle.forDatabase(scratch.url().kind()).versioned().isEmpty()) {
      return;
    }
    try (MigrationEngine engine = open(scratch, bundle, settings)) {
      engine.upgrade("head", MigrationListener.NONE);
    } catch (EngineException e) {
      throw new AutogenerateException(
          Cause.DOES_NOT_APPLY,
          what
              + " does not apply on a scratch "
              + kindName(scratch)
              + " database: "
              + e.getMessage());
    }
  }

  private static MigrationEngine open(
      ScratchDatabase scratch, Bundle bundle, EngineSettings settings) {
    return MigrationEngine.open(
        scratch.url(), bundle, settings, new io.schemagate.db.ConnectionSettings(CONNECT, 3));
  }

  private static String kindName(ScratchDatabase scratch) {
    return scratch.url().kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Schema read(ScratchDatabase scratch, String schema, Set<String> skip) {
    try (var connection = scratch.connect()) {
      return CatalogueReader.of(scratch.url().kind()).read(connection, schema, skip);
    } catch (java.sql.SQLException e) {
      throw new AutogenerateException(
          Cause.SCRATCH, "Cannot read the scratch database's catalogue: " + e.getMessage());
    }
  }

  private static Schema desired(Request request, Set<String> skip) {
    DesiredSchema source = request.desired();
    DatabaseKind kind = request.target().kind();
    if (source instanceof DesiredSchema.Database database) {
      return fromDatabase(database, kind, request.settings(), skip);
    }
    Map<String, byte[]> scripts = new LinkedHashMap<>();
    if (source instanceof DesiredSchema.Entities entities) {
      scripts.put(
          "V1__entities.sql",
          EntityExport.ddl(entities, kind).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if (source instanceof DesiredSchema.SqlFiles files) {
      List<Path> sql = sqlFiles(files.path());
      for (int i = 0; i < sql.size(); i++) {
        try {
          scripts.put("V" + (i + 1) + "__desired.sql", Files.readAllBytes(sql.get(i)));
        } catch (IOException e) {
          throw new AutogenerateException(
              Cause.INPUT, "Cannot read " + sql.get(i) + ": " + e.getMessage());
        }
      }
    }
    Bundle bundle = BundleLoader.fromFiles(source.describe(), scripts);
    // The wanted schema lands in the schema the migrations use: Flyway makes the first one the
    // default, so a schema file's unqualified names go there too.
    EngineSettings settings =
        new EngineSettings.Builder()
            .flyway(bundle.options())
            .schemas(request.settings().schemas())
            .table(request.settings().table())
            .build();
    try (ScratchDatabase scratch =
        ScratchDatabase.create(request.target(), request.scratchServer())) {
      apply(scratch, bundle, settings, source.describe());
      return read(scratch, schema(settings, scratch), skip);
    }
  }

  private static List<Path> sqlFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new AutogenerateException(
          Cause.INPUT,
          "--schema-file " + path + " does not exist: give a .sql file or a folder of them");
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Path> sql =
          files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
      if (sql.isEmpty()) {
        throw new AutogenerateException(
            Cause.INPUT, "--schema-file " + path + " holds no .sql file");
      }
      return sql;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema fromDatabase(
      DesiredSchema.Database database,
      DatabaseKind kind,
      EngineSettings settings,
      Set<String> skip) {
    DatabaseUrl url = database.url();
    if (url.kind() != kind && !(mysqlFamily(url.kind()) && mysqlFamily(kind))) {
      throw new AutogenerateException(
          Cause.INPUT,
          "--from-database is "
              + url.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " but the target is "
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + ": compare databases of one kind");
    }
    String schema =
        switch (kind) {
          case POSTGRESQL -> settings.schemas().isEmpty() ? "public" : settings.schemas().get(0);
          case H2 -> settings.schemas().isEmpty() ? "PUBLIC" : settings.schemas().get(0);
          case SQLITE -> "main";
          case MYSQL, MARIADB ->
              url.database()
                  .orElseThrow(
                      () ->
                          new AutogenerateException(
                              Cause.INPUT,
                              "--from-database names no database: add it, e.g. mariadb://host/dev"));
        };
    if (url.isMissingSqliteFile()) {
      throw new AutogenerateException(
          Cause.INPUT,
          "--from-database " + url.redacted() + " does not exist: name the development database");
    }
    try (var connection = io.schemagate.db.ConnectionPools.connectDirectly(url, CONNECT)) {
      if (kind != DatabaseKind.SQLITE) {
        // The catalogue is only read; SQLite takes this flag only before it connects.
        connection.setReadOnly(true);
      }
      return CatalogueReader.of(kind).read(connection, schema, skip);
    } catch (java.sql.SQLException e) {
      throw new AutogenerateException(
          Cause.INPUT,
          "Cannot read --from-database "
              + url.redacted()
              + ": "
              + url.secrets().redact(e.getMessage()));
    }
  }

  private static boolean mysqlFamily(DatabaseKind kind) {
    return kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB;
  }

  private static List<Finding> lint(
      Bundle next, DatabaseKind kind, EngineSettings settings, List<Written> written) {
    Set<String> names =
        written.stream()
            .map(w -> w.migration().getFileName().toString())
            .collect(java.util.stream.Collectors.toSet());
    List<Script> scripts =
        next.forDatabase(kind).versioned().stream().filter(s -> names.contains(s.name())).toList();
    return Linter.lint(scripts, kind, settings);
  }

  /** V, U and V again on the scratch database: what did not come out as it should. */
  private static List<String> roundTrip(
      ScratchDatabase scratch,
      String schema,
      Set<String> skip,
      Bundle next,
      EngineSettings settings,
      Schema current,
      Schema desired,
      int scripts) {
    List<String> problems = new ArrayList<>();
    try (MigrationEngine engine = open(scratch, next, settings)) {
      String step = "applying the new scripts";
      try {
        engine.upgrade("head", MigrationListener.NONE);
        compare("after the V scripts", read(scratch, schema, skip), desired, problems);
        step = "applying the U scripts";
        engine.downgrade(DowngradeTarget.steps(scripts), MigrationListener.NONE);
        compare("after the U scripts", read(scratch, schema, skip), current, problems);
        step = "applying the V scripts again";
        engine.upgrade("head", MigrationListener.NONE);
        compare("after the V scripts again", read(scratch, schema, skip), desired, problems);
      } catch (EngineException e) {
        problems.add(step + " failed: " + e.getMessage());
      }
    }
    return problems;
  }

  private static void compare(String when, Schema actual, Schema expected, List<String> problems) {
    for (Change change : SchemaDiff.between(actual, expected)) {
      problems.add(when + ", still to " + change.describe());
    }
  }
}
