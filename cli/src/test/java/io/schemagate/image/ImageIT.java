package io.schemagate.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemagate.testing.Bundles;
import io.schemagate.testing.ChildJvm;
import io.schemagate.testing.Databases;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image the build writes, inspected without a Docker engine: its configuration, its files, and
 * the CLI and migrate.sh run from its file layout; then the application recipe of {@code
 * examples/docker/} laid out over it.
 */
@Tag("packaged-jar")
class ImageIT {
  private static final Path REPOSITORY =
      Databases.exampleMigrations().getParent().getParent().getParent();

  @TempDir static Path unpacked;
  static ImageRoot image;

  @TempDir Path work;

  private record Run(int code, String output) {}

  @BeforeAll
  static void unpack() throws Exception {
    image = ImageRoot.unpack(Path.of(System.getProperty("schemagate.image.tar")), unpacked);
  }

  @Test
  void theImageCarriesTheTagTheChartAndTheRecipeUse() throws Exception {
    String appVersion =
        Files.readAllLines(REPOSITORY.resolve("helm/schemagate/Chart.yaml")).stream()
            .filter(l -> l.startsWith("appVersion:"))
            .map(l -> l.substring("appVersion:".length()).strip().replace("\"", ""))
            .findFirst()
            .orElseThrow();
    assertThat(image.tags()).containsExactly("ghcr.io/schemagate/schemagate:" + appVersion);
    assertThat(Files.readString(REPOSITORY.resolve("examples/docker/Dockerfile")))
        .contains("FROM ghcr.io/schemagate/schemagate:" + appVersion + " AS schemagate");
  }

  @Test
  void theEntryPointRunsTheOperatorAsTheFixedNonRootUser() {
    assertThat(image.entrypoint())
        .startsWith("java")
        .contains("-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75")
        .endsWith("-cp", "@/app/jib-classpath-file", "io.schemagate.cli.Main");
    assertThat(image.cmd()).containsExactly("operator");
    assertThat(image.config().get("User").asText()).isEqualTo("65532:65532");
    assertThat(image.config().get("WorkingDir").asText()).isEqualTo("/app");
  }

  @Test
  void theCliAndMigrateShAreInPlaceWithEveryClassPathEntry() throws Exception {
    assertThat(image.resolve("/app/migrate.sh")).isExecutable();
    assertThat(image.resolve("/app/schemagate")).isExecutable();
    assertThat(Files.readString(image.resolve("/app/migrate.sh")))
        .isEqualTo(Files.readString(REPOSITORY.resolve("migrate.sh")));
    String classpath = Files.readString(image.resolve("/app/jib-classpath-file")).strip();
    for (String entry : classpath.split(":")) {
      assertThat(image.resolve(entry)).as(entry).exists();
    }
    assertThat(classpath).contains("/app/libs/flyway-core-", "/app/libs/postgresql-");
  }

  /** The kubectl plugin travels in the image and runs from its file layout. */
  @Test
  void theKubectlPluginRunsFromTheImage() throws Exception {
    assertThat(image.resolve("/app/kubectl-schemagate")).isExecutable();
    Run help =
        run(
            List.of("bash", image.resolve("/app/kubectl-schemagate").toString(), "--help"),
            Map.of(),
            work);
    assertThat(help.code()).as(help.output()).isZero();
    assertThat(help.output())
        .startsWith("Usage: kubectl schemagate")
        .contains("approve", "resume", "repair", "history");
  }

  @Test
  void autoUpgradeRunsFromTheImagesFileLayout() throws Exception {
    Run run =
        run(
            List.of("bash", image.resolve("/app/migrate.sh").toString(), "auto-upgrade"),
            Map.of(
                "DATABASE_URL",
                "sqlite:///" + work.resolve("app.db"),
                "MIGRATIONS_DIR",
                Databases.exampleMigrations().toString()),
            work);
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("Upgraded from an empty history to 6");
    Run current =
        run(
            List.of("bash", image.resolve("/app/migrate.sh").toString(), "alembic-cmd", "current"),
            Map.of(
                "DATABASE_URL",
                "sqlite:///" + work.resolve("app.db"),
                "MIGRATIONS_DIR",
                Databases.exampleMigrations().toString()),
            work);
    assertThat(current.output().strip()).isEqualTo("6 (head)");
  }

  @Test
  void theImagesJvmOptionsEndTheProcessOnOutOfMemory() throws Exception {
    List<String> entrypoint = image.entrypoint();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(entrypoint.subList(1, entrypoint.indexOf("-cp")));
    command.addAll(
        List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), FillHeap.class.getName()));
    Run run = run(command, Map.of(), work);
    assertThat(run.code()).as(run.output()).isEqualTo(3);
    assertThat(run.output())
        .contains("Terminating due to java.lang.OutOfMemoryError")
        .doesNotContain("the process lives on");
  }

  @Test
  void theApplicationRecipeMigratesThenStartsTheApplication() throws Exception {
    Path context = work.resolve("context");
    Files.createDirectories(context);
    Path recipeFolder = REPOSITORY.resolve("examples/docker");
    Files.copy(
        recipeFolder.resolve("docker-entrypoint.sh"), context.resolve("docker-entrypoint.sh"));
    Files.writeString(context.resolve("app.jar"), "the application");
    Bundles.copy(Databases.exampleMigrations(), context.resolve("migrations"));
    DockerfileRecipe recipe =
        DockerfileRecipe.layOut(
            recipeFolder.resolve("Dockerfile"),
            context,
            Map.of("schemagate", image.root()),
            work.resolve("container"));
    assertThat(recipe.user).isEqualTo("65532:65532");
    assertThat(recipe.cmd).containsExactly("java", "-jar", "app.jar");
    assertThat(recipe.resolve("/opt/schemagate/migrate.sh")).isExecutable();
    assertThat(recipe.resolve("mvnw")).doesNotExist();

    Map<String, String> env = new java.util.HashMap<>(recipe.containerEnvironment());
    env.put("DATABASE_URL", "sqlite:///" + work.resolve("app.db"));
    List<String> command = new ArrayList<>();
    command.add(recipe.resolve(recipe.entrypoint.get(0)).toString());
    // The container's command, as `docker run my-app sh -c ...` gives it.
    command.addAll(List.of("sh", "-c", "echo application started"));
    Run run = run(command, env, recipe.resolve(recipe.workdir));
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Upgraded from an empty history to 6")
        .endsWith("application started\n");

    env.put("AUTO_MIGRATE_ON_STARTUP", "flase");
    Run refused = run(command, env, recipe.resolve(recipe.workdir));
    assertThat(refused.code()).isEqualTo(9);
    assertThat(refused.output())
        .contains("AUTO_MIGRATE_ON_STARTUP='flase'")
        .doesNotContain("application started");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Run run(List<String> command, Map<String, String> env, Path directory)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    ChildJvm.clearSettings(builder.environment());
    // The host's java stands in for the base image's JRE.
    builder
        .environment()
        .put("PATH", Path.of(java()).getParent() + File.pathSeparator + "/usr/bin:/bin");
    builder.environment().put("JAVA_OPTS", String.join(" ", ChildJvm.options()));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish: " + command);
    }
    return new Run(process.exitValue(), output);
  }
}
