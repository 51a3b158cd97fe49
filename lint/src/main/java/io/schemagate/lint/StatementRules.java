package io.schemagate.lint;

import io.schemagate.db.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpression.ColumnDataType;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The rules of one statement, on JSqlParser's syntax tree: which rules it breaks, the table it
 * creates, and whether it changes an existing table's structure or data (for the script's own
 * rule). Pure: the tables created earlier in the plan come in, nothing is read.
 */
final class StatementRules {
  /** Functions whose value differs per row, so a DEFAULT of them fills every row anew. */
  private static final Set<String> VOLATILE =
      Set.of(
          "random",
          "gen_random_uuid",
          "uuid_generate_v1",
          "uuid_generate_v4",
          "clock_timestamp",
          "timeofday",
          "nextval");

  /**
   * What one statement does.
   *
   * @param hits the rules it breaks
   * @param created the tables it makes new, lower-cased: the table or view it creates, or the new
   *     name of a table of this plan it renames
   * @param structureOfExisting whether it changes the structure of a table that existed before
   * @param dataOfExisting whether it changes the rows of a table that existed before
   * @param table the table it works on, as written, or {@code null}
   * @param lock the lock it takes on that table ({@link StatementLocks}), empty for none
   * @param newTable whether the plan creates that table (in this statement or before it)
   */
  record Analysis(
      List<LintRule> hits,
      List<String> created,
      boolean structureOfExisting,
      boolean dataOfExisting,
      String table,
      String lock,
      boolean newTable) {}

  private StatementRules() {}

  /**
   * The analysis of {@code sql}, or empty when the parser does not know its form.
   *
   * @param newTables the tables created earlier in the plan, lower-cased: rules about locks and
   *     rows on existing tables leave them alone
   */
  static Optional<Analysis> analyse(
      String sql, DatabaseKind kind, Set<String> newTables, StatementParser parser) {
    try {
      return analyseParsed(sql, kind, newTables, parser);
    } catch (RuntimeException e) {
      // A syntax tree of a form the rules did not expect is reported as not analysed, never as
      // the lint's own failure.
      return Optional.empty();
    }
  }

  private static Optional<Analysis> analyseParsed(
      String sql, DatabaseKind kind, Set<String> newTables, StatementParser parser) {
    NotValid stripped = NotValid.strip(sql);
    Optional<Statement> parsed = parser.parse(stripped.sql());
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Statement statement = parsed.get();
    if (statement instanceof Execute) {
      // EXECUTE and CALL run SQL this statement does not show: never taken for harmless.
      return Optional.empty();
    }
    List<LintRule> hits = new ArrayList<>();
    if (statement instanceof CreateTable create) {
      Table table = create.getTable();
      return Optional.of(
          new Analysis(
              hits,
              List.of(name(table.getName())),
              false,
              false,
              table.getFullyQualifiedName(),
              "",
              true));
    }
    if (statement instanceof CreateView view) {
      // A view, materialized or not, is new to the plan: an index on it locks nothing in use.
      return Optional.of(
          new Analysis(
              hits,
              List.of(name(view.getView().getName())),
              false,
              false,
              view.getView().getFullyQualifiedName(),
              "",
              true));
    }
    if (statement instanceof RenameTableStatement rename) {
      List<String> renamedNew = new ArrayList<>();
      boolean allNew = true;
      for (Map.Entry<Table, Table> names : rename.getTableNames()) {
        allNew &= newTables.contains(name(names.getKey().getName()));
        renamedNew.add(name(names.getValue().getName()));
      }
      // Renaming a table the plan made renames nothing an older release uses.
      return Optional.of(
          new Analysis(
              allNew ? List.of() : List.of(LintRule.RENAME_TABLE),
              allNew ? renamedNew : List.of(),
              !allNew,
              false,
              null,
              allNew ? "" : LintRule.RENAME_TABLE.lock(kind),
              allNew));
    }
    Table table = tableOf(statement);
    if (table == null) {
      return Optional.of(new Analysis(hits, List.of(), false, false, null, "", false));
    }
    boolean existing = !newTables.contains(name(table.getName()));
    boolean structure = false;
    boolean data = false;
    if (statement instanceof CreateIndex index) {
      structure = true;
      if (!index.isConcurrently()) {
        hits.add(LintRule.INDEX_WITHOUT_CONCURRENTLY);
      }
      if (!mentionsAlgorithm(index.getTailParameters())) {
        hits.add(LintRule.MYSQL_ALTER_WITHOUT_ALGORITHM);
      }
    } else if (statement instanceof Alter alter) {
      structure = true;
      alterRules(alter, stripped.notValid(), hits);
    } else if (statement instanceof Drop) {
      structure = true;
      hits.add(LintRule.DROP_TABLE);
    } else if (statement instanceof Truncate) {
      data = true;
      hits.add(LintRule.TRUNCATE);
    } else if (statement instanceof Update update) {
      data = true;
      if (update.getWhere() == null) {
        hits.add(LintRule.UPDATE_WITHOUT_WHERE);
      }
    } else if (statement instanceof Delete delete) {
      data = true;
      if (delete.getWhere() == null) {
        hits.add(LintRule.DELETE_WITHOUT_WHERE);
      }
    } else if (statement instanceof Insert insert) {
      // INSERT ... SELECT copies rows; INSERT ... VALUES writes the ones it names.
      data =
          insert.getSelect() != null
              && !(insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values);
    }
    // A table the plan creates is new: nothing else reads it, and it holds no rows worth a lock.
    // Renamed, it stays new under its new name.
    List<String> created = new ArrayList<>();
    if (!existing && statement instanceof Alter alter) {
      for (AlterExpression expression : alter.getAlterExpressions()) {
        if (expression.getOperation() == AlterOperation.RENAME_TABLE
            && expression.getNewTableName() != null) {
          created.add(name(expression.getNewTableName()));
        }
      }
    }
    return Optional.of(
        new Analysis(
            existing ? only(hits, kind) : List.of(),
            created,
            existing && structure,
            existing && data,
            table.getFullyQualifiedName(),
            StatementLocks.of(statement, kind),
            !existing));
  }

