package io.schemagate.testing;

import io.schemagate.engine.Bundle;
import io.schemagate.engine.BundleLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bundles written inline in a test, checked by the real {@link BundleLoader}. */
public final class Bundles {
  private Bundles() {}

  /** A bundle of {@code name, text, name, text, ...}, each text UTF-8. */
  public static Bundle of(String... namesAndTexts) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return BundleLoader.fromFiles("test", files);
  }
}
