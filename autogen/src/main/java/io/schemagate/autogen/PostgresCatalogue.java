package io.schemagate.autogen;

import static io.schemagate.autogen.CatalogueReader.byName;
import static io.schemagate.autogen.CatalogueReader.rows;
import static io.schemagate.autogen.CatalogueReader.texts;

import io.schemagate.autogen.Schema.Check;
import io.schemagate.autogen.Schema.Column;
import io.schemagate.autogen.Schema.EnumType;
import io.schemagate.autogen.Schema.ForeignKey;
import io.schemagate.autogen.Schema.Index;
import io.schemagate.autogen.Schema.Sequence;
import io.schemagate.autogen.Schema.Table;
import io.schemagate.autogen.Schema.Unique;
import io.schemagate.autogen.Schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** PostgreSQL's catalogue ({@code pg_catalog}), as {@code pg_dump} reads it. */
final class PostgresCatalogue implements CatalogueReader {
  private static final String TABLES =
      "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname";
  private static final String COLUMNS =
      "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,"
          + " pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity,"
          + " pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
          + " a.attname)"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
  private static final String CONSTRAINTS =
      "SELECT con.conname, con.contype, pg_get_constraintdef(con.oid),"
          + " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o)"
          + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o),"
          + " f.relname,"
          + " ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)"
          + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o),"
          + " con.confdeltype"
          + " FROM pg_constraint con LEFT JOIN pg_class f ON f.oid = con.confrelid"
          + " WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'c', 'f') ORDER BY con.conname";
  private static final String INDEXES =
      "SELECT i.relname, x.indisunique, pg_get_indexdef(x.indexrelid),"
          + " ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)"
          + "   FROM generate_series(1, x.indnkeyatts) k ORDER BY k)"
          + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
          + " WHERE x.indrelid = ? AND NOT EXISTS"
          + " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
          + " ORDER BY i.relname";
  private static final String VIEWS =
      "SELECT viewname, definition FROM pg_views WHERE schemaname = ? ORDER BY viewname";
  private static final String SEQUENCES =
      "SELECT c.relname, s.seqstart, s.seqincrement FROM pg_sequence s"
          + " JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend d"
          + " WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) ORDER BY c.relname";
  private static final String ENUMS =
      "SELECT t.typname, ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid"
          + " ORDER BY e.enumsortorder)"
          + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = ? AND t.typtype = 'e' ORDER BY t.typname";

  @Override
  public Schema read(Connection connection, String schema, Set<String> skip) throws SQLException {
    TreeMap<String, Table> tables = new TreeMap<>();
    record Named(long oid, String name) {}
    for (Named table :
        rows(connection, TABLES, r -> new Named(r.getLong(1), r.getString(2)), schema)) {
      if (!skip.contains(table.name())) {
        tables.put(table.name(), table(connection, table.oid(), table.name()));
      }
    }
    TreeMap<String, View> views = CatalogueReader.views(connection, VIEWS, schema);
    TreeMap<String, Sequence> sequences = CatalogueReader.sequences(connection, SEQUENCES, schema);
    TreeMap<String, EnumType> enums =
        byName(
            rows(
                connection, ENUMS, r -> new EnumType(r.getString(1), texts(r.getArray(2))), schema),
            EnumType::name);
    return new Schema(tables, views, sequences, enums);
  }

  private static Table table(Connection connection, long oid, String name) throws SQLException {
    List<Column> columns =
        rows(
            connection,
            COLUMNS,
            r -> {
              String expression = r.getString(4);
              boolean generated = "s".equals(r.getString(5));
              boolean serial =
                  r.getString(7) != null && expression != null && expression.startsWith("nextval(");
              boolean identity = !r.getString(6).isEmpty() || serial;
              return new Column(
                  r.getString(1),
                  r.getString(2),
                  r.getBoolean(3),
                  generated || identity ? null : expression,
                  generated ? "(" + expression + ") STORED" : null,
                  identity);
            },
            oid);
    List<String> primaryKey = new ArrayList<>();
    String primaryKeyName = null;
    List<Unique> uniques = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    record Constraint(
        String name,
        String type,
        String definition,
        List<String> columns,
        String table,
        List<String> referenced,
        String onDelete) {}
    for (Constraint c :
        rows(
            connection,
            CONSTRAINTS,
            r ->
                new Constraint(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    texts(r.getArray(4)),
                    r.getString(5),
                    texts(r.getArray(6)),
                    r.getString(7)),
            oid)) {
      switch (c.type()) {
        case "p" -> {
          primaryKey.addAll(c.columns());
          primaryKeyName = c.name();
        }
        case "u" -> uniques.add(new Unique(c.name(), c.columns()));
        case "c" -> checks.add(new Check(c.name(), checkExpression(c.definition())));
        default ->
            foreignKeys.add(
                new ForeignKey(
                    c.name(), c.columns(), c.table(), c.referenced(), rule(c.onDelete())));
      }
    }
    List<Index> indexes =
        rows(
            connection,
            INDEXES,
            r ->
                new Index(
                    r.getString(1), texts(r.getArray(4)), r.getBoolean(2), using(r.getString(3))),
            oid);
    return new Table(
        name, columns, primaryKey, primaryKeyName, uniques, checks, foreignKeys, indexes, null);
  }

  /**
   * The part of {@code CREATE INDEX i ON public.t USING btree (a) WHERE ...} after the table: the
   * method, the columns with their operator classes and order, INCLUDE, WITH and the predicate, all
   * of which the index is compared by.
   */
  static String using(String definition) {
    int at = definition.indexOf(" USING ");
    return at < 0 ? null : definition.substring(at + 1);
  }

  /** {@code CHECK ((price > 0)) NOT VALID} as {@code (price > 0)}: validity is not the shape. */
  static String checkExpression(String definition) {
    String expression = definition.strip();
    if (expression.startsWith("CHECK ")) {
      expression = expression.substring("CHECK ".length());
    }
    if (expression.endsWith(" NOT VALID")) {
      expression = expression.substring(0, expression.length() - " NOT VALID".length());
    }
    return expression.strip();
  }

  private static String rule(String code) {
    return switch (code == null ? "a" : code) {
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      case "r" -> "RESTRICT";
      default -> "NO ACTION";
    };
  }
}
