package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * What the rules need of a DDL statement the parser cannot read (a column named {@code key}, a
 * vendor clause): the statement's kind, its table, and the actions of an {@code ALTER TABLE}, read
 * token by token. Only the shapes the rules judge are read; any other statement stays "not
 * analysed". The lock is the one the parser's reading of the same kind of statement gives.
 */
final class FallbackReading {
  private static final String NAME = SqlText.NAME;
  private static final String QUALIFIED = SqlText.QUALIFIED;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern ALTER_TABLE =
      Pattern.compile(
          "^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")\\s+(.+)$",
          FLAGS);
  private static final Pattern CREATE_INDEX =
      Pattern.compile(
          "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?:"
              + NAME
              + "\\s+)?ON\\s+(?:ONLY\\s+)?("
              + QUALIFIED
              + ")\\b(.*)$",
          FLAGS);
  private static final Pattern RENAME_TABLES =
      Pattern.compile(
          "^RENAME\\s+TABLE\\s+(" + QUALIFIED + ")\\s+TO\\s+(" + QUALIFIED + ")\\s*$", FLAGS);
  private static final Pattern TRUNCATE =
      Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QUALIFIED + ")", FLAGS);
  private static final Pattern UPDATE_ROWS =
      Pattern.compile("^UPDATE\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")\\s+(?:AS\\s+)?", FLAGS);
  private static final Pattern DELETE =
      Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")", FLAGS);
  private static final Pattern INSERT =
      Pattern.compile("^INSERT\\s+INTO\\s+(" + QUALIFIED + ")(.*)$", FLAGS);
  private static final Pattern DROP_TABLE =
      Pattern.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + QUALIFIED + ")", FLAGS);
  private static final Pattern DROP_COLUMN =
      Pattern.compile(
          "^DROP\\s+(?!CONSTRAINT\\b|INDEX\\b|KEY\\b|FOREIGN\\b|PRIMARY\\b|CHECK\\b|DEFAULT\\b"
              + "|PARTITION\\b|TRIGGER\\b)(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?"
              + NAME,
          FLAGS);
  private static final Pattern RENAME_COLUMN =
      Pattern.compile("^RENAME\\s+(?:COLUMN\\s+)?(?!TO\\b)" + NAME + "\\s+TO\\s+" + NAME, FLAGS);
  private static final Pattern RENAME_TABLE =
      Pattern.compile("^RENAME\\s+(?:TO|AS)\\s+(" + QUALIFIED + ")\\s*$", FLAGS);
  private static final Pattern ADD_CONSTRAINT =
      Pattern.compile(
          "^ADD\\s+(?:CONSTRAINT\\s+" + NAME + "\\s+)?(FOREIGN\\s+KEY|CHECK)\\b(.*)$", FLAGS);
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "^ADD\\s+(?!CONSTRAINT\\b|INDEX\\b|KEY\\b|UNIQUE\\b|PRIMARY\\b|FOREIGN\\b|CHECK\\b"
              + "|PARTITION\\b)(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + "\\s+(.*)$",
          FLAGS);
  private static final Pattern SET_NOT_NULL =
      Pattern.compile("^ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+SET\\s+NOT\\s+NULL", FLAGS);
  private static final Pattern CHANGE_COLUMN =
      Pattern.compile("^CHANGE\\s+(?:COLUMN\\s+)?(" + NAME + ")\\s+(" + NAME + ")", FLAGS);
  private static final Pattern TYPE_CHANGE =
      Pattern.compile(
          "^(?:ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\b|MODIFY\\b"
              + "|CHANGE\\b)",
          FLAGS);

  /** Actions no rule judges: a default, a comment, an owner, a constraint's validation. */
  private static final Pattern HARMLESS =
      Pattern.compile(
          "^(?:ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(?:SET\\s+DEFAULT|DROP\\s+DEFAULT|DROP\\s+NOT\\s+NULL|SET\\s+STATISTICS)"
              + "|VALIDATE\\s+CONSTRAINT|OWNER\\s+TO|COMMENT\\b|ADD\\s+(?:CONSTRAINT\\s+"
              + NAME
              + "\\s+)?(?:PRIMARY\\s+KEY|UNIQUE)|ADD\\s+(?:UNIQUE\\s+)?(?:INDEX|KEY)\\b"
              + "|DROP\\s+(?:CONSTRAINT|INDEX|KEY|FOREIGN\\s+KEY|PRIMARY\\s+KEY|CHECK)\\b)",
          FLAGS);

  private static final Pattern VOLATILE_DEFAULT =
      Pattern.compile(
          "\\bDEFAULT\\s+(?:random|gen_random_uuid|uuid_generate_v1|uuid_generate_v4"
              + "|clock_timestamp|timeofday|nextval)\\s*\\(",
          FLAGS);

  /**
   * A reading without the parser.
   *
   * @param analysis what the rules found
   * @param complete false when part of the statement (an action of an ALTER TABLE) was not read:
   *     the statement is then also reported as not analysed
   */
  record Reading(StatementRules.Analysis analysis, boolean complete) {}

  private FallbackReading() {}

  /** The reading of {@code code}, or empty for a shape this reading does not know. */
  static Optional<Reading> read(String code, DatabaseKind kind, Set<String> newTables) {
    String text = code.strip();
    Optional<String> created = SqlText.created(text);
    if (created.isPresent()) {
      return Optional.of(
          new Reading(
              new StatementRules.Analysis(
                  List.of(), List.of(created.get()), false, false, created.get(), "", true),
              true));
    }
    Matcher m;
    if ((m = ALTER_TABLE.matcher(text)).find()) {
      return Optional.of(alter(m.group(1), m.group(2), kind, newTables));
    }
    if ((m = CREATE_INDEX.matcher(text)).find()) {
      String table = SqlText.last(m.group(2));
      boolean concurrently = m.group(1) != null;
      List<LintRule> hits = new ArrayList<>();
      if (!concurrently) {
        hits.add(LintRule.INDEX_WITHOUT_CONCURRENTLY);
      }
      if (!m.group(3).toUpperCase(Locale.ROOT).contains("ALGORITHM")) {
        hits.add(LintRule.MYSQL_ALTER_WITHOUT_ALGORITHM);
      }
      String standIn =
          "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + "i ON t (c)" + hints(text, " ");
      return Optional.of(
          new Reading(result(hits, table, true, false, standIn(standIn), kind, newTables), true));
    }
    Optional<Reading> data = data(text, kind, newTables);
    if (data.isPresent()) {
      return data;
    }
    if ((m = RENAME_TABLES.matcher(text)).find()) {
      String table = SqlText.last(m.group(1));
      StatementRules.Analysis read =
          result(
              List.of(LintRule.RENAME_TABLE),
              table,
              true,
              false,
              standIn("RENAME TABLE a TO b"),
              kind,
              newTables);
      if (read.newTable()) {
        read =
            new StatementRules.Analysis(
                List.of(), List.of(SqlText.last(m.group(2))), false, false, table, "", true);
      }
      return Optional.of(new Reading(read, true));
    }
    if ((m = DROP_TABLE.matcher(text)).find()) {
      return Optional.of(
          new Reading(
              result(
                  List.of(LintRule.DROP_TABLE),
                  SqlText.last(m.group(1)),
                  true,
                  false,
                  standIn("DROP TABLE t"),
                  kind,
                  newTables),
              true));
    }
    return Optional.empty();
  }

  /** TRUNCATE, UPDATE, DELETE and INSERT, with whether they name a WHERE. */
  private static Optional<Reading> data(String text, DatabaseKind kind, Set<String> newTables) {
    Matcher m;
    if ((m = TRUNCATE.matcher(text)).find()) {
      return Optional.of(
          new Reading(
              result(
                  List.of(LintRule.TRUNCATE),
                  SqlText.last(m.group(1)),
                  false,
                  true,
                  new Truncate(),
                  kind,
                  newTables),
              true));
    }
    boolean where = SqlText.hasTopLevelWord(text, "WHERE");
    if ((m = UPDATE_ROWS.matcher(text)).find()) {
      return Optional.of(
          new Reading(
              result(
                  where ? List.of() : List.of(LintRule.UPDATE_WITHOUT_WHERE),
                  SqlText.last(m.group(1)),
                  false,
                  true,
                  new Update(),
                  kind,
                  newTables),
              true));
    }
    if ((m = DELETE.matcher(text)).find()) {
      return Optional.of(
          new Reading(
              result(
                  where ? List.of() : List.of(LintRule.DELETE_WITHOUT_WHERE),
                  SqlText.last(m.group(1)),
                  false,
                  true,
                  new Delete(),
                  kind,
                  newTables),
              true));
    }
    if ((m = INSERT.matcher(text)).find()) {
      // INSERT ... SELECT copies rows; INSERT ... VALUES writes the ones it names.
      boolean copies = SqlText.hasTopLevelWord(m.group(2), "SELECT");
      return Optional.of(
          new Reading(
              result(
                  List.of(),
                  SqlText.last(m.group(1)),
                  false,
                  copies,
                  new Insert(),
                  kind,
                  newTables),
              true));
    }
    return Optional.empty();
  }

  private static Reading alter(
      String qualified, String actions, DatabaseKind kind, Set<String> newTables) {
    String table = SqlText.last(qualified);
    List<LintRule> hits = new ArrayList<>();
    List<String> renamedTo = new ArrayList<>();
    boolean onlyRenames = true;
    boolean algorithm = false;
    boolean complete = true;
    for (String action : SqlText.topLevel(actions, ',')) {
      String a = action.strip();
      String upper = a.toUpperCase(Locale.ROOT);
      if (upper.startsWith("ALGORITHM") || upper.startsWith("LOCK")) {
        algorithm |= upper.startsWith("ALGORITHM");
        continue;
      }
      Matcher m;
      if ((m = RENAME_TABLE.matcher(a)).find()) {
        hits.add(LintRule.RENAME_TABLE);
        renamedTo.add(SqlText.last(m.group(1)));
        continue;
      }
      onlyRenames = false;
      if (RENAME_COLUMN.matcher(a).find()) {
        hits.add(LintRule.RENAME_COLUMN);
      } else if (DROP_COLUMN.matcher(a).find()) {
        hits.add(LintRule.DROP_COLUMN);
      } else if ((m = ADD_CONSTRAINT.matcher(a)).find()) {
        if (!m.group(2).toUpperCase(Locale.ROOT).matches("(?s).*\\bNOT\\s+VALID\\b.*")) {
          hits.add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID);
        }
      } else if ((m = ADD_COLUMN.matcher(a)).find()) {
        String definition = m.group(1).toUpperCase(Locale.ROOT);
        boolean hasDefault = definition.matches("(?s).*\\bDEFAULT\\b.*");
        if (definition.matches("(?s).*\\bNOT\\s+NULL\\b.*") && !hasDefault) {
          hits.add(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT);
        }
        if (VOLATILE_DEFAULT.matcher(m.group(1)).find()) {
          hits.add(LintRule.ADD_COLUMN_VOLATILE_DEFAULT);
        }
      } else if ((m = CHANGE_COLUMN.matcher(a)).find()) {
        // MySQL's CHANGE old new type: a rename when the names differ.
        if (!SqlText.last(m.group(1)).equals(SqlText.last(m.group(2)))) {
          hits.add(LintRule.RENAME_COLUMN);
        }
      } else if (SET_NOT_NULL.matcher(a).find()) {
        hits.add(LintRule.SET_NOT_NULL);
      } else if (TYPE_CHANGE.matcher(a).find()) {
        hits.add(LintRule.COLUMN_TYPE_CHANGE);
      } else if (!HARMLESS.matcher(a).find()) {
        complete = false;
      }
    }
    if (!algorithm && !onlyRenames) {
      hits.add(LintRule.MYSQL_ALTER_WITHOUT_ALGORITHM);
    }
    StatementRules.Analysis read =
        result(
            hits,
            table,
            true,
            false,
            standIn("ALTER TABLE t ADD COLUMN c INT" + hints(actions, ", ")),
            kind,
            newTables);
    if (newTables.contains(table) && !renamedTo.isEmpty()) {
      // A table of this plan, renamed: new under its new name too.
      read =
          new StatementRules.Analysis(
              read.hits(), renamedTo, false, false, read.table(), read.lock(), true);
    }
    return new Reading(read, complete);
  }

  private static StatementRules.Analysis result(
      List<LintRule> hits,
      String table,
      boolean structure,
      boolean data,
      Statement standIn,
      DatabaseKind kind,
      Set<String> newTables) {
    boolean existing = !newTables.contains(table);
    List<LintRule> kept =
        existing ? hits.stream().filter(r -> r.appliesTo(kind)).distinct().toList() : List.of();
    return new StatementRules.Analysis(
        kept,
        List.of(),
        existing && structure,
        existing && data,
        table,
        existing ? StatementLocks.of(standIn, kind) : "",
        !existing);
  }

  /**
   * The parser's reading of a statement of the same kind and hints (ALGORITHM, LOCK): what the
   * locks are read from.
   */
  private static Statement standIn(String sql) {
    try {
      return CCJSqlParserUtil.parse(sql);
    } catch (JSQLParserException e) {
      throw new IllegalStateException("a stand-in the parser reads: " + sql, e);
    }
  }

  /** The statement's ALGORITHM and LOCK clauses, as a tail for a stand-in. */
  private static String hints(String text, String separator) {
    StringBuilder tail = new StringBuilder();
    Matcher m = Pattern.compile("\\b(ALGORITHM|LOCK)\\s*=\\s*([A-Za-z]+)", FLAGS).matcher(text);
    while (m.find()) {
      tail.append(separator)
          .append(m.group(1).toUpperCase(Locale.ROOT))
          .append('=')
          .append(m.group(2));
    }
    return tail.toString();
  }
}
