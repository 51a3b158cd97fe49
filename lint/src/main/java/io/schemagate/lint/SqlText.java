package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical reading of a statement that does not need a parser: its leading comments (in every
 * dialect: {@code --}, {@code #} on MySQL/MariaDB, nested {@code /* *}{@code /} on PostgreSQL), the
 * statements one piece of Flyway's splitting may still hold, and the name a statement creates, read
 * where the parser cannot read the rest. Written by hand: no library reads these shapes without
 * parsing the whole statement, which is what fails here.
 */
final class SqlText {
  /** A name as written: plain, "quoted" or `quoted`. */
  static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)";

  /** A name with its schema (or database), if written. */
  static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")*";

  private static final Pattern CREATED =
      Pattern.compile(
          "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?"
              + "(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?(?:TABLE|(?:MATERIALIZED\\s+)?VIEW)\\s+"
              + "(?:IF\\s+NOT\\s+EXISTS\\s+)?("
              + QUALIFIED
              + ")",
          Pattern.CASE_INSENSITIVE);

  /**
   * A piece of a statement's text.
   *
   * @param start where it starts in the original text
   * @param sql its text, without the delimiter
   */
  record Piece(int start, String sql) {}

  private SqlText() {}

  /** The text after the leading blanks and comments, or empty when there is nothing else. */
  static String withoutLeadingComments(String sql, DatabaseKind kind) {
    return sql.substring(codeStart(sql, kind));
  }

  /** Where the code of {@code sql} starts, after its leading blanks and comments. */
  static int codeStart(String sql, DatabaseKind kind) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i) || (c == '#' && mysql(kind))) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        i = blockCommentEnd(sql, i, kind);
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * The top-level statements in one piece of Flyway's splitting, split at semicolons outside
   * parentheses, quotes, comments and dollar quotes. A piece with a {@code BEGIN} outside them (a
   * routine body, {@code BEGIN ATOMIC}) is left whole: its semicolons are inside it.
   */
  static List<Piece> statements(String sql, DatabaseKind kind) {
    List<Piece> pieces = new ArrayList<>();
    boolean block = false;
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = quoteEnd(sql, i, c);
      } else if (sql.startsWith("--", i) || (c == '#' && mysql(kind))) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        i = blockCommentEnd(sql, i, kind);
      } else if (c == '$' && kind == DatabaseKind.POSTGRESQL && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? sql.length() : end + tag.length();
      } else if (c == '(' || c == ')') {
        depth += c == '(' ? 1 : -1;
        i++;
      } else if (c == ';' && depth <= 0) {
        add(pieces, sql, start, i, kind);
        start = i + 1;
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < sql.length()
            && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        block |= sql.substring(i, end).equalsIgnoreCase("BEGIN");
        i = end;
      } else {
        i++;
      }
    }
    add(pieces, sql, start, sql.length(), kind);
    if (pieces.size() <= 1 || block) {
      return List.of(new Piece(0, sql));
    }
    return pieces;
  }

  /** True when {@code word} stands in {@code text} outside parentheses, quotes and comments. */
  static boolean hasTopLevelWord(String text, String word) {
    int depth = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = quoteEnd(text, i, c);
      } else if (text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (c == '(' || c == ')') {
        depth += c == '(' ? 1 : -1;
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < text.length()
            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
        if (depth == 0 && text.substring(i, end).equalsIgnoreCase(word)) {
          return true;
        }
        i = end;
      } else {
        i++;
      }
    }
    return false;
  }

  /** {@code text} split at {@code separator} outside parentheses and quotes. */
  static List<String> topLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = quoteEnd(text, i, c);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == separator && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** The table or view a statement creates, lower-cased and unquoted, read without a parser. */
  static Optional<String> created(String code) {
    Matcher m = CREATED.matcher(code.strip());
    return m.find() ? Optional.of(last(m.group(1))) : Optional.empty();
  }

  /** The last part of a qualified name, unquoted and lower-cased, as the lint keys tables. */
  static String last(String qualified) {
    List<String> parts = new ArrayList<>();
    Matcher m = Pattern.compile(NAME).matcher(qualified);
    while (m.find()) {
      parts.add(m.group());
    }
    String name = parts.isEmpty() ? qualified : parts.get(parts.size() - 1);
    if (name.length() > 1
        && (name.startsWith("\"") && name.endsWith("\"")
            || name.startsWith("`") && name.endsWith("`"))) {
      name = name.substring(1, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static void add(List<Piece> pieces, String sql, int start, int end, DatabaseKind kind) {
    String text = sql.substring(start, end);
    if (withoutLeadingComments(text, kind).isBlank()) {
      return;
    }
    pieces.add(new Piece(start, text));
  }

  private static boolean mysql(DatabaseKind kind) {
    return kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB;
  }

  private static int quoteEnd(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The end of the block comment at {@code open}; PostgreSQL's nest, MySQL's do not. */
  private static int blockCommentEnd(String sql, int open, DatabaseKind kind) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth = kind == DatabaseKind.POSTGRESQL || depth == 0 ? depth + 1 : depth;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** The dollar-quote tag starting at {@code i} ({@code $$}, {@code $body$}), or null. */
  private static String dollarTag(String sql, int i) {
    int j = i + 1;
    if (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
      while (j < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
    }
    return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
  }
}
