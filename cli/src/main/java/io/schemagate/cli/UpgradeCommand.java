package io.schemagate.cli;

import io.schemagate.engine.MigrationEngine;
import io.schemagate.engine.api.EngineException;
import io.schemagate.engine.api.FailureKind;
import io.schemagate.engine.api.PendingMigration;
import io.schemagate.engine.api.RunReport;
import io.schemagate.engine.api.Versions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code upgrade [version]}: apply pending migrations. */
@Command(
    name = "upgrade",
    header = "Apply pending migrations, to head, a version or +N",
    aliases = "migrate",
    description = {
      "Apply pending migrations, to head or up to VERSION; +N applies the next N.",
      "migrate is the same, in Flyway's words."
    })
final class UpgradeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Parameters(
      paramLabel = "VERSION",
      arity = "0..1",
      description =
          "Stop at this version, or +N for the next N pending migrations (default: head, the"
              + " bundle's highest version).")
  String target;

  @Spec CommandSpec spec;

  @Option(
      names = "--sql",
      description =
          "Print the SQL the upgrade would run, history statements included, for the URL's"
              + " database, and change nothing (Alembic's offline mode).")
  boolean sql;

  @Override
  public Integer call() {
    if (sql) {
      try (MigrationEngine engine = root.openForReading()) {
        root.out.print(
            root.redactor.redact(
                engine.sql(engine.plan(resolve(engine)).upward("downgrade --sql"))));
        return ExitCodes.OK;
      }
    }
    try (MigrationEngine engine = root.open()) {
      report(root, engine, engine.upgrade(resolve(engine), ProgressPrinter.of(root)));
      return ExitCodes.OK;
    }
  }

  /** The version to stop at: {@code +N} is the N-th pending migration, as Alembic's upgrade +N. */
  private String resolve(MigrationEngine engine) {
    if (target == null || !target.strip().startsWith("+")) {
      return VersionArgument.check(spec, "", target, List.of("head"));
    }
    String count = target.strip().substring(1);
    if (!count.matches("[1-9]\\d*")) {
      throw new ParameterException(
          spec.commandLine(), "'" + target + "' is not +N with N at least 1 (write e.g. +1)");
    }
    List<PendingMigration> pending =
        engine.plan("head").status().pending().stream().filter(p -> p.version() != null).toList();
    int steps = Integer.parseInt(count);
    if (steps > pending.size()) {
      throw new EngineException(
          FailureKind.TARGET_NOT_FOUND,
          "upgrade "
              + target
              + ": only "
              + pending.size()
              + " versioned migration"
              + (pending.size() == 1 ? " is" : "s are")
              + " pending");
    }
    return pending.get(steps - 1).version();
  }

  /**
   * Prints what an upgrade did. A database ahead of the bundle (an older release against a newer
   * schema) is left where it is with exit 0, as Flyway does, and one warning line on stderr says
   * so.
   */
  static void report(SchemagateCommand root, MigrationEngine engine, RunReport report) {
    String head = engine.scripts().latestVersion().orElse(null);
    if (head != null
        && report.toVersion() != null
        && Versions.compare(report.toVersion(), head) > 0) {
      root.err.println(
          root.redactor.redact(
              "warning: the database is at version "
                  + report.toVersion()
                  + ", ahead of this bundle's head "
                  + head
                  + " (an older release against a newer schema); its versions are left as they"
                  + " are. To go back on purpose: downgrade "
                  + head));
    }
    if (root.json()) {
      root.printJson(report);
    } else if (report.ran().isEmpty()) {
      root.println(
          "Already at version " + StatusCommand.orNone(report.toVersion()) + "; nothing to apply.");
    } else {
      root.println(
          String.format(
              "Upgraded from %s to %s: %d migration%s in %.1f s.",
              report.fromVersion() == null ? "an empty history" : report.fromVersion(),
              StatusCommand.orNone(report.toVersion()),
              report.ran().size(),
              report.ran().size() == 1 ? "" : "s",
              report.millis() / 1000.0));
    }
  }
}
