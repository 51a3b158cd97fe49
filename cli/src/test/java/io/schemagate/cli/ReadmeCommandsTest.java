package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands table of docs/getting-started.md names every command and alias the CLI has. */
class ReadmeCommandsTest {
  @Test
  void everyCommandAndAliasIsInTheCommandsTable() throws Exception {
    Path readme =
        Databases.exampleMigrations()
            .getParent()
            .getParent()
            .getParent()
            .resolve("docs/getting-started.md");
    String text = Files.readString(readme);
    String table =
        text.substring(text.indexOf("## Commands"), text.indexOf("## Options and environment"));
    for (String name : new CommandLine(new SchemagateCommand()).getSubcommands().keySet()) {
      assertThat(table)
          .as("the guide's commands table names " + name)
          .containsPattern("[`(]" + java.util.regex.Pattern.quote(name) + "[` )]");
    }
  }
}
