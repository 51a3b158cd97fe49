package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Cli;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} reads as a user needs it: the top level fits one screen with the commands first,
 * every command's own help works and lists its options, and {@code operator --help} shows only what
 * the operator reads.
 */
class HelpTest {
  @Test
  void theTopLevelListsTheCommandsFirstOnOneScreen() {
    Cli.Result help = new Cli().run("--help");
    assertThat(help.code()).isZero();
    String[] lines = help.out().split("\n");
    assertThat(lines.length).as("lines of --help").isLessThanOrEqualTo(40);
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(help.out().indexOf("Commands:")).isLessThan(400);
    for (String name : new CommandLine(new SchemagateCommand()).getSubcommands().keySet()) {
      assertThat(help.out()).containsPattern("(?m)^  (\\S+, )?" + name + "[ ,]");
    }
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      assertThat(help.out().replace('\n', ' ')).contains(meaning.code() + " " + meaning.brief());
    }
    assertThat(help.out()).doesNotContain("--database-url");
  }

  @Test
  void everyCommandsHelpWorksAndListsItsOptions() {
    CommandLine root = new CommandLine(new SchemagateCommand());
    Set<CommandLine> commands = new LinkedHashSet<>(root.getSubcommands().values());
    for (CommandLine command : commands) {
      String name = command.getCommandName();
      Cli.Result help = new Cli().run(name, "--help");
      assertThat(help.code()).as(name + " --help: " + help.err()).isZero();
      assertThat(help.out()).startsWith("Usage: schemagate " + name + " [OPTIONS]");
      command.getCommandSpec().options().stream()
          .filter(option -> !option.hidden() && !option.inherited())
          .forEach(option -> assertThat(help.out()).as(name).contains(option.longestName()));
    }
  }

  @Test
  void theOperatorsHelpShowsOnlyWhatTheOperatorReads() {
    Cli.Result help = new Cli().run("operator", "--help");
    assertThat(help.code()).isZero();
    for (String option : HelpLayout.NOT_FOR_THE_OPERATOR) {
      assertThat(help.out()).as(option).doesNotContain(option + "=");
    }
    assertThat(help.out()).contains("--reconcile-threads", "--lock-timeout", "--statement-timeout");
    assertThat(new Cli().run("operator", "--database-url", "postgresql://db/app").code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpShowsTheDefaultNotTheEnvironmentsValue() {
    Cli.Result help =
        new Cli().env("MIGRATIONS_DIR", "/srv/app/db/migrations").run("status", "--help");
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("(env MIGRATIONS_DIR; default migrations)")
        .doesNotContain("/srv/app");
  }

  @Test
  void usageLinesNameTheProgramTheUserTyped() {
    Cli.Result wrong = new Cli().env("SCHEMAGATE_PROGRAM", "./migrate.sh").run("status", "--frob");
    assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("usage: ./migrate.sh status [OPTIONS]");
  }
}
