package io.schemagate.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The image tar the build writes ({@code cli/target/schemagate-image.tar}, Docker's save format),
 * unpacked: its configuration, and its layers applied in order into one folder, the file system a
 * container of the image starts with.
 */
record ImageRoot(JsonNode config, Path root, List<String> tags) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ImageRoot unpack(Path tar, Path into) throws IOException, InterruptedException {
    Path archive = into.resolve("archive");
    Path root = into.resolve("root");
    Files.createDirectories(archive);
    Files.createDirectories(root);
    untar(tar, archive, false);
    JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      untar(archive.resolve(layer.asText()), root, true);
    }
    JsonNode config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
    return new ImageRoot(config.get("config"), root, strings(manifest.get("RepoTags")));
  }

  /** The path inside the image, e.g. {@code /app/migrate.sh}, in the unpacked folder. */
  Path resolve(String imagePath) {
    return root.resolve(imagePath.replaceFirst("^/+", ""));
  }

  List<String> entrypoint() {
    return strings(config.get("Entrypoint"));
  }

  List<String> cmd() {
    return strings(config.get("Cmd"));
  }

  private static List<String> strings(JsonNode array) {
    return array == null
        ? List.of()
        : JSON.convertValue(array, String[].class).length == 0
            ? List.of()
            : List.of(JSON.convertValue(array, String[].class));
  }

  private static void untar(Path tar, Path into, boolean gzip)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("tar", gzip ? "-xzf" : "-xf", tar.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .start();
    // GNU tar warns about libarchive's extended headers; what it extracts is what counts.
    process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("tar could not unpack " + tar);
    }
  }
}
