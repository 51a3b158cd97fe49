package io.schemagate.autogen;

import java.util.Locale;

/**
 * One difference between the schema the bundle builds and the schema wanted, as the generated
 * script will carry it out.
 *
 * @param kind what changes
 * @param table the table it belongs to, or {@code null} for a view, sequence or enum
 * @param before what the bundle builds ({@code null} for an addition)
 * @param after what is wanted ({@code null} for a removal)
 */
public record Change(Kind kind, String table, Object before, Object after) {

  /** The kinds of change, in the words the output uses. */
  public enum Kind {
    ADD_TABLE,
    DROP_TABLE,
    ADD_COLUMN,
    DROP_COLUMN,
    ALTER_COLUMN,
    PRIMARY_KEY,
    ADD_UNIQUE,
    DROP_UNIQUE,
    ADD_CHECK,
    DROP_CHECK,
    ADD_FOREIGN_KEY,
    DROP_FOREIGN_KEY,
    ADD_INDEX,
    DROP_INDEX,
    ADD_VIEW,
    DROP_VIEW,
    REPLACE_VIEW,
    ADD_SEQUENCE,
    DROP_SEQUENCE,
    ALTER_SEQUENCE,
    ADD_ENUM,
    DROP_ENUM,
    ALTER_ENUM;

    /** {@code add column}. */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Whether the change removes what the running release may still read. */
    public boolean removes() {
      return this == DROP_TABLE
          || this == DROP_COLUMN
          || this == DROP_VIEW
          || this == DROP_SEQUENCE
          || this == DROP_ENUM;
    }
  }

  /** One line for people: {@code add column orders.note (text)}. */
  public String describe() {
    Object subject = after != null ? after : before;
    String what = name(subject);
    String where =
        table == null || kind == Kind.ADD_TABLE || kind == Kind.DROP_TABLE
            ? what
            : table + (what.isEmpty() ? "" : "." + what);
    String detail =
        switch (kind) {
          case ALTER_COLUMN ->
              " (" + columnDetail((Schema.Column) before, (Schema.Column) after) + ")";
          case ADD_COLUMN -> " (" + ((Schema.Column) after).type() + ")";
          case ADD_CHECK, DROP_CHECK -> " " + ((Schema.Check) subject).expression();
          case ADD_FOREIGN_KEY, DROP_FOREIGN_KEY -> {
            Schema.ForeignKey key = (Schema.ForeignKey) subject;
            yield " ("
                + String.join(", ", key.columns())
                + ") -> "
                + key.table()
                + " ("
                + String.join(", ", key.referenced())
                + ")";
          }
          case ADD_INDEX, DROP_INDEX -> {
            Schema.Index index = (Schema.Index) subject;
            yield " ("
                + String.join(", ", index.columns())
                + ")"
                + (index.unique() ? " unique" : "");
          }
          case ADD_UNIQUE, DROP_UNIQUE ->
              " (" + String.join(", ", ((Schema.Unique) subject).columns()) + ")";
          case PRIMARY_KEY ->
              " ("
                  + String.join(", ", ((Schema.Table) before).primaryKey())
                  + ") -> ("
                  + String.join(", ", ((Schema.Table) after).primaryKey())
                  + ")";
          case ALTER_ENUM ->
              " ("
                  + String.join(", ", ((Schema.EnumType) before).values())
                  + ") -> ("
                  + String.join(", ", ((Schema.EnumType) after).values())
                  + ")";
          case ALTER_SEQUENCE ->
              " (increment "
                  + ((Schema.Sequence) before).increment()
                  + " -> "
                  + ((Schema.Sequence) after).increment()
                  + ")";
          default -> "";
        };
    return kind.words() + " " + where + detail;
  }

  private static String name(Object subject) {
    if (subject instanceof Schema.Table t) {
      return t.name();
    } else if (subject instanceof Schema.Column c) {
      return c.name();
    } else if (subject instanceof Schema.Index i) {
      return i.name();
    } else if (subject instanceof Schema.View v) {
      return v.name();
    } else if (subject instanceof Schema.Sequence s) {
      return s.name();
    } else if (subject instanceof Schema.EnumType e) {
      return e.name();
    } else if (subject instanceof Schema.ForeignKey f) {
      return f.name() == null ? "" : f.name();
    } else if (subject instanceof Schema.Check c) {
      return c.name() == null ? "" : c.name();
    } else if (subject instanceof Schema.Unique u) {
      return u.name() == null ? "" : u.name();
    }
    return "";
  }

  private static String columnDetail(Schema.Column before, Schema.Column after) {
    StringBuilder detail = new StringBuilder();
    if (!before.type().equals(after.type())) {
      detail.append("type ").append(before.type()).append(" -> ").append(after.type());
    }
    if (before.nullable() != after.nullable()) {
      append(detail, after.nullable() ? "nullable" : "not null");
    }
    if (!java.util.Objects.equals(before.defaultValue(), after.defaultValue())) {
      append(detail, "default " + before.defaultValue() + " -> " + after.defaultValue());
    }
    if (!java.util.Objects.equals(before.generated(), after.generated())
        || before.identity() != after.identity()) {
      append(detail, "generated or identity");
    }
    return detail.toString();
  }

  private static void append(StringBuilder detail, String part) {
    if (detail.length() > 0) {
      detail.append(", ");
    }
    detail.append(part);
  }
}
