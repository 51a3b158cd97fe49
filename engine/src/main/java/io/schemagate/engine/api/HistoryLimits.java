package io.schemagate.engine.api;

/**
 * How large a history table the engine reads: Flyway reads the whole table into memory on every
 * command (and PostgreSQL's driver buffers the whole result first), so a table that someone grew by
 * hand (a description of 10 MB per row, millions of rows) must be refused before it is read.
 *
 * @param maxRows rows of the history table
 * @param maxTextBytes the text of every column of every row together, as the database measures it
 */
public record HistoryLimits(long maxRows, long maxTextBytes) {
  /**
   * 20,000 rows and 4 MiB of text: a row Flyway writes holds about 100 bytes of text, so 20,000 of
   * them (years of releases with repeatable scripts) fit twice over.
   */
  public static final HistoryLimits DEFAULT = new HistoryLimits(20_000, 4L << 20);

  public HistoryLimits {
    if (maxRows < 1 || maxTextBytes < 1) {
      throw new IllegalArgumentException("history limits must be positive");
    }
  }

  /** The problem with a table of {@code rows} rows holding {@code textBytes} of text, or null. */
  public String check(long rows, long textBytes) {
    if (rows > maxRows) {
      return String.format(
          "it holds %,d rows; the engine reads at most %,d (--max-history-rows)", rows, maxRows);
    }
    if (textBytes > maxTextBytes) {
      return String.format(
          "its rows hold %s MiB of text; the engine reads at most %s MiB (--max-history-size)",
          BundleLimits.mib(textBytes), BundleLimits.mib(maxTextBytes));
    }
    return null;
  }
}
