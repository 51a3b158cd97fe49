package io.schemagate.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Dockerfile's file layout, laid out in a folder instead of an image: its COPY (from the context
 * or from an image stage), WORKDIR, ENV, ENTRYPOINT and CMD, so a test can run the entry point over
 * the files a container would have, where no Docker engine runs. Written here because no library
 * lays a Dockerfile out without an engine; any other instruction is refused, so the recipe cannot
 * grow a step this check would skip.
 */
final class DockerfileRecipe {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final Map<String, String> environment = new LinkedHashMap<>();
  String workdir = "/";
  String user;
  List<String> entrypoint = List.of();
  List<String> cmd = List.of();

  private DockerfileRecipe(Path root) {
    this.root = root;
  }

  /**
   * Lays out {@code dockerfile}'s final stage.
   *
   * @param context the build context
   * @param stages the unpacked image of each stage name used in {@code COPY --from}
   */
  static DockerfileRecipe layOut(Path dockerfile, Path context, Map<String, Path> stages, Path root)
      throws IOException {
    DockerfileRecipe recipe = new DockerfileRecipe(root);
    Files.createDirectories(root);
    for (String line : Files.readAllLines(dockerfile)) {
      String instruction = line.strip();
      if (instruction.isEmpty() || instruction.startsWith("#")) {
        continue;
      }
      String[] words = instruction.split("\\s+", 2);
      String rest = words.length > 1 ? words[1] : "";
      switch (words[0]) {
        case "FROM" -> {} // the base image's own files are the JRE; the host's java stands in
        case "WORKDIR" -> recipe.workdir = rest;
        case "USER" -> recipe.user = rest;
        case "ENV" -> {
          String[] pair = rest.split("=", 2);
          recipe.environment.put(pair[0], pair[1]);
        }
        case "ENTRYPOINT" -> recipe.entrypoint = List.of(JSON.readValue(rest, String[].class));
        case "CMD" -> recipe.cmd = List.of(JSON.readValue(rest, String[].class));
        case "COPY" -> recipe.copy(rest, context, stages);
        default -> throw new IllegalArgumentException("not laid out: " + instruction);
      }
    }
    return recipe;
  }

  /** The image path {@code path} (absolute, or relative to WORKDIR) in the folder. */
  Path resolve(String path) {
    String absolute = path.startsWith("/") ? path : workdir + "/" + path;
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  private void copy(String arguments, Path context, Map<String, Path> stages) throws IOException {
    List<String> words = new ArrayList<>(Arrays.asList(arguments.split("\\s+")));
    Path from = context;
    if (words.get(0).startsWith("--from=")) {
      String stage = words.remove(0).substring("--from=".length());
      from = stages.get(stage);
      if (from == null) {
        throw new IllegalArgumentException("no image for stage " + stage);
      }
    }
    String destination = words.remove(words.size() - 1);
    for (String source : words) {
      Path sourcePath = from.resolve(source.replaceFirst("^/+", ""));
      Path target = resolve(destination);
      if (Files.isDirectory(sourcePath)) {
        io.schemagate.testing.Bundles.copy(sourcePath, target);
      } else {
        Path file = destination.endsWith("/") ? target.resolve(sourcePath.getFileName()) : target;
        Files.createDirectories(file.getParent());
        Files.copy(sourcePath, file, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /**
   * The environment of a container: ENV values that are image paths point into the folder, as they
   * would point into the container's file system.
   */
  Map<String, String> containerEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    environment.forEach((k, v) -> env.put(k, v.startsWith("/") ? resolve(v).toString() : v));
    return env;
  }
}
