package io.schemagate.cli;

import io.schemagate.autogen.DesiredSchema;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.Naming;
import io.schemagate.engine.api.ScriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code create "<description>"}: a new migration and its undo script. No database needed. */
@Command(
    name = "create",
    header = "Write the next V and U scripts, by hand or --autogenerate",
    aliases = "revision",
    description = {
      "Write V<next>__<description>.sql and its undo U<next>__<description>.sql.",
      "revision -m \"message\" is the same, in Alembic's words.",
      "With --autogenerate, the scripts are written from the schema you want (entities, a schema"
          + " file or a development database)."
    })
final class CreateCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "DESCRIPTION",
      arity = "0..1",
      description = "What the migration does, e.g. \"add avatars\" (or give it with -m).")
  String description;

  @Option(
      names = {"-m", "--message"},
      description = "The description, as Alembic's revision -m takes it.")
  String message;

  @Option(
      names = "--branch-label",
      paramLabel = "LABEL",
      description =
          "Note the branch in the script's header. Flyway's history is linear: scripts of"
              + " parallel branches that collide or arrive out of order are shown by heads and"
              + " branches, and merge renumbers them after head.")
  String branchLabel;

  @Spec CommandSpec spec;

  @Option(
      names = "--timestamp",
      description =
          "Use the date and time (yyyyMMddHHmmss) as the version, so scripts written on parallel"
              + " branches never collide.")
  boolean timestamp;

  @ArgGroup(exclusive = false, heading = "%nWrite the scripts from the schema you want:%n")
  Autogeneration autogeneration;

  /** The options of {@code --autogenerate}. */
  static final class Autogeneration {
    @Option(
        names = "--autogenerate",
        required = true,
        description =
            "Compare the schema the migrations build (on a scratch database of the target's kind)"
                + " with the schema you want, and write the next V and U scripts for the"
                + " difference, in their safe forms, linted and checked by applying V, U and V"
                + " again.")
    boolean autogenerate;

    @Option(
        names = "--entities",
        paramLabel = "PATH",
        split = ",",
        description =
            "The schema wanted is your JPA entities: folders of compiled classes or jars (with"
                + " what they need), exported by Hibernate ORM for the target's dialect. Give"
                + " --packages too.")
    List<Path> entities = new ArrayList<>();

    @Option(
        names = "--packages",
        paramLabel = "PACKAGE",
        split = ",",
        description = "The packages whose @Entity classes (and sub-packages) are the model.")
    List<String> packages = new ArrayList<>();

    @Option(
        names = "--schema-file",
        paramLabel = "PATH",
        description =
            "The schema wanted is a SQL file (schema.sql), or a folder whose .sql files apply in"
                + " name order.")
    Path schemaFile;

    @Option(
        names = "--from-database",
        paramLabel = "URL",
        description =
            "The schema wanted is a development database you changed by hand; it is only read.")
    String fromDatabase;

    @Option(
        names = "--scratch-url",
        paramLabel = "URL",
        description =
            "A PostgreSQL, MySQL or MariaDB server to make the scratch databases on (created and"
                + " dropped); default: an embedded PostgreSQL, or the MySQL/MariaDB server of the"
                + " database URL.")
    String scratchUrl;
  }

  @Override
  public Integer call() {
    String what = description();
    Path directory = MigrationsFolder.writable(root, "create");
    FlywayOptions options = BundleLoader.options(directory, root.flywayOverrides());
    Bundle existing =
        hasScripts(directory, options.naming())
            ? root.bundle()
            : new Bundle(directory.toString(), new TreeMap<>(), "", options);
    if (autogeneration != null) {
      DatabaseUrl scratch = null;
      if (autogeneration.scratchUrl != null) {
        scratch = DatabaseUrl.parse(autogeneration.scratchUrl);
        root.redactor = root.redactor.and(scratch.secrets());
      }
      return new AutogenerateRun(root).run(directory, existing, source(), what, timestamp, scratch);
    }
    ScriptWriter.Created created =
        new ScriptWriter(Clock.systemDefaultZone())
            .create(directory, existing, what, timestamp, branchLabel);
    if (root.json()) {
      root.printJson(created);
    } else {
      root.println("Created version " + created.version() + ":");
      root.println("  " + created.migration());
      root.println("  " + created.undo());
      if (branchLabel != null) {
        root.println(
            "Branch label "
                + branchLabel
                + " noted in the script's header. Flyway's history is linear: when branches"
                + " collide or arrive out of order, heads and branches show them and merge"
                + " renumbers them after head.");
      }
    }
    return ExitCodes.OK;
  }

  /** The one source of the schema wanted; none, or more than one, is a usage error. */
  private DesiredSchema source() {
    Autogeneration a = autogeneration;
    List<DesiredSchema> sources = new ArrayList<>();
    if (!a.entities.isEmpty() || !a.packages.isEmpty()) {
      if (a.entities.isEmpty() || a.packages.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--entities and --packages go together: --entities build/classes/java/main"
                + " --packages com.example.model");
      }
      sources.add(new DesiredSchema.Entities(a.entities, a.packages));
    }
    if (a.schemaFile != null) {
      sources.add(new DesiredSchema.SqlFiles(a.schemaFile));
    }
    if (a.fromDatabase != null) {
      DatabaseUrl url = DatabaseUrl.parse(a.fromDatabase);
      root.redactor = root.redactor.and(url.secrets());
      sources.add(new DesiredSchema.Database(url));
    }
    if (sources.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--autogenerate takes one schema to compare with: --entities PATH --packages PACKAGE,"
              + " --schema-file schema.sql, or --from-database URL");
    }
    return sources.get(0);
  }

  /** The description from the argument or -m; both, or neither, is a usage error. */
  private String description() {
    if (description != null && message != null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the description once, as an argument or with -m/--message (the migrations folder"
              + " is --migrations-dir now, not -m)");
    }
    if (description == null && message == null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the description: create \"add avatars\" or revision -m \"...\"");
    }
    return description != null ? description : message;
  }

  private static boolean hasScripts(Path directory, Naming naming) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var files = Files.walk(directory, 2)) {
      return files.anyMatch(
          p -> Files.isRegularFile(p) && naming.isScriptFile(p.getFileName().toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + directory, e);
    }
  }
}
