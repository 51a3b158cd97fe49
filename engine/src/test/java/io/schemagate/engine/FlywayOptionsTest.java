package io.schemagate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleException;
import io.schemagate.engine.api.BundleLoader;
import io.schemagate.engine.api.EngineSettings;
import io.schemagate.engine.api.FlywayKeys;
import io.schemagate.engine.api.FlywayOptions;
import io.schemagate.engine.api.Script;
import io.schemagate.engine.api.ScriptSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flyway's settings as its users write them: files, environment, precedence and refusals. */
class FlywayOptionsTest {
  @Test
  void aConfFileAndATomlFileMeanTheSame() {
    FlywayOptions conf =
        FlywayOptions.fromConf(
            "# comment\nflyway.table=app_history\nflyway.schemas=app, audit\n"
                + "flyway.placeholders.owner=ops\nflyway.sqlMigrationSuffixes=.sql,.ddl\n",
            "flyway.conf");
    FlywayOptions toml =
        FlywayOptions.fromToml(
            "[environments.default]\nschemas = [\"app\", \"audit\"]\n"
                + "[flyway]\ntable = \"app_history\"\nsqlMigrationSuffixes = [\".sql\", \".ddl\"]\n"
                + "[flyway.placeholders]\nowner = \"ops\"\n[flywayDesktop]\nschemaModel = \"x\"\n",
            "flyway.toml");
    for (FlywayOptions options : List.of(conf, toml)) {
      assertThat(options.problems()).isEmpty();
      assertThat(options.text("table")).contains("app_history");
      assertThat(options.list("schemas")).contains(List.of("app", "audit"));
      assertThat(options.placeholders()).containsExactly(Map.entry("owner", "ops"));
      assertThat(options.naming().suffixes()).containsExactly(".sql", ".ddl");
    }
    assertThat(toml.settings().get("table").origin()).isEqualTo("flyway.toml [flyway] table");
  }

  @Test
  void environmentVariablesFollowFlywaysNamesAndLeaveOtherToolsAlone() {
    FlywayOptions options =
        FlywayOptions.fromEnvironment(
            Map.of(
                "FLYWAY_SQL_MIGRATION_PREFIX", "M",
                "FLYWAY_IGNORE_MIGRATION_PATTERNS", "*:missing",
                "FLYWAY_PLACEHOLDERS_OWNER", "ops",
                "FLYWAY_URL", "jdbc:postgresql://db/app",
                "FLYWAY_HOME", "/opt/flyway",
                "PATH", "/usr/bin"));
    assertThat(options.settings().keySet())
        .containsExactlyInAnyOrder(
            "sqlMigrationPrefix", "ignoreMigrationPatterns", "placeholders.owner");
    assertThat(options.settings().get("sqlMigrationPrefix").origin())
        .isEqualTo("FLYWAY_SQL_MIGRATION_PREFIX");
    assertThat(options.problems()).isEmpty();
  }

  @Test
  void laterSourcesOverrideEarlierOnes() {
    FlywayOptions file = FlywayOptions.fromConf("flyway.table=from_file\nflyway.mixed=true", "f");
    FlywayOptions merged =
        file.overriddenBy(FlywayOptions.none().with("table", "from_flag", "--table"));
    assertThat(merged.text("table")).contains("from_flag");
    assertThat(merged.bool("mixed")).contains(true);
    EngineSettings settings = new EngineSettings.Builder().flyway(merged).build();
    assertThat(settings.table()).isEqualTo("from_flag");
    assertThat(settings.mixed()).isTrue();
  }

