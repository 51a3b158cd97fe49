package io.schemagate.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain aligned table for terminal output. */
final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = Arrays.asList(headers);
  }

  TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  void print(PrintStream out) {
    lines().forEach(out::println);
  }

  /** The header, its rule and the rows, each padded to its column's width. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.add(line(headers, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.add(rule.toString());
    for (List<String> row : rows) {
      out.add(line(row, widths));
    }
    return out;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      line.append(i == 0 ? "" : "  ").append(cell);
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - cell.length()));
      }
    }
    return line.toString().stripTrailing();
  }
}
