package io.schemagate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes known secrets from any text the CLI prints. Messages are built without passwords in the
 * first place; this is the last guard for text that comes from drivers.
 */
final class Redactor {
  private final List<String> secrets = new ArrayList<>();

  void add(String secret) {
    if (secret != null && secret.length() >= 3) {
      secrets.add(secret);
    }
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return result;
  }
}
