package io.schemagate.autogen;

import static io.schemagate.autogen.CatalogueReader.rows;

import io.schemagate.autogen.Schema.Check;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.ForeignKey;
import io.schemagate.autogen.Schema.Index;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import io.schemagate.autogen.Schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQLite's {@code sqlite_schema} and its {@code PRAGMA}s. SQLite keeps no catalogue of check
 * constraints: they are read from the table's own CREATE statement, which SQLite keeps as written.
 */
final class SqliteCatalogue implements CatalogueReader {
  private static final String OBJECTS =
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')"
          + " AND name NOT LIKE 'sqlite_%' ORDER BY name";

  @Override
  public Schema read(Connection connection, String schema, Set<String> skip) throws SQLException {
    TreeMap<String, Table> tables = new TreeMap<>();
    TreeMap<String, View> views = new TreeMap<>();
    record Entry(String type, String name, String sql) {}
    for (Entry e :
        rows(connection, OBJECTS, r -> new Entry(r.getString(1), r.getString(2), r.getString(3)))) {
      if (skip.contains(e.name())) {
        continue;
      }
      if (e.type().equals("view")) {
        views.put(e.name(), new View(e.name(), viewQuery(e.sql())));
      } else {
        tables.put(e.name(), table(connection, e.name(), e.sql()));
      }
    }
    return new Schema(tables, views, new TreeMap<>(), new TreeMap<>());
  }

  private static Table table(Connection connection, String name, String sql) throws SQLException {
    String quoted = SqlWriter.quote('"', name);
    record Info(Column column, int pk) {}
    List<Info> infos =
        rows(
            connection,
            "PRAGMA table_xinfo(" + quoted + ")",
            r -> {
              int hidden = r.getInt("hidden");
              boolean generated = hidden == 2 || hidden == 3;
              return new Info(
                  new Column(
                      r.getString("name"),
                      r.getString("type").toUpperCase(Locale.ROOT),
                      r.getInt("notnull") == 0,
                      generated ? null : r.getString("dflt_value"),
                      generated ? "generated" : null,
                      false),
                  r.getInt("pk"));
            });
    List<String> primaryKey =
        infos.stream()
            .filter(i -> i.pk() > 0)
            .sorted(java.util.Comparator.comparingInt(Info::pk))
            .map(i -> i.column().name())
            .toList();
    List<Column> columns = new ArrayList<>();
    for (Info info : infos) {
      Column c = info.column();
      // INTEGER PRIMARY KEY is the rowid: SQLite numbers it.
      boolean rowid = primaryKey.size() == 1 && info.pk() == 1 && c.type().equals("INTEGER");
      columns.add(
          rowid
              ? new Column(c.name(), c.type(), c.nullable(), c.defaultValue(), c.generated(), true)
              : c);
    }
    record KeyPart(int id, String table, String from, String to, String onDelete) {}
    List<KeyPart> keyParts =
        rows(
            connection,
            "PRAGMA foreign_key_list(" + quoted + ")",
            r ->
                new KeyPart(
                    r.getInt("id"),
                    r.getString("table"),
                    r.getString("from"),
                    r.getString("to"),
                    r.getString("on_delete")));
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (int id : keyParts.stream().map(KeyPart::id).distinct().sorted().toList()) {
      List<KeyPart> of = keyParts.stream().filter(k -> k.id() == id).toList();
      foreignKeys.add(
          new ForeignKey(
              null,
              of.stream().map(KeyPart::from).toList(),
              of.get(0).table(),
              of.stream().map(KeyPart::to).toList(),
              of.get(0).onDelete()));
    }
    record IndexEntry(String name, boolean unique, String origin) {}
    List<Unique> uniques = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    for (IndexEntry entry :
        rows(
            connection,
            "PRAGMA index_list(" + quoted + ")",
            r ->
                new IndexEntry(
                    r.getString("name"), r.getInt("unique") == 1, r.getString("origin")))) {
      List<String> cols =
          rows(
              connection,
              "PRAGMA index_info(" + SqlWriter.quote('"', entry.name()) + ")",
              r -> r.getString("name"));
      switch (entry.origin()) {
        case "u" -> uniques.add(new Unique(null, cols));
        case "c" -> indexes.add(new Index(entry.name(), cols, entry.unique(), null));
        default -> {}
      }
    }
    List<Check> checks = checks(sql);
    return new Table(name, columns, primaryKey, null, uniques, checks, foreignKeys, indexes, sql);
  }

  /** The CHECK clauses of a CREATE TABLE statement, found outside quotes and comments. */
  static List<Check> checks(String sql) {
    List<Check> checks = new ArrayList<>();
    String upper = sql.toUpperCase(Locale.ROOT);
    int from = 0;
    while (true) {
      int at = SqlWriter.keyword(sql, upper, "CHECK", from);
      if (at < 0) {
        return checks;
      }
      int open = sql.indexOf('(', at);
      int close = SqlWriter.closing(sql, open);
      if (open < 0 || close < 0) {
        return checks;
      }
      checks.add(new Check(null, sql.substring(open + 1, close).strip()));
      from = close + 1;
    }
  }

  /** The query of a CREATE VIEW statement, as written. */
  private static String viewQuery(String sql) {
    String upper = sql.toUpperCase(Locale.ROOT);
    int as = SqlWriter.keyword(sql, upper, "AS", 0);
    return (as < 0 ? sql : sql.substring(as + 2)).strip().replaceAll("\\s+", " ");
  }
}
