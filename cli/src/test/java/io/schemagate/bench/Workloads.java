package io.schemagate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The scripts the contenders apply, as files (for the command lines) and as a map. */
final class Workloads {
  private Workloads() {}

  /**
   * A realistic bundle of {@code count} migrations in cycles of five: a table, an index and a
   * column, a foreign key and a check constraint, a data load, and a data update with a view.
   */
  static Map<String, String> realistic(int count) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      int base = ((i - 1) / 5) * 5 + 1;
      String table = "entity_" + base;
      String sql =
          switch ((i - 1) % 5) {
            case 0 ->
                "CREATE TABLE "
                    + table
                    + " (\n  id BIGSERIAL PRIMARY KEY,\n  name TEXT NOT NULL,\n"
                    + "  status VARCHAR(20) NOT NULL DEFAULT 'new',\n  parent_id BIGINT,\n"
                    + "  created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n";
            case 1 ->
                "CREATE INDEX "
                    + table
                    + "_name_idx ON "
                    + table
                    + " (name);\nALTER TABLE "
                    + table
                    + " ADD COLUMN updated_at TIMESTAMPTZ;\n";
            case 2 ->
                "ALTER TABLE "
                    + table
                    + " ADD CONSTRAINT "
                    + table
                    + "_parent_fk FOREIGN KEY (parent_id) REFERENCES "
                    + table
                    + " (id);\nALTER TABLE "
                    + table
                    + " ADD CONSTRAINT "
                    + table
                    + "_status_check CHECK (status IN ('new', 'active', 'done'));\n";
            case 3 ->
                "INSERT INTO "
                    + table
                    + " (name, status)\nSELECT 'item ' || g, 'new' FROM generate_series(1, 500) AS g;\n";
            default ->
                "UPDATE "
                    + table
                    + " SET status = 'active', updated_at = now() WHERE id % 3 = 0;\nCREATE VIEW "
                    + table
                    + "_active AS SELECT id, name FROM "
                    + table
                    + " WHERE status = 'active';\n";
          };
      scripts.put("V" + i + "__step_" + i + ".sql", sql);
    }
    return scripts;
  }

  /** {@code count} small migrations: a table, then an index and a row for it, alternately. */
  static Map<String, String> small(int count) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      int table = i % 2 == 1 ? i : i - 1;
      String sql =
          i % 2 == 1
              ? "CREATE TABLE t_" + table + " (id INT PRIMARY KEY, v TEXT);\n"
              : "CREATE INDEX t_"
                  + table
                  + "_v ON t_"
                  + table
                  + " (v);\nINSERT INTO t_"
                  + table
                  + " VALUES (1, 'x');\n";
      scripts.put("V" + i + "__small_" + i + ".sql", sql);
    }
    return scripts;
  }

  /** {@code count} scripts of one statement each: a table. */
  static Map<String, String> oneStatement(int count) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      scripts.put("V" + i + "__table_" + i + ".sql", "CREATE TABLE t_" + i + " (id INT);\n");
    }
    return scripts;
  }

  /** Writes the scripts into a new directory. */
  static Path write(Map<String, String> scripts) throws IOException {
    Path dir = Files.createTempDirectory("schemagate-bench");
    // Registered first, deleted last: after the files, which exit deletes in reverse order.
    dir.toFile().deleteOnExit();
    for (Map.Entry<String, String> script : scripts.entrySet()) {
      Path file = dir.resolve(script.getKey());
      Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
    }
    return dir;
  }
}
