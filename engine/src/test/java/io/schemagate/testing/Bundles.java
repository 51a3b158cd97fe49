package io.schemagate.testing;

import io.schemagate.engine.api.Bundle;
import io.schemagate.engine.api.BundleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Bundles written inline in a test, checked by the real {@link BundleLoader}. */
public final class Bundles {
  private Bundles() {}

  /** Copies a folder of scripts (with its database subfolders) to {@code to}, which it creates. */
  public static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path path : files.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** A bundle of {@code name, text, name, text, ...}, each text UTF-8. */
  public static Bundle of(String... namesAndTexts) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return BundleLoader.fromFiles("test", files);
  }
}
