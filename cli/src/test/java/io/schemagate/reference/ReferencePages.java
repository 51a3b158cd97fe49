package io.schemagate.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.schemagate.cli.ExitCodes;
import io.schemagate.cli.Main;
import io.schemagate.db.DatabaseKind;
import io.schemagate.engine.api.FlywayKeys;
import io.schemagate.kube.ExportedMetric;
import io.schemagate.lint.LintRule;
import io.schemagate.operator.Reason;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The reference pages of docs/reference/, made from the code: the commands' own help, the exit
 * codes, the CRD's fields, the reasons, the Flyway settings, the lint rules and the metrics.
 */
final class ReferencePages {
  static final String GENERATED =
      "<!-- Generated from the code by ReferencePagesTest; do not edit. Refresh with:\n"
          + "     ./mvnw -B -pl cli surefire:test -Dtest=ReferencePagesTest"
          + " -Dschemagate.writeDocs=true -->\n";

  private final Path root;

  ReferencePages(Path root) {
    this.root = root;
  }

  /** Each page's path under docs/reference/ and its text. */
  Map<String, String> pages() throws IOException {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("commands.md", commands());
    pages.put("exit-codes.md", exitCodes());
    pages.put("resource.md", resource());
    pages.put("reasons.md", reasons());
    pages.put("flyway-settings.md", flywaySettings());
    pages.put("lint-rules.md", lintRules());
    pages.put("metrics.md", metrics());
    return pages;
  }

