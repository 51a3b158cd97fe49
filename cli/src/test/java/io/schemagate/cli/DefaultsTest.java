package io.schemagate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.schemagate.operator.OperatorSettings;
import io.schemagate.testing.Databases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The operator's defaults live once, in {@link OperatorSettings#DEFAULTS}: the command line without
 * flags runs with them, every default its help text names is the one in force, and the chart's
 * default values start the operator with exactly them.
 */
class DefaultsTest {
  private static final Path CHART =
      Databases.exampleMigrations().getParent().getParent().getParent().resolve("helm/schemagate");

  /**
   * A literal default in a help text: "(default 6h)", or "operator: 30m" for a root option whose
   * default differs in the operator; "(default: all)" is a description, not a value.
   */
  private static final Pattern LITERAL_DEFAULT =
      Pattern.compile("(?:\\(default |operator: )([0-9][0-9A-Za-z.]*)\\)");

  private static CommandLine commandLine(Map<String, String> environment) {
    SchemagateCommand root = new SchemagateCommand();
    root.environment = environment;
    CommandLine cli = new CommandLine(root);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    return cli;
  }

  private static OperatorSettings settings(Map<String, String> environment, List<String> args) {
    List<String> all = new ArrayList<>(List.of("operator"));
    all.addAll(args);
    ParseResult parsed = commandLine(environment).parseArgs(all.toArray(String[]::new));
    return ((OperatorCommand) parsed.subcommand().commandSpec().userObject()).settings();
  }

  @Test
  void withoutFlagsTheOperatorRunsWithTheDefaults() {
    assertThat(settings(Map.of(), List.of())).isEqualTo(OperatorSettings.DEFAULTS);
  }

  @Test
  void aShardSelectorIsCheckedAndKept() {
    assertThat(
            settings(Map.of(), List.of("--shard-selector=schemagate.io/shard=a")).shardSelector())
        .isEqualTo("schemagate.io/shard=a");
    assertThat(
            settings(Map.of(), List.of("--shard-selector=schemagate.io/shard in (a, b),!legacy"))
                .shardSelector())
        .isEqualTo("schemagate.io/shard in (a, b),!legacy");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> settings(Map.of(), List.of("--shard-selector=shard=(a")))
        .hasMessageContaining("--shard-selector 'shard=(a' is not a label selector");
  }

  @Test
  void everyDefaultAHelpTextNamesIsTheOneInForce() {
    CommandLine operator = commandLine(Map.of()).getSubcommands().get("operator");
    List<String> checked = new ArrayList<>();
    for (OptionSpec option : operator.getCommandSpec().options()) {
      Matcher literal = LITERAL_DEFAULT.matcher(String.join(" ", option.description()));
      if (!literal.find()) {
        continue;
      }
      String flag = option.longestName() + "=" + literal.group(1);
      assertThat(settings(Map.of(), List.of(flag)))
          .as("the help of %s says its default is %s", option.longestName(), literal.group(1))
          .isEqualTo(OperatorSettings.DEFAULTS);
      checked.add(flag);
    }
    assertThat(checked)
        .contains(
            "--statement-timeout=30m",
            "--lock-wait-timeout=10s",
            "--deadline=1h",
            "--max-statement-timeout=6h",
            "--max-lock-wait-timeout=5m",
            "--max-deadline=6h",
            "--max-bundle-scripts=10000",
            "--max-bundle-size=32Mi",
            "--max-script-size=5Mi",
            "--max-history-rows=20000",
            "--max-history-size=4Mi");
  }

  @Test
  void theChartsDefaultValuesStartTheOperatorWithTheDefaults() {
    String yaml = new Helm(CHART).template().withName("sg").withNamespace("schemagate").call();
    Container container;
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      List<HasMetadata> items =
          client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
      container =
          items.stream()
              .filter(Deployment.class::isInstance)
              .map(d -> ((Deployment) d).getSpec().getTemplate().getSpec().getContainers().get(0))
              .findFirst()
              .orElseThrow();
    }
    Map<String, String> environment = new HashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValue() != null) {
        environment.put(variable.getName(), variable.getValue());
      }
    }
    List<String> args = new ArrayList<>(container.getArgs());
    args.remove("operator");
    assertThat(args).contains("--reconcile-threads=10", "--recheck-interval=10m");
    assertThat(settings(environment, args)).isEqualTo(OperatorSettings.DEFAULTS);
  }
}
