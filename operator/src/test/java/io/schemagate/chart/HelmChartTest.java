package io.schemagate.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.schemagate.gate.GateApiCalls;
import io.schemagate.kube.ApiCall;
import io.schemagate.operator.OperatorApiCalls;
import io.schemagate.testing.Databases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The chart, rendered by real Helm (helm-java), across a matrix of values. */
@EnableKubernetesMockClient(crud = true)
class HelmChartTest {
  private static final Path CHART =
      Databases.exampleMigrations().getParent().getParent().getParent().resolve("helm/schemagate");

  KubernetesClient client;

  private List<HasMetadata> render(UnaryOperator<TemplateCommand> values) {
    String yaml =
        values.apply(new Helm(CHART).template().withName("sg").withNamespace("schemagate")).call();
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  private static <T> List<T> ofKind(List<HasMetadata> items, Class<T> type) {
    return items.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<String> args(List<HasMetadata> items) {
    return ofKind(items, Deployment.class)
        .get(0)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getArgs();
  }

  /** Every (group, resource, verb) granted by the rules. */
  private static Set<String> grants(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return grants;
  }

  private static Set<String> needed(List<ApiCall> calls) {
    Set<String> needed = new TreeSet<>();
    calls.forEach(
        c -> c.verbs().forEach(v -> needed.add(c.apiGroup() + "/" + c.resource() + ":" + v)));
    return needed;
  }

  private void acceptedByTheApiServer(List<HasMetadata> items) {
    for (HasMetadata item : items) {
      String namespace = item.getMetadata().getNamespace();
      HasMetadata created =
          namespace == null
              ? client.resource(item).create()
              : client.resource(item).inNamespace(namespace).create();
      assertThat(created.getMetadata().getUid()).isNotBlank();
    }
  }

  @Test
  void lintsClean() {
    LintResult result = new Helm(CHART).lint().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderAHardenedOperatorWithExactlyTheRbacTheCodeUses() {
    List<HasMetadata> items = render(t -> t);
    assertThat(items)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Service",
            "Deployment",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");
    Deployment deployment = ofKind(items, Deployment.class).get(0);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getImage()).isEqualTo("ghcr.io/schemagate/schemagate:0.1.0");
    assertThat(args(items))
        .startsWith("operator")
        .contains("--gate=true", "--watch-configmaps=false")
        .doesNotContain("--leader-election", "--allow-local-databases");
    assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit())
        .hasToString("64Mi")
        .as("the pod's /tmp is bounded");
    assertThat(deployment.getMetadata().getLabels())
        .containsKeys(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by",
            "helm.sh/chart");

    List<ApiCall> calls = new ArrayList<>(OperatorApiCalls.ALL);
    calls.addAll(GateApiCalls.ALL);
    assertThat(grants(ofKind(items, ClusterRole.class).get(0).getRules())).isEqualTo(needed(calls));
    acceptedByTheApiServer(items);
  }

  @Test
  void namespacedRbacGivesARoleInEachWatchedNamespaceAndNoClusterRole() {
    List<HasMetadata> items =
        render(
            t ->
                t.set("watchNamespaces[0]", "team-a")
                    .set("watchNamespaces[1]", "team-b")
                    .set("gate.enabled", false));
    assertThat(ofKind(items, ClusterRole.class)).isEmpty();
    List<Role> roles = ofKind(items, Role.class);
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    List<ApiCall> calls = new ArrayList<>(OperatorApiCalls.ALL);
    calls.addAll(OperatorApiCalls.CONFIGMAP_WATCH);
    for (Role role : roles) {
      // Per watched namespace, the labelled ConfigMaps are watched.
      assertThat(grants(role.getRules())).isEqualTo(needed(calls));
    }
    assertThat(args(items)).contains("--namespaces=team-a,team-b", "--gate=false");
    acceptedByTheApiServer(items);
  }

  @Test
  void theChartGrantsNoSecretsAndNoClusterWideConfigMapWatch() {
    for (List<HasMetadata> items :
        List.of(
            render(t -> t),
            render(t -> t.set("gate.enabled", false)),
            render(t -> t.set("replicaCount", 2)),
            render(t -> t.set("watchNamespaces[0]", "team-a")))) {
      List<PolicyRule> rules = new ArrayList<>();
      ofKind(items, ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
      ofKind(items, Role.class).forEach(r -> rules.addAll(r.getRules()));
      assertThat(grants(rules)).noneMatch(g -> g.startsWith("/secrets:"));
      Set<String> clusterWide = new TreeSet<>();
      ofKind(items, ClusterRole.class).forEach(r -> clusterWide.addAll(grants(r.getRules())));
      assertThat(clusterWide).doesNotContain("/configmaps:list", "/configmaps:watch");
    }
    // Only an explicit choice watches ConfigMaps across the cluster.
    List<HasMetadata> opted = render(t -> t.set("watchConfigMaps", true));
    assertThat(grants(ofKind(opted, ClusterRole.class).get(0).getRules()))
        .contains("/configmaps:list", "/configmaps:watch");
    assertThat(args(opted)).contains("--watch-configmaps=true");
  }

  @Test
  void theNetworkPolicyLetsTheOperatorReachOnlyTheDatabasesAndTheApiServer() {
    assertThat(ofKind(render(t -> t), NetworkPolicy.class)).isEmpty();
    NetworkPolicy policy =
        ofKind(
                render(
                    t ->
                        t.set("networkPolicy.enabled", true)
                            .set("networkPolicy.apiServer.cidrs[0]", "10.96.0.1/32")
                            .set("networkPolicy.databases.cidrs[0]", "10.20.0.0/16")
                            .set("networkPolicy.databases.cidrs[1]", "0.0.0.0/0")),
                NetworkPolicy.class)
            .get(0);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080));
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(3);
    assertThat(egress.get(0).getPorts())
        .allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(53));
    assertThat(egress.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.96.0.1/32");
    assertThat(egress.get(1).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 6443);
    assertThat(egress.get(2).getTo())
        .extracting(peer -> peer.getIpBlock().getCidr())
        .containsExactly("10.20.0.0/16", "0.0.0.0/0");
    assertThat(egress.get(2).getTo().get(0).getIpBlock().getExcept()).isEmpty();
    // Wide open still never reaches the cloud's metadata service.
    assertThat(egress.get(2).getTo().get(1).getIpBlock().getExcept())
        .containsExactly("169.254.0.0/16");
    assertThat(egress.get(2).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(5432, 3306);

    assertThatThrownBy(
            () ->
                render(
                    t ->
                        t.set("networkPolicy.enabled", true)
                            .set("networkPolicy.apiServer.cidrs[0]", "10.96.0.1/32")
                            .set("networkPolicy.databases.cidrs[0]", "169.254.169.254/32")))
        .hasMessageContaining("link-local");
    assertThatThrownBy(() -> render(t -> t.set("networkPolicy.enabled", true)))
        .hasMessageContaining("networkPolicy.databases.cidrs");
  }

  @Test
  void tenantLimitsAndLocalDatabasesReachTheOperatorOnlyWhenSet() {
    List<HasMetadata> items =
        render(
            t ->
                t.set("tenants.deadline", "30m")
                    .set("tenants.maxRunningPerNamespace", 3)
                    .set("tenants.maxBundleSize", "16Mi")
                    .set("tenants.maxHistoryRows", 50000)
                    .set("tenants.maxHistorySize", "8Mi")
                    .set("gate.threads", 4)
                    .set("localDatabases.enabled", true));
    assertThat(args(items))
        .contains(
            "--deadline=30m",
            "--max-running-per-namespace=3",
            "--max-bundle-size=16Mi",
            "--max-history-rows=50000",
            "--max-history-size=8Mi",
            "--gate-threads=4",
            "--allow-local-databases")
        .noneMatch(a -> a.startsWith("--statement-timeout"));
    assertThat(render(t -> t.set("gate.admissionPolicy.enabled", false)))
        .extracting(HasMetadata::getKind)
        .doesNotContain("ValidatingAdmissionPolicy");
    assertThatThrownBy(() -> render(t -> t.set("tenants.deadline", "soon")))
        .hasMessageContaining("deadline");
  }

  @Test
  void twoReplicasElectALeaderAndKeepOneUp() {
    List<HasMetadata> items = render(t -> t.set("replicaCount", 2));
    assertThat(items).extracting(HasMetadata::getKind).contains("PodDisruptionBudget");
    assertThat(args(items)).contains("--leader-election", "--lease-name=sg-schemagate");
    Role leases =
        ofKind(items, Role.class).stream()
            .filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
            .findFirst()
            .orElseThrow();
    assertThat(leases.getMetadata().getNamespace()).isEqualTo("schemagate");
    assertThat(grants(leases.getRules())).isEqualTo(needed(OperatorApiCalls.LEADER_ELECTION));
    acceptedByTheApiServer(items);
  }

  @Test
  void shardsAreOneDeploymentEachWithItsSelectorAndLeaseAndOneGate() {
    List<HasMetadata> items =
        render(
            t ->
                t.set("shards[0].name", "a")
                    .set("shards[0].selector", "schemagate.io/shard=a")
                    .set("shards[1].name", "b")
                    .set("shards[1].selector", "schemagate.io/shard=b")
                    .set("leaderElection.enabled", "true"));
    List<Deployment> deployments = ofKind(items, Deployment.class);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactly("sg-schemagate-a", "sg-schemagate-b");
    List<List<String>> args =
        deployments.stream()
            .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
            .toList();
    assertThat(args.get(0))
        .contains(
            "--shard-selector=schemagate.io/shard=a",
            "--gate=true",
            "--lease-name=sg-schemagate-a");
    assertThat(args.get(1))
        .contains(
            "--shard-selector=schemagate.io/shard=b",
            "--gate=false",
            "--lease-name=sg-schemagate-b");
    // Disjoint pod selectors: the two Deployments never adopt each other's pods.
    assertThat(deployments.get(0).getSpec().getSelector().getMatchLabels())
        .containsEntry("schemagate.io/shard", "a");
    assertThat(deployments.get(1).getSpec().getSelector().getMatchLabels())
        .containsEntry("schemagate.io/shard", "b");
    acceptedByTheApiServer(items);
  }

  @Test
  void metricsServiceMonitorAndPodSettingsRender() {
    // As in a real cluster, a ServiceMonitor needs the Prometheus Operator's CRD first.
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("servicemonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .withSingular("servicemonitor")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build())
        .create();
    List<HasMetadata> items =
        render(
            t ->
                t.set("metrics.serviceMonitor.enabled", true)
                    .set("metrics.serviceMonitor.labels.release", "prometheus")
                    .set("nameOverride", "sg")
                    .set("podAnnotations.example\\.com/team", "data")
                    .set("nodeSelector.kubernetes\\.io/os", "linux")
                    .set("imagePullSecrets[0].name", "regcred")
                    .set("extraEnv[0].name", "JAVA_TOOL_OPTIONS")
                    .set("extraEnv[0].value", "-Xmx400m")
                    .set("logging.format", "json"));
    HasMetadata monitor =
        items.stream().filter(i -> i.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    var pod = ofKind(items, Deployment.class).get(0).getSpec().getTemplate();
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/team", "data");
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(s -> s.getName())
        .containsExactly("regcred");
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .extracting(e -> e.getName())
        .contains("POD_NAMESPACE", "JAVA_TOOL_OPTIONS");
    assertThat(args(items)).contains("--log-format=json");
    acceptedByTheApiServer(items);
  }

  @Test
  void theValuesSchemaRejectsWrongTypesAndUnknownKeys() {
    assertThatThrownBy(() -> render(t -> t.set("replicaCount", "many")))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> render(t -> t.set("gate.enabled", "perhaps")))
        .hasMessageContaining("gate");
    assertThatThrownBy(() -> render(t -> t.set("replicas", 3))).hasMessageContaining("replicas");
    assertThatThrownBy(() -> render(t -> t.set("logging.format", "xml")))
        .hasMessageContaining("format");
  }
}
