package io.schemagate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, with the Flyway version underneath. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = SchemagateCommand.class.getPackage().getImplementationVersion();
    String flyway = org.flywaydb.core.Flyway.class.getPackage().getImplementationVersion();
    return new String[] {
      "schemagate " + (own == null ? "(development build)" : own),
      "Flyway " + (flyway == null ? "(unknown)" : flyway)
    };
  }
}
