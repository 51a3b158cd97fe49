package io.schemagate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} reads: the top level lists the commands first, one line each, on one screen;
 * each command's help has its own options; {@code operator} shows only the options it reads.
 */
final class HelpLayout {
  private static final int WIDTH = 80;

  /** The command line's options that the operator does not read: a tenant's resource sets them. */
  static final Set<String> NOT_FOR_THE_OPERATOR =
      Set.of(
          "--database-url",
          "--user",
          "--password",
          "--migrations-dir",
          "--schema",
          "--table",
          "--placeholder",
          "--flyway",
          "--out-of-order",
          "--executor",
          "--output");

  private HelpLayout() {}

  static void apply(CommandLine root) {
    CommandSpec spec = root.getCommandSpec();
    String program = spec.name();
    UsageMessageSpec usage = spec.usageMessage();
    usage.width(WIDTH);
    usage.customSynopsis("Usage: " + program + " COMMAND [ARGS] [OPTIONS]");
    usage.commandListHeading("%nCommands:%n");
    usage.footer(footer(program));
    usage.sectionKeys(
        List.of(
            UsageMessageSpec.SECTION_KEY_SYNOPSIS,
            UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
            UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_FOOTER));
    Map<String, CommandLine.IHelpSectionRenderer> sections =
        new LinkedHashMap<>(root.getHelpSectionMap());
    // The map reaches every command's help: only the top level's list is one line per command.
    CommandLine.IHelpSectionRenderer standard =
        sections.get(UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
    sections.put(
        UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        help -> help.commandSpec() == spec ? commandList(root) : standard.render(help));
    root.setHelpSectionMap(sections);
    for (CommandLine command : unique(root)) {
      command(command);
      unique(command).forEach(HelpLayout::command);
    }
    CommandSpec operator = root.getSubcommands().get("operator").getCommandSpec();
    for (OptionSpec option : new ArrayList<>(operator.options())) {
      if (NOT_FOR_THE_OPERATOR.contains(option.longestName())) {
        operator.remove(option);
      }
    }
    // help takes a command's name and nothing else.
    CommandSpec help = root.getSubcommands().get("help").getCommandSpec();
    for (OptionSpec option : new ArrayList<>(help.options())) {
      if (option.inherited() && !option.usageHelp() && !option.versionHelp()) {
        help.remove(option);
      }
    }
  }

  /**
   * A command's help: a short synopsis, its description and options. Its header is the line the
   * top-level list shows, and would only repeat the description here.
   */
  private static void command(CommandLine command) {
    UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    usage.abbreviateSynopsis(true).width(WIDTH).synopsisHeading("Usage: ");
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    keys.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
    keys.remove(UsageMessageSpec.SECTION_KEY_HEADER);
    usage.sectionKeys(keys);
  }

  /** Each command once, in the order declared (aliases map to the same command). */
  private static List<CommandLine> unique(CommandLine parent) {
    List<CommandLine> commands = new ArrayList<>();
    for (CommandLine command : parent.getSubcommands().values()) {
      if (!commands.contains(command)) {
        commands.add(command);
      }
    }
    return commands;
  }

  private static String commandList(CommandLine root) {
    StringBuilder list = new StringBuilder();
    for (CommandLine command : unique(root)) {
      CommandSpec spec = command.getCommandSpec();
      String names = String.join(", ", spec.names());
      String header =
          spec.usageMessage().header().length == 0 ? "" : spec.usageMessage().header()[0];
      list.append(String.format("  %-18s %s%n", names, header));
    }
    return list.toString();
  }

  private static String footer(String program) {
    List<String> items = new ArrayList<>();
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      items.add(meaning.code() + " " + meaning.brief());
    }
    items.set(0, "Exit codes: " + items.get(0));
    items.set(items.size() - 1, items.get(items.size() - 1) + " (docs/reference/exit-codes.md).");
    return "%n'"
        + program
        + " COMMAND --help' lists its options; --version prints the version.%n"
        + wrap(items);
  }

  /** The items joined by commas, broken between items, never inside one. */
  private static String wrap(List<String> items) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i < items.size() - 1 ? "," : "");
      if (column > 0 && column + 1 + item.length() > WIDTH) {
        out.append("%n");
        column = 0;
      } else if (column > 0) {
        out.append(' ');
        column++;
      }
      out.append(item);
      column += item.length();
    }
    return out.toString();
  }
}
