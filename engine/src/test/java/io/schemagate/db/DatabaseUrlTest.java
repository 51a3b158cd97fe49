package io.schemagate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://app:pw@db:5432/app|POSTGRESQL|jdbc:postgresql://db:5432/app|postgresql://app:***@db:5432/app",
        "postgres://app:pw@db/app|POSTGRESQL|jdbc:postgresql://db/app|postgres://app:***@db/app",
        "postgresql+psycopg2://app:pw@db:5432/app|POSTGRESQL|jdbc:postgresql://db:5432/app|postgresql+psycopg2://app:***@db:5432/app",
        "postgresql://app:pw@db:5432/app?sslmode=require|POSTGRESQL|jdbc:postgresql://db:5432/app?sslmode=require|postgresql://app:***@db:5432/app?sslmode=require",
        "mysql://root:pw@127.0.0.1:3306/test|MYSQL|jdbc:mysql://127.0.0.1:3306/test|mysql://root:***@127.0.0.1:3306/test",
        "mysql+pymysql://root@127.0.0.1/test|MYSQL|jdbc:mysql://127.0.0.1/test|mysql+pymysql://root@127.0.0.1/test",
        "mariadb://root:pw@127.0.0.1:3306/test|MARIADB|jdbc:mariadb://127.0.0.1:3306/test|mariadb://root:***@127.0.0.1:3306/test",
        "sqlite:///output/lets_talk.db|SQLITE|jdbc:sqlite:output/lets_talk.db|sqlite:///output/lets_talk.db",
        "sqlite:////var/data/app.db|SQLITE|jdbc:sqlite:/var/data/app.db|sqlite:////var/data/app.db",
        "sqlite://|SQLITE|jdbc:sqlite::memory:|sqlite://",
        "h2:mem:test|H2|jdbc:h2:mem:test;DB_CLOSE_DELAY=-1|h2:mem:test",
        "h2:file:./data/app|H2|jdbc:h2:file:./data/app|h2:file:./data/app",
        "jdbc:postgresql://db:5432/app?user=app&password=pw|POSTGRESQL|jdbc:postgresql://db:5432/app|jdbc:postgresql://app:***@db:5432/app",
        "jdbc:mysql://app:pw@db:3306/app|MYSQL|jdbc:mysql://db:3306/app|jdbc:mysql://app:***@db:3306/app",
        "jdbc:h2:mem:x|H2|jdbc:h2:mem:x|jdbc:h2:mem:x",
      })
  void turnsWhatUsersWriteIntoJdbcUrlsAndRedactsThePassword(
      String url, DatabaseKind kind, String jdbc, String redacted) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    assertThat(parsed.kind()).isEqualTo(kind);
    assertThat(parsed.jdbcUrl()).isEqualTo(jdbc);
    assertThat(parsed.redacted()).isEqualTo(redacted);
    assertThat(parsed.toString()).isEqualTo(redacted).doesNotContain(":pw@").doesNotContain("=pw");
  }

  @Test
  void separatesAndPercentDecodesCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app%40corp:p%40ss%3Aw0rd+x@db:5432/app");
    assertThat(url.user()).contains("app@corp");
    assertThat(url.password()).contains("p@ss:w0rd+x");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    assertThat(url.redacted()).isEqualTo("postgresql://app@corp:***@db:5432/app");
  }

  @Test
  void anUnencodedAtSignInThePasswordStillParses() {
    DatabaseUrl url = DatabaseUrl.parse("mysql://root:se@cret@db/app");
    assertThat(url.password()).contains("se@cret");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:mysql://db/app");
    assertThat(url.redacted()).doesNotContain("se@cret");
  }

  @Test
  void separateCredentialsWin() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://app:old@db/app").withCredentials("other", "new");
    assertThat(url.user()).contains("other");
    assertThat(url.password()).contains("new");
    DatabaseUrl keep = DatabaseUrl.parse("postgresql://app:old@db/app").withCredentials(null, "");
    assertThat(keep.user()).contains("app");
    assertThat(keep.password()).contains("old");
  }

  @Test
  void anUnsupportedSchemeListsTheSupportedOnesWithoutThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("oracle://scott:tiger@db:1521/orcl"))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("Unsupported database URL scheme 'oracle'")
        .hasMessageContaining("postgresql://")
        .hasMessageContaining("mariadb://")
        .hasMessageContaining("sqlite:///")
        .hasMessageContaining("h2:mem:")
        .hasMessageNotContaining("tiger");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
        .hasMessageContaining("Unsupported JDBC URL");
  }

  @Test
  void malformedUrlsAreExplained() {
    assertThatThrownBy(() -> DatabaseUrl.parse("")).hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> DatabaseUrl.parse("localhost:5432/app"))
        .hasMessageContaining("Unsupported");
    assertThatThrownBy(() -> DatabaseUrl.parse("just-words")).hasMessageContaining("no scheme");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:app"))
        .hasMessageContaining("user:password@host");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:secret@/app"))
        .hasMessageContaining("names no host")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> DatabaseUrl.parse("sqlite:/app.db"))
        .hasMessageContaining("three slashes");
    assertThatThrownBy(() -> DatabaseUrl.parse("h2:app")).hasMessageContaining("h2:mem:name");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:%zz@db/app"))
        .hasMessageContaining("percent-encoding")
        .hasMessageNotContaining("%zz");
  }

  @Test
  void sqliteCreatesTheFolderOfItsFile(@TempDir Path dir) {
    Path file = dir.resolve("a/b/app.db");
    DatabaseUrl url = DatabaseUrl.parse("sqlite:///" + file);
    assertThat(url.sqliteFile()).contains(file);
    url.prepare();
    assertThat(Files.isDirectory(dir.resolve("a/b"))).isTrue();
  }
}
