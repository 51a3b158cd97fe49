package io.schemagate.db;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces known secret values in text with {@code ***}. Messages are built without secrets in the
 * first place; this is the guard for text that comes from drivers and servers, which repeat what
 * they were given (a failed cast shows the value, a misparsed URL shows the password).
 *
 * <p>A value is replaced where it stands as a word of its own: a password {@code pass} leaves the
 * word {@code password} alone, but not {@code user:pass@host} or {@code "pass"}.
 */
public final class Redactor {
  private static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for these values; null and empty ones are ignored, longer ones go first. */
  public static Redactor of(Collection<String> values) {
    List<String> secrets =
        values.stream()
            .filter(Objects::nonNull)
            .filter(v -> !v.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return secrets.isEmpty() ? NONE : new Redactor(secrets);
  }

  public static Redactor none() {
    return NONE;
  }

  /** The values this redactor replaces, longest first. */
  public List<String> values() {
    return secrets;
  }

  /** A redactor for the values of both. */
  public Redactor and(Redactor other) {
    if (other.secrets.isEmpty()) {
      return this;
    }
    return of(java.util.stream.Stream.concat(secrets.stream(), other.secrets.stream()).toList());
  }

  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : secrets) {
      result = replaceWords(result, secret);
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Redactor other && secrets.equals(other.secrets);
  }

  @Override
  public int hashCode() {
    return secrets.hashCode();
  }

  private static String replaceWords(String text, String secret) {
    int from = text.indexOf(secret);
    if (from < 0) {
      return text;
    }
    boolean wordStart = Character.isLetterOrDigit(secret.charAt(0));
    boolean wordEnd = Character.isLetterOrDigit(secret.charAt(secret.length() - 1));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (from >= 0) {
      int end = from + secret.length();
      boolean joinedBefore =
          wordStart && from > 0 && Character.isLetterOrDigit(text.charAt(from - 1));
      boolean joinedAfter =
          wordEnd && end < text.length() && Character.isLetterOrDigit(text.charAt(end));
      if (!joinedBefore && !joinedAfter) {
        out.append(text, copied, from).append("***");
        copied = end;
      }
      from = text.indexOf(secret, joinedBefore || joinedAfter ? from + 1 : end);
    }
    return out.append(text, copied, text.length()).toString();
  }
}
