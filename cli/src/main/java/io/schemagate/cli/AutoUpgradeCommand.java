package io.schemagate.cli;

import io.schemagate.embed.Schemagate;
import io.schemagate.engine.MigrationEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code auto-upgrade}: upgrade on application start unless AUTO_MIGRATE_ON_STARTUP is false. */
@Command(
    name = "auto-upgrade",
    header = "Upgrade unless AUTO_MIGRATE_ON_STARTUP is false",
    description =
        "Upgrade to head when AUTO_MIGRATE_ON_STARTUP is true (the default); do nothing when it"
            + " is false; refuse any other value. Meant for an application's start script.")
final class AutoUpgradeCommand implements Callable<Integer> {
  @ParentCommand SchemagateCommand root;

  @Override
  public Integer call() {
    String setting = root.environment.getOrDefault("AUTO_MIGRATE_ON_STARTUP", "true");
    if (!enabled(setting)) {
      root.println("AUTO_MIGRATE_ON_STARTUP is " + setting + ": not upgrading.");
      return ExitCodes.OK;
    }
    try (MigrationEngine engine = root.open()) {
      UpgradeCommand.report(root, engine, engine.upgrade(null, ProgressPrinter.of(root)));
      return ExitCodes.OK;
    }
  }

  /** Whether the setting says yes; anything but a yes or a no is refused, never read as yes. */
  static boolean enabled(String value) {
    return Schemagate.enabled(value);
  }
}
