package io.schemagate.engine.api;

/**
 * How large a bundle may be: the number of scripts, their total size and the size of one script. A
 * bundle is held in memory while it is applied, so a tenant's bundle must not be able to fill the
 * operator's heap.
 *
 * @param maxScripts scripts (and .conf files) in one bundle
 * @param maxTotalBytes all files of one bundle together
 * @param maxScriptBytes one file
 */
public record BundleLimits(int maxScripts, long maxTotalBytes, long maxScriptBytes) {
  /** 10,000 scripts, 32 MiB in all, 5 MiB for one script. */
  public static final BundleLimits DEFAULT = new BundleLimits(10_000, 32L << 20, 5L << 20);

  public BundleLimits {
    if (maxScripts < 1 || maxTotalBytes < 1 || maxScriptBytes < 1) {
      throw new IllegalArgumentException("bundle limits must be positive");
    }
  }

  /** The problem with a bundle of {@code files} files and {@code bytes} bytes, or null. */
  public String check(int files, long bytes) {
    if (files > maxScripts) {
      return String.format(
          "it holds %,d files; a bundle may hold at most %,d (--max-bundle-scripts)",
          files, maxScripts);
    }
    if (bytes > maxTotalBytes) {
      return String.format(
          "its files hold %.1f MiB; a bundle may hold at most %s MiB (--max-bundle-size)",
          bytes / 1048576.0, mib(maxTotalBytes));
    }
    return null;
  }

  /** Mebibytes as messages show them: {@code 5}, {@code 0.5}. */
  static String mib(long bytes) {
    return bytes % (1L << 20) == 0
        ? Long.toString(bytes >> 20)
        : String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
  }
}