  /** The table a statement works on, or null for one the rules do not look at. */
  private static Table tableOf(Statement statement) {
    if (statement instanceof CreateIndex index) {
      return index.getTable();
    }
    if (statement instanceof Alter alter) {
      return alter.getTable();
    }
    if (statement instanceof Drop drop && drop.getType().equalsIgnoreCase("TABLE")) {
      return drop.getName();
    }
    if (statement instanceof Truncate truncate) {
      return truncate.getTable();
    }
    if (statement instanceof Update update) {
      return update.getTable();
    }
    if (statement instanceof Delete delete) {
      return delete.getTable();
    }
    if (statement instanceof Insert insert) {
      return insert.getTable();
    }
    return null;
  }

  private static void alterRules(Alter alter, boolean notValid, List<LintRule> hits) {
    boolean algorithm = false;
    boolean onlyRenames = true;
    for (AlterExpression expression : alter.getAlterExpressions()) {
      AlterOperation operation = expression.getOperation();
      if (operation == AlterOperation.ALGORITHM || operation == AlterOperation.LOCK) {
        algorithm |= operation == AlterOperation.ALGORITHM;
        continue;
      }
      onlyRenames &= operation == AlterOperation.RENAME_TABLE;
      switch (operation) {
        case ADD -> addRules(expression, notValid, hits);
        case ALTER -> {
          if (expression.getColumnSetNotNullList() != null
              && !expression.getColumnSetNotNullList().isEmpty()) {
            hits.add(LintRule.SET_NOT_NULL);
          }
          List<ColumnDataType> columns = expression.getColDataTypeList();
          if (columns != null && columns.stream().anyMatch(c -> c.getColDataType() != null)) {
            hits.add(LintRule.COLUMN_TYPE_CHANGE);
          }
        }
        case DROP -> {
          if (expression.getColumnName() != null) {
            hits.add(LintRule.DROP_COLUMN);
          }
        }
        case RENAME -> hits.add(LintRule.RENAME_COLUMN);
        case CHANGE -> {
          // MySQL's CHANGE old new type: a rename when the names differ.
          List<ColumnDataType> columns = expression.getColDataTypeList();
          if (expression.getColumnOldName() != null
              && columns != null
              && !columns.isEmpty()
              && !name(expression.getColumnOldName())
                  .equals(name(columns.get(0).getColumnName()))) {
            hits.add(LintRule.RENAME_COLUMN);
          }
        }
        case RENAME_TABLE -> hits.add(LintRule.RENAME_TABLE);
        default -> {}
      }
    }
    if (!algorithm && !onlyRenames) {
      hits.add(LintRule.MYSQL_ALTER_WITHOUT_ALGORITHM);
    }
  }

  private static void addRules(AlterExpression expression, boolean notValid, List<LintRule> hits) {
    if ((expression.getIndex() instanceof ForeignKeyIndex
            || expression.getIndex() instanceof CheckConstraint)
        && !notValid) {
      hits.add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID);
    }
    if (expression.getColDataTypeList() == null) {
      return;
    }
    for (ColumnDataType column : expression.getColDataTypeList()) {
      List<String> specs =
          column.getColumnSpecs() == null
              ? List.of()
              : column.getColumnSpecs().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
      int defaultAt = specs.indexOf("DEFAULT");
      boolean notNull = false;
      for (int i = 0; i + 1 < specs.size(); i++) {
        notNull |= specs.get(i).equals("NOT") && specs.get(i + 1).equals("NULL");
      }
      if (notNull && defaultAt < 0) {
        hits.add(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT);
      }
      if (defaultAt >= 0
          && defaultAt + 1 < specs.size()
          && isVolatile(column.getColumnSpecs().get(defaultAt + 1))) {
        hits.add(LintRule.ADD_COLUMN_VOLATILE_DEFAULT);
      }
    }
  }

  private static boolean isVolatile(String expression) {
    try {
      Expression parsed = CCJSqlParserUtil.parseExpression(expression);
      return parsed instanceof Function function
          && VOLATILE.contains(function.getName().toLowerCase(Locale.ROOT));
    } catch (JSQLParserException | RuntimeException e) {
      return false;
    }
  }

  private static boolean mentionsAlgorithm(List<String> tail) {
    return tail != null
        && tail.stream().anyMatch(t -> t.toUpperCase(Locale.ROOT).contains("ALGORITHM"));
  }

  private static List<LintRule> only(List<LintRule> hits, DatabaseKind kind) {
    return hits.stream().filter(rule -> rule.appliesTo(kind)).distinct().toList();
  }

  private static String name(String table) {
    return SqlText.last(table);
  }
}
