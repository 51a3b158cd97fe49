package io.schemagate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.db.DatabaseUrl;
import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLimits;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.FlywayOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What changes a plan id besides its scripts: the bundle's text, every setting and the target. */
class PlanInputsTest {
  private static final String STAGING = "postgresql://app:pw@staging-db:5432/app";

  private static Bundle bundle(String script, FlywayOptions options) {
    return BundleLoader.fromFiles(
        "test",
        Map.of("V1__drop.sql", script.getBytes(StandardCharsets.UTF_8)),
        BundleLimits.DEFAULT,
        options);
  }

  private static FlywayOptions placeholder(String value, String origin) {
    return FlywayOptions.none().with("placeholders.table", value, origin);
  }

  private static String digest(FlywayOptions options, String url) {
    return PlanInputs.digest(bundle("DROP TABLE ${table};", options), DatabaseUrl.parse(url));
  }

  @Test
  void aPlaceholderValueChangesTheDigestButNotWhereItWasSet() {
    String reviewed = digest(placeholder("old_audit", "spec.flyway.placeholders.table"), STAGING);
    assertThat(digest(placeholder("old_audit", "spec.flyway.placeholders.table"), STAGING))
        .isEqualTo(reviewed);
    assertThat(digest(placeholder("users", "spec.flyway.placeholders.table"), STAGING))
        .isNotEqualTo(reviewed);
    assertThat(digest(placeholder("old_audit", "flyway.conf flyway.placeholders.table"), STAGING))
        .isEqualTo(reviewed);
  }

  @Test
  void everySettingAndTheTargetChangeTheDigestButThePasswordDoesNot() {
    FlywayOptions options = placeholder("t", "spec.flyway.placeholders.table");
    String reviewed = digest(options, STAGING);
    assertThat(digest(options, "postgresql://app:pw@production-db:5432/app"))
        .isNotEqualTo(reviewed);
    assertThat(digest(options, "postgresql://app:pw@staging-db:5432/other")).isNotEqualTo(reviewed);
    assertThat(digest(options, "postgresql://admin:pw@staging-db:5432/app")).isNotEqualTo(reviewed);
    assertThat(digest(options.with("schemas", "tenant_b", "spec.database.schemas"), STAGING))
        .isNotEqualTo(reviewed);
    assertThat(digest(options.with("table", "other_history", "spec.database.table"), STAGING))
        .isNotEqualTo(reviewed);
    assertThat(digest(options.with("mixed", true, "spec.flyway.mixed"), STAGING))
        .isNotEqualTo(reviewed);
    assertThat(digest(options, "postgresql://app:rotated@staging-db:5432/app")).isEqualTo(reviewed);
  }

  @Test
  void theScriptsTextChangesTheDigest() {
    DatabaseUrl url = DatabaseUrl.parse(STAGING);
    FlywayOptions options = FlywayOptions.none();
    assertThat(PlanInputs.digest(bundle("DROP TABLE a;", options), url))
        .isNotEqualTo(PlanInputs.digest(bundle("DROP TABLE b;", options), url));
  }
}
