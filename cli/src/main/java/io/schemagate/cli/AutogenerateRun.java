package io.schemagate.cli;

import io.schemagate.autogen.Autogenerate;
import io.schemagate.autogen.AutogenerateException;
import io.schemagate.autogen.DesiredSchema;
import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.lint.Finding;
import io.schemagate.lint.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code create --autogenerate}: runs the comparison and says what it found and wrote. */
final class AutogenerateRun {
  private final SchemagateCommand root;

  AutogenerateRun(SchemagateCommand root) {
    this.root = root;
  }

  /**
   * What {@code -o json} prints.
   *
   * @param written whether scripts were written
   * @param differences what differs
   * @param files the scripts written, with paths as given
   * @param findings the lint's findings on them
   * @param roundTrip what did not match when V, U and V were applied again
   */
  record Report(
      boolean written,
      List<Autogenerate.Difference> differences,
      List<File> files,
      List<Finding> findings,
      List<String> roundTrip) {}

  /**
   * One script pair written.
   *
   * @param version its version
   * @param phase the step of the release
   * @param migration the V script's path
   * @param undo the U script's path
   * @param notes what to look at
   */
  record File(String version, String phase, String migration, String undo, List<String> notes) {}

  int run(
      Path directory,
      Bundle existing,
      DesiredSchema desired,
      String what,
      boolean timestamp,
      DatabaseUrl scratch) {
    DatabaseUrl target = root.url();
    Autogenerate.Result result;
    try {
      result =
          Autogenerate.run(
              new Autogenerate.Request(
                  target,
                  existing,
                  root.settings(existing),
                  directory,
                  desired,
                  what,
                  timestamp,
                  scratch));
    } catch (AutogenerateException e) {
      root.err.println(root.redactor.redact("error: " + e.getMessage()));
      return switch (e.reason()) {
        case INPUT -> ExitCodes.INVALID_CONFIGURATION;
        case DOES_NOT_APPLY -> ExitCodes.MIGRATION_FAILED;
        case SCRATCH -> ExitCodes.UNREACHABLE;
      };
    }
    List<File> files = new ArrayList<>();
    for (Autogenerate.Written w : result.files()) {
      files.add(
          new File(
              w.version(), w.phase(), w.migration().toString(), w.undo().toString(), w.notes()));
    }
    if (root.json()) {
      root.printJson(
          new Report(
              !files.isEmpty(),
              result.differences(),
              files,
              result.findings(),
              result.roundTrip()));
    } else if (result.differences().isEmpty()) {
      nothing(desired, target);
    } else {
      print(result, files, desired, target);
    }
    return result.roundTrip().isEmpty() ? ExitCodes.OK : ExitCodes.AUTOGENERATE_MISMATCH;
  }

  private void nothing(DesiredSchema desired, DatabaseUrl target) {
    root.println(
        "No difference between what the migrations build and "
            + desired.describe()
            + ": nothing written.");
    root.println("If you expected a change:");
    if (desired instanceof DesiredSchema.Entities) {
      root.println(
          "  - compile the entities after editing them: the classes in --entities are read, not"
              + " the sources;");
      root.println(
          "  - check that --packages names the package of every entity (sub-packages count), and"
              + " that each class has @Entity;");
    } else if (desired instanceof DesiredSchema.SqlFiles) {
      root.println("  - check that the file is saved and is the one --schema-file names;");
    } else {
      root.println(
          "  - check that --from-database names the development database you changed, and the"
              + " schema (--schema) you changed it in;");
    }
    root.println(
        "  - schemagate compares tables, columns, keys, checks, foreign keys, indexes, views,"
            + " sequences and enums of "
            + schemaWords(target)
            + "; triggers, functions, grants and comments are not compared.");
  }

  private String schemaWords(DatabaseUrl target) {
    List<String> schemas = root.settings().schemas();
    return switch (target.kind()) {
      case MYSQL, MARIADB -> "the database";
      case SQLITE -> "the main schema";
      default -> schemas.isEmpty() ? "the default schema" : "the schema " + schemas.get(0);
    };
  }

  private void print(
      Autogenerate.Result result, List<File> files, DesiredSchema desired, DatabaseUrl target) {
    root.println(
        "Compared the migrations with "
            + desired.describe()
            + " on a scratch "
            + target.kind().name().toLowerCase(Locale.ROOT)
            + " database:");
    result.differences().forEach(d -> root.println("  " + d.description()));
    root.println("Wrote " + files.size() + (files.size() == 1 ? " migration:" : " migrations:"));
    TextTable table = new TextTable("VERSION", "STEP", "MIGRATION", "UNDO");
    files.forEach(
        f ->
            table.row(
                f.version(),
                f.phase(),
                Path.of(f.migration()).getFileName(),
                Path.of(f.undo()).getFileName()));
    table.lines().forEach(line -> root.println("  " + line));
    for (File f : files) {
      f.notes().forEach(n -> root.println("  note (V" + f.version() + "): " + n));
    }
    if (files.stream().anyMatch(f -> f.phase().equals("contract"))) {
      root.println(
          "  The contract step runs once no pod of the previous release is left (the operator"
              + " holds it until then).");
    }
    List<Finding> shown =
        result.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    root.println(
        "Lint: "
            + (shown.isEmpty()
                ? "no warnings."
                : shown.size() + (shown.size() == 1 ? " finding:" : " findings:")));
    for (Finding f : shown) {
      root.println(
          "  "
              + f.severity().name().toLowerCase(Locale.ROOT)
              + " "
              + f.rule()
              + " at "
              + f.script()
              + ":"
              + f.line()
              + ": "
              + f.why());
    }
    if (result.roundTrip().isEmpty()) {
      root.println(
          "Checked: V, then U, then V again on the scratch database give the schema wanted, the"
              + " schema before, and the schema wanted.");
      root.println("Review the scripts, then run: upgrade");
    } else {
      root.println(
          "The round trip on the scratch database did not match; fix the scripts by hand:");
      result.roundTrip().forEach(p -> root.println("  " + p));
    }
  }
}