  @Test
  void refusedUnknownAndMalformedSettingsAreEachNamedWhereTheyWereWritten() {
    FlywayOptions options =
        FlywayOptions.fromConf(
            "flyway.url=jdbc:postgresql://elsewhere/db\n"
                + "flyway.callbacks=com.example.Audit\n"
                + "flyway.initSql=SET statement_timeout = 0\n"
                + "flyway.jdbcProperties.allowLoadLocalInfile=true\n"
                + "flyway.postgresql.transactional.lock=true\n"
                + "flyway.cherryPick=2\n"
                + "flyway.tabel=typo\n"
                + "flyway.encoding=latin-99\n"
                + "flyway.outOfOrder=yes\n"
                + "flyway.table=history; DROP TABLE users\n"
                + "flyway.ignoreMigrationPatterns=*:sometimes\n",
            "flyway.conf");
    assertThat(options.problems())
        .hasSize(11)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("flyway.conf flyway.url: not supported")
                    .contains("spec.database"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("flyway.conf flyway.callbacks: not supported")
                    .contains("Java classes"))
        .anySatisfy(p -> assertThat(p).startsWith("flyway.conf flyway.initSql: not supported"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "flyway.conf flyway.jdbcProperties.allowLoadLocalInfile: not supported"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("flyway.conf flyway.postgresql.transactional.lock: not supported"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("flyway.conf flyway.cherryPick: not supported")
                    .contains("paid editions"))
        .anySatisfy(p -> assertThat(p).contains("'tabel' is not a Flyway setting schemagate knows"))
        .anySatisfy(p -> assertThat(p).contains("'latin-99' is not an encoding"))
        .anySatisfy(p -> assertThat(p).contains("'yes' is not true or false"))
        .anySatisfy(
            p ->
                assertThat(p).contains("The table name 'history; DROP TABLE users' is not allowed"))
        .anySatisfy(p -> assertThat(p).contains("'*:sometimes'"));
  }

  @Test
  void aBundleWithBrokenSettingsIsRefusedBeforeAnyScriptIsRead() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("flyway.conf", "flyway.callbacks=com.example.Audit".getBytes(StandardCharsets.UTF_8));
    files.put("V1__a.sql", "CREATE TABLE a (id INT);".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BundleLoader.fromFiles("bundle", files))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("flyway.conf flyway.callbacks: not supported");
    files.put("flyway.toml", "[flyway]\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BundleLoader.fromFiles("bundle", files))
        .hasMessageContaining("the bundle holds both; keep one");
  }

  @Test
  void namingSettingsDecideWhichFilesAreScripts() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "flyway.conf",
        "flyway.sqlMigrationSuffixes=.ddl\nflyway.encoding=ISO-8859-1"
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        "V1__caf\u00e9.ddl",
        "INSERT INTO t VALUES ('caf\u00e9');".getBytes(StandardCharsets.ISO_8859_1));
    files.put("notes.sql", "-- not a script with these suffixes".getBytes(StandardCharsets.UTF_8));
    files.put("afterMigrate.ddl", "SELECT 1;".getBytes(StandardCharsets.UTF_8));
    files.put("B1__base.ddl", "CREATE TABLE t (x VARCHAR(10));".getBytes(StandardCharsets.UTF_8));
    Bundle bundle = BundleLoader.fromFiles("bundle", files);
    ScriptSet scripts = bundle.forDatabase(io.schemagate.db.DatabaseKind.H2);
    assertThat(scripts.scripts())
        .containsOnlyKeys("V1__caf\u00e9.ddl", "afterMigrate.ddl", "B1__base.ddl");
    assertThat(scripts.scripts().get("V1__caf\u00e9.ddl").text()).contains("'caf\u00e9'");
    assertThat(scripts.callbacks()).extracting(Script::name).containsExactly("afterMigrate.ddl");
    assertThat(scripts.baselines()).extracting(Script::version).containsExactly("1");
  }

  @Test
  void theReadmeListsEverySupportedAndRefusedSetting() throws IOException {
    String readme = Files.readString(Path.of("../docs/coming-from-flyway.md"));
    String section = readme;
    for (String key : FlywayKeys.supported().keySet()) {
      assertThat(section).as("supported %s", key).contains("`" + key + "`");
    }
    for (String key : FlywayKeys.refused().keySet()) {
      assertThat(section).as("refused %s", key).containsAnyOf("`" + key + "`", "`" + key + ".*`");
    }
  }
}
