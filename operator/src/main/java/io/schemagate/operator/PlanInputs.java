package io.schemagate.operator;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.FlywayOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything besides the plan's own scripts and versions that changes what a plan runs, as one
 * digest that is part of every plan id: the scripts' text, every Flyway setting (placeholders,
 * schemas, table included), and where it runs (the kind of database, its JDBC URL and user). An
 * approval given for one of these never covers another.
 */
final class PlanInputs {
  private PlanInputs() {}

  /** The digest of the bundle, its settings and the target. The password is not part of it. */
  static String digest(Bundle bundle, DatabaseUrl url) {
    StringBuilder text = new StringBuilder();
    line(text, "scripts", bundle.digest());
    Map<String, FlywayOptions.Setting> settings = new TreeMap<>(bundle.options().settings());
    // Only the values count, not where they were set: moving a placeholder from flyway.conf to
    // spec.flyway runs the same SQL.
    settings.forEach((key, setting) -> line(text, "flyway." + key, setting.value()));
    line(text, "kind", url.kind().name());
    line(text, "url", url.jdbcUrl());
    line(text, "user", url.user().orElse(""));
    return sha256(text.toString());
  }

  /**
   * The digest a fleet's plans share: the fleet's bundle and settings and the kind of database,
   * without any one target's URL, user, schemas or table, so that one approval of a plan id covers
   * every target of the fleet that goes from and to the same versions.
   */
  static String fleetDigest(Bundle fleetBundle, io.schemagate.db.DatabaseKind kind) {
    StringBuilder text = new StringBuilder();
    line(text, "fleet", "1");
    line(text, "scripts", fleetBundle.digest());
    new TreeMap<>(fleetBundle.options().settings())
        .forEach((key, setting) -> line(text, "flyway." + key, setting.value()));
    line(text, "kind", kind.name());
    return sha256(text.toString());
  }

  /** Lengths make the lines unambiguous whatever a value holds. */
  private static void line(StringBuilder text, String key, String value) {
    text.append(key.length())
        .append(':')
        .append(key)
        .append('=')
        .append(value.length())
        .append(':')
        .append(value)
        .append('\n');
  }

  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
