package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import io.schemagate.testing.Cli.Result;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's words read as a person would write them: no "(none) (0 applied)", no file://
 * URIs, the same exit code for the same mistake in every command, and failures to connect named for
 * what they are.
 */
class CliWordingTest {
  @TempDir Path dir;

  private Cli sqlite() throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(scripts.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
    Files.writeString(scripts.resolve("U1__a.sql"), "DROP TABLE a;");
    return new Cli()
        .env("DATABASE_URL", "sqlite:///" + dir.resolve("app.db"))
        .env("MIGRATIONS_DIR", scripts.toString());
  }

  @Test
  void anEmptyHistoryIsSaidInWords() throws Exception {
    assertThat(sqlite().run("status").out())
        .contains("Current:   none (nothing applied yet)")
        .doesNotContain("(none)");
    assertThat(sqlite().run("upgrade").out())
        .contains("Upgraded from an empty history to 1: 1 migration in");
    assertThat(sqlite().run("status").out()).contains("Current:   1 (1 applied)");
    assertThat(sqlite().run("downgrade", "5").err()).contains("Cannot go back 5 steps: only 1");
  }

  @Test
  void createPrintsPathsNotUris() throws Exception {
    Result created = sqlite().run("create", "-o", "json", "add b");
    assertThat(created.code()).as(created.all()).isZero();
    assertThat(created.out())
        .doesNotContain("file:")
        .contains("\"migration\" : \"" + dir.resolve("migrations/V2__add_b.sql") + "\"");
  }

  @Test
  void aVersionThatIsNotOneIsAWrongCommandLineInEveryCommand() throws Exception {
    for (String[] args :
        new String[][] {
          {"upgrade", "abc"},
          {"stamp", "abc"},
          {"show", "abc"},
          {"downgrade", "abc"},
          {"wait", "--version", "abc"}
        }) {
      Result result = sqlite().run(args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err()).contains("'abc'").contains("usage: schemagate " + args[0]);
      assertThat(result.err()).doesNotContain("latest");
    }
  }

  @Test
  void helpIsACommandToo() throws Exception {
    Result help = sqlite().run("help", "upgrade");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: schemagate upgrade [OPTIONS] [VERSION]");
    assertThat(sqlite().run("help").out()).contains("Commands:").doesNotContain("did you mean");
  }

  @Test
  void anUnknownHostIsNamedAsOne() throws Exception {
    Result result =
        sqlite().env("DATABASE_URL", "postgresql://app@no-such-host.invalid/app").run("status");
    assertThat(result.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err()).contains("unknown host no-such-host.invalid");
  }

  /** A port where another kind of server listens: it takes the connection and says nothing. */
  @Test
  void aMariaDbUrlOnAnotherServersPortSaysSo() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      // Never accepted: the kernel completes the connection into the backlog, and nothing is
      // ever sent on it, as with a server that waits for its client to speak first.
      Result result =
          sqlite()
              .env("DATABASE_URL", "mariadb://root@127.0.0.1:" + silent.getLocalPort() + "/test")
              .run("status", "--connect-timeout", "1s");
      assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(result.err()).contains("sent no MySQL/MariaDB greeting");
    }
  }
}
