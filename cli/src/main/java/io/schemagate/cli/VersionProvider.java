package io.schemagate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, with the Flyway version underneath. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = SchemagateCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "schemagate " + (own == null ? "(development build)" : own), "Flyway " + flywayVersion()
    };
  }

  /** From Flyway's Maven metadata: in the shaded jar the manifest is schemagate's own. */
  private static String flywayVersion() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream(
            "/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
      if (in == null) {
        return "(unknown)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown)");
    } catch (IOException e) {
      return "(unknown)";
    }
  }
}
