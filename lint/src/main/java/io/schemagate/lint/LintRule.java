package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lint's rules, modelled on squawk's for PostgreSQL and their MySQL/MariaDB counterparts: each
 * with its id, severity, the databases it applies to, why the statement is risky and the safe way.
 */
public enum LintRule {
  INDEX_WITHOUT_CONCURRENTLY(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "CREATE INDEX on an existing table blocks every write to it (SHARE lock) until the index is"
          + " built",
      "CREATE INDEX CONCURRENTLY, alone in its script (Flyway then runs it outside a"
          + " transaction)"),
  ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(
      Severity.ERROR,
      EnumSet.of(DatabaseKind.POSTGRESQL, DatabaseKind.H2, DatabaseKind.SQLITE),
      false,
      "ADD COLUMN ... NOT NULL without a default fails on a table that has rows",
      "add the column nullable, fill it in batches, then set NOT NULL; or give it a constant"
          + " DEFAULT"),
  ADD_COLUMN_VOLATILE_DEFAULT(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(),"
          + " nextval()) rewrites the whole table under an ACCESS EXCLUSIVE lock",
      "add the column without a default (or with a constant one), set the default, then fill"
          + " existing rows in batches"),
  COLUMN_TYPE_CHANGE(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "ALTER COLUMN ... TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock"
          + " (except a few binary-compatible changes, such as widening a varchar)",
      "add a new column of the new type, write both from the application, backfill in batches,"
          + " then switch reads and drop the old column"),
  CONSTRAINT_WITHOUT_NOT_VALID(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "ADD CONSTRAINT (FOREIGN KEY or CHECK) on an existing table scans every row while it holds"
          + " a lock that blocks writes",
      "ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later script,"
          + " which takes a weaker lock"),
  SET_NOT_NULL(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "SET NOT NULL on an existing table scans every row under an ACCESS EXCLUSIVE lock",
      "add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it, then SET NOT NULL"
          + " (PostgreSQL 12 and later skip the scan), and drop the check"),
  DROP_TABLE(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      true,
      "DROP TABLE removes data, and pods of the previous release may still read the table",
      "a contract step: drop it once no running release uses it, in a release of its own"),
  DROP_COLUMN(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      true,
      "DROP COLUMN removes data, and pods of the previous release may still read the column",
      "stop reading and writing the column first; drop it in a later release, as a contract step"),
  RENAME_TABLE(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      true,
      "renaming a table breaks every running pod that still uses the old name",
      "create the new table (or a view under the new name), move the application, then drop the"
          + " old one as a contract step"),
  RENAME_COLUMN(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      true,
      "renaming a column breaks every running pod that still uses the old name",
      "add the new column, write both, backfill, move reads, then drop the old column as a"
          + " contract step"),
  TRUNCATE(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "TRUNCATE removes every row and takes an ACCESS EXCLUSIVE lock",
      "delete the rows you mean in batches with a WHERE clause"),
  UPDATE_WITHOUT_WHERE(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "an update without WHERE rewrites every row in one transaction, holding a lock on each",
      "update in batches (WHERE id BETWEEN ...), each in its own transaction"),
  DELETE_WITHOUT_WHERE(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "DELETE without WHERE removes every row in one transaction",
      "delete in batches with a WHERE clause, or say why all rows go"),
  DDL_AND_DATA_IN_ONE_TRANSACTION(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.POSTGRESQL),
      false,
      "the script changes an existing table's structure and its data in one transaction, so the"
          + " DDL's lock is held until every row is written",
      "put the data change into a script of its own, after the DDL"),
  MYSQL_ALTER_WITHOUT_ALGORITHM(
      Severity.WARNING,
      EnumSet.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB),
      false,
      "without ALGORITHM the server may copy the whole table and block writes while it does",
      "say ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE: the server then refuses a change it"
          + " could only do by copying, instead of doing it"),
  NOT_ANALYSED(
      Severity.INFO,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "the SQL parser does not know this statement's form, so no rule looked at it",
      "review it by hand"),
  STATEMENT_TOO_LARGE(
      Severity.INFO,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "the statement is longer than the 64 KiB the lint parses (a parse costs about 130 times the"
          + " statement's size in memory), so no rule looked at it",
      "review it by hand; a data load is best split into smaller statements"),
  TIME_BUDGET_SPENT(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "the lint spent its 10 seconds of parsing on the statements before this one, so this"
          + " statement and the rest of the plan were not analysed",
      "split the plan into smaller releases, or review the rest by hand"),
  IGNORE_WITHOUT_REASON(
      Severity.WARNING,
      EnumSet.allOf(DatabaseKind.class),
      false,
      "a schemagate:lint-ignore directive without a reason silences nothing",
      "write -- schemagate:lint-ignore <rule> <why it is safe here>");

  private final Severity severity;
  private final Set<DatabaseKind> kinds;
  private final boolean contract;
  private final String why;
  private final String fix;

  LintRule(Severity severity, Set<DatabaseKind> kinds, boolean contract, String why, String fix) {
    this.severity = severity;
    this.kinds = kinds;
    this.contract = contract;
    this.why = why;
    this.fix = fix;
  }

  /**
   * The lock the statement takes on its table, in the database's words; empty for a rule about a
   * script or a directive.
   */
  public String lock(DatabaseKind kind) {
    boolean mysql = kind == DatabaseKind.MYSQL || kind == DatabaseKind.MARIADB;
    return switch (this) {
      case INDEX_WITHOUT_CONCURRENTLY -> "SHARE (writes wait until the index is built)";
      case CONSTRAINT_WITHOUT_NOT_VALID ->
          "SHARE ROW EXCLUSIVE for a foreign key, ACCESS EXCLUSIVE for a check, while every row is"
              + " scanned";
      case ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
          ADD_COLUMN_VOLATILE_DEFAULT,
          COLUMN_TYPE_CHANGE,
          SET_NOT_NULL,
          DROP_TABLE,
          DROP_COLUMN,
          RENAME_TABLE,
          RENAME_COLUMN,
          TRUNCATE ->
          mysql ? "an exclusive metadata lock" : "ACCESS EXCLUSIVE (reads and writes wait)";
      case UPDATE_WITHOUT_WHERE, DELETE_WITHOUT_WHERE -> "a row lock on every row until commit";
      case DDL_AND_DATA_IN_ONE_TRANSACTION -> "the DDL's lock, until the data change commits";
      case MYSQL_ALTER_WITHOUT_ALGORITHM ->
          "with ALGORITHM=COPY, writes wait while the table is copied";
      case NOT_ANALYSED, STATEMENT_TOO_LARGE, TIME_BUDGET_SPENT, IGNORE_WITHOUT_REASON -> "";
    };
  }

  /**
   * True when the finding's lock is its statement's own ({@link StatementLocks}), which knows the
   * statement's form (a CHECK constraint takes ACCESS EXCLUSIVE, a foreign key SHARE ROW
   * EXCLUSIVE); false for the rules whose lock is about rows or the script.
   */
  boolean statementLock() {
    return switch (this) {
      case UPDATE_WITHOUT_WHERE,
          DELETE_WITHOUT_WHERE,
          DDL_AND_DATA_IN_ONE_TRANSACTION,
          NOT_ANALYSED,
          STATEMENT_TOO_LARGE,
          TIME_BUDGET_SPENT,
          IGNORE_WITHOUT_REASON ->
          false;
      default -> true;
    };
  }

  /** The id directives and reports use: {@code index-without-concurrently}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Severity severity() {
    return severity;
  }

  public boolean appliesTo(DatabaseKind kind) {
    return kinds.contains(kind);
  }

  /** True for a drop or a rename: a contract step of expand and contract. */
  public boolean contract() {
    return contract;
  }

  public String why() {
    return why;
  }

  public String fix() {
    return fix;
  }
}