  private static String page(String title, String intro) {
    return "# " + title + "\n\n" + GENERATED + "\n" + intro + "\n";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String help(String... args) {
    return help(Map.of(), args);
  }

  private static String help(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            environment,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new BufferedReader(new StringReader("")));
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": " + err);
    }
    return out.toString(StandardCharsets.UTF_8).stripTrailing();
  }

  String commands() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Commands and options",
                "Every command's `--help`, as `schemagate` prints it (`./migrate.sh` prints the"
                    + " same under its own name), with the options every command takes listed"
                    + " once, below the list of commands. Options go before or after the command;"
                    + " environment variables and defaults are named with each option. The guide"
                    + " is [getting started](../getting-started.md)."));
    text.append("\n```text\n").append(help("--help")).append("\n```\n");
    CommandLine root = new CommandLine(new io.schemagate.cli.SchemagateCommand());
    Set<String> shared = new TreeSet<>();
    root.getCommandSpec().options().forEach(o -> shared.addAll(List.of(o.names())));
    shared.removeAll(List.of("-h", "--help", "-V", "--version"));
    text.append("\n## Options of every command\n\n```text\n");
    text.append(options(help("status", "--help"), shared, true)).append("\n```\n");
    List<String> seen = new ArrayList<>();
    for (CommandLine command : root.getSubcommands().values()) {
      String name = command.getCommandName();
      if (seen.contains(name)) {
        continue;
      }
      seen.add(name);
      String[] aliases = command.getCommandSpec().aliases();
      text.append("\n## ").append(name).append("\n\n");
      if (aliases.length > 0) {
        text.append("Also `").append(String.join("`, `", aliases)).append("`.\n\n");
      }
      text.append("```text\n").append(options(help(name, "--help"), shared, false));
      text.append("\n```\n");
      for (String nested : command.getSubcommands().keySet()) {
        text.append("\n### ").append(name).append(' ').append(nested).append("\n\n```text\n");
        text.append(options(help(name, nested, "--help"), shared, false)).append("\n```\n");
      }
    }
    Map<String, String> plugin = Map.of("SCHEMAGATE_PLUGIN", "kubectl");
    text.append("\n## kubectl schemagate\n\n");
    text.append(
        "The kubectl plugin (`kubectl-schemagate` on the `PATH`), on the current context and");
    text.append(
        " namespace ([the operator guide](../operator.md#the-kubectl-plugin)).\n\n```text\n");
    text.append(help(plugin, "--help")).append("\n```\n");
    for (String verb : List.of("status", "plan", "approve", "resume", "repair", "history")) {
      text.append("\n### kubectl schemagate ").append(verb).append("\n\n```text\n");
      text.append(help(plugin, verb, "--help")).append("\n```\n");
    }
    return text.toString();
  }

  private static final Pattern OPTION = Pattern.compile("^  (?:-[A-Za-z], |    )(--?[A-Za-z-]+)");

  /**
   * A command's help without the options every command shares ({@code shared == false}), or only
   * those ({@code true}, with nothing before the first option): each option is its first line and
   * the deeper-indented lines after it.
   */
  static String options(String help, Set<String> shared, boolean onlyShared) {
    StringBuilder kept = new StringBuilder();
    Boolean keep = null;
    for (String line : help.split("\n", -1)) {
      Matcher option = OPTION.matcher(line);
      if (option.find()) {
        keep = shared.contains(option.group(1)) == onlyShared;
      } else if (keep != null && !line.startsWith("        ")) {
        keep = null;
      }
      if (keep == null ? !onlyShared : keep) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString().stripTrailing();
  }

  String exitCodes() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Exit codes",
                "Every command exits with one of these codes; each kind of mistake has its own,"
                    + " the same in every command. Errors are one line on stderr (`error: ...`)."));
    text.append("\n| code | meaning |\n|---|---|\n");
    for (ExitCodes.Meaning meaning : ExitCodes.ALL) {
      text.append("| ").append(meaning.code()).append(" | ").append(cell(meaning.detail()));
      text.append(" |\n");
    }
    return text.toString();
  }

  String resource() throws IOException {
    JsonNode crd =
        new ObjectMapper(new YAMLFactory())
            .readTree(root.resolve("crds/databasemigrations.schemagate.io-v1.yml").toFile());
    JsonNode version = crd.path("spec").path("versions").get(0);
    JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
    StringBuilder text =
        new StringBuilder(
            page(
                "The DatabaseMigration resource",
                "`"
                    + crd.path("spec").path("group").asText()
                    + "/"
                    + version.path("name").asText()
                    + "`, kind `DatabaseMigration`, short name `dbm`: every field of the CRD"
                    + " with its type and description, as the API server knows them. The guide,"
                    + " with the annotations, is [the operator](../operator.md)."));
    for (String part : List.of("spec", "status")) {
      text.append("\n## ")
          .append(part)
          .append("\n\n| field | type | description |\n|---|---|---|\n");
      fields(part, schema.path(part), text);
    }
    return text.toString();
  }

  private static void fields(String path, JsonNode node, StringBuilder text) {
    Iterator<Map.Entry<String, JsonNode>> properties = node.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String field = path + "." + property.getKey();
      JsonNode value = property.getValue();
      String type = value.path("type").asText("any");
      JsonNode inner = value;
      if (type.equals("array")) {
        inner = value.path("items");
        type = "array of " + inner.path("type").asText("any");
        field = field + "[]";
      } else if (type.equals("object") && value.has("additionalProperties")) {
        type = "map of " + value.path("additionalProperties").path("type").asText("any");
      }
      text.append("| `").append(field).append("` | ").append(type).append(" | ");
      text.append(cell(value.path("description").asText(""))).append(" |\n");
      fields(field, inner, text);
    }
  }

  String reasons() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Reasons",
                "The reasons a DatabaseMigration's `Ready` condition carries, with the three"
                    + " conditions each sets (kstatus: `Ready`, `Reconciling`, `Stalled`) and"
                    + " whether the operator retries by itself. What to do about each is in"
                    + " [the operator guide](../operator.md#every-reason)."));
    text.append("\n| reason | Ready / Reconciling / Stalled | retried | meaning |\n");
    text.append("|---|---|---|---|\n");
    for (Reason reason : Reason.values()) {
      Reason.State state = reason.state();
      text.append("| `").append(reason.name()).append("` | ");
      text.append(word(state.ready())).append(" / ").append(word(state.reconciling()));
      text.append(" / ").append(word(state.stalled())).append(" | ");
      text.append(reason.isTransient() ? "yes" : "no").append(" | ");
      text.append(cell(reason.meaning())).append(" |\n");
    }
    return text.toString();
  }

  private static String word(boolean value) {
    return value ? "True" : "False";
  }

  String flywaySettings() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Flyway settings",
                "The Flyway settings schemagate reads, by Flyway's names (`flyway.conf`,"
                    + " `flyway.toml`, `FLYWAY_*`, `--flyway KEY=VALUE`, `spec.flyway`), and the"
                    + " ones it refuses by name. What each supported one does is in [coming from"
                    + " Flyway](../coming-from-flyway.md)."));
    text.append("\n## Supported\n\n| setting | value |\n|---|---|\n");
    FlywayKeys.supported()
        .forEach(
            (key, kind) ->
                text.append("| `")
                    .append(key)
                    .append("` | ")
                    .append(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" |\n"));
    text.append("\n## Refused\n\n| setting | why |\n|---|---|\n");
    FlywayKeys.refused()
        .forEach(
            (key, why) ->
                text.append("| `").append(key).append("` | ").append(cell(why)).append(" |\n"));
    return text.toString();
  }

  String lintRules() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Lint rules",
                "The rules of `schemagate lint`, `plan` and the operator's lint policy. A comment"
                    + " `-- schemagate:lint-ignore <rule> <reason>` right before a statement"
                    + " silences one rule for it. How the lint reads a script is in [safe"
                    + " migrations](../safe-migrations.md)."));
    text.append("\n| rule | severity | databases | contract step | why | the safe way |\n");
    text.append("|---|---|---|---|---|---|\n");
    for (LintRule rule : LintRule.values()) {
      String databases =
          java.util.Arrays.stream(DatabaseKind.values())
              .filter(rule::appliesTo)
              .map(kind -> kind.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      text.append("| `").append(rule.id()).append("` | ");
      text.append(rule.severity().name().toLowerCase(Locale.ROOT)).append(" | ");
      text.append(databases).append(" | ").append(rule.contract() ? "yes" : "no").append(" | ");
      text.append(cell(rule.why())).append(" | ").append(cell(rule.fix())).append(" |\n");
    }
    return text.toString();
  }

  String metrics() {
    StringBuilder text =
        new StringBuilder(
            page(
                "Metrics",
                "`/metrics` on the operator's `--http-port` (8080) serves, in Prometheus' format,"
                    + " schemagate's own metrics below, JOSDK's (`operator_sdk_*`, per controller)"
                    + " and the JVM's (`jvm_memory_*`, `jvm_threads_*`, `jvm_classes_*`,"
                    + " `process_cpu_usage`, `process_uptime_seconds`). Histograms have"
                    + " `_bucket`, `_count` and `_sum` series. Dashboards and alerts over them"
                    + " are in [operations](../operations.md)."));
    text.append("\n| metric | type | labels | meaning |\n|---|---|---|---|\n");
    for (ExportedMetric metric : ExportedMetric.values()) {
      text.append("| `").append(metric.prometheusName()).append("` | ");
      text.append(metric.type().name().toLowerCase(Locale.ROOT)).append(" | ");
      text.append(
          metric.labels().stream().map(l -> "`" + l + "`").collect(Collectors.joining(", ")));
      text.append(" | ").append(cell(metric.help())).append(" |\n");
    }
    return text.toString();
  }

  /** The pages as they are in the checkout. */
  String committed(String name) throws IOException {
    Path file = root.resolve("docs/reference").resolve(name);
    return Files.exists(file) ? Files.readString(file) : "";
  }

  void write(String name, String text) throws IOException {
    Path file = root.resolve("docs/reference").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
