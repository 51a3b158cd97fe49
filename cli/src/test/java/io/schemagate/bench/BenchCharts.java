package io.schemagate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's timings as bar charts, one SVG per suite: schemagate, Flyway's command line and the
 * raw limit (the same SQL with no bookkeeping) side by side, so the gaps show at a glance. Written
 * by hand: a few rectangles and labels need no charting library.
 */
final class BenchCharts {
  /** Who a measurement is of, with its bar colour. */
  enum Who {
    SCHEMAGATE("schemagate", "#2f6fb0"),
    FLYWAY("Flyway's command line", "#d9822b"),
    RAW("raw limit (no bookkeeping)", "#5a9e4b");

    final String label;
    final String colour;

    Who(String label, String colour) {
      this.label = label;
      this.colour = colour;
    }

    static Who of(String measurement) {
      String text = measurement.toLowerCase(Locale.ROOT);
      if (text.startsWith("(b)") || text.contains("flyway command line")) {
        return FLYWAY;
      }
      if (text.contains("raw sql") || text.startsWith("floor") || text.startsWith("psql")) {
        return RAW;
      }
      return SCHEMAGATE;
    }
  }

  /** One bar: a measurement's median in seconds. */
  record Bar(String measurement, double seconds, String shown, Who who) {}

  private static final int WIDTH = 900;
  private static final int LABEL = 470;
  private static final int ROW = 22;

  private BenchCharts() {}

  /**
   * The bars of each suite, from the report's "Figures" table: every row measured in seconds or
   * milliseconds, in the table's order. Ratios, counts and sizes are left to the table.
   */
  static Map<String, List<Bar>> bars(String report) {
    Map<String, List<Bar>> suites = new LinkedHashMap<>();
    boolean figures = false;
    for (String line : report.split("\n")) {
      if (line.startsWith("## ")) {
        figures = line.startsWith("## Figures");
        continue;
      }
      if (!figures || !line.startsWith("| ") || line.startsWith("| Suite")) {
        continue;
      }
      String[] cells = line.split("\\|");
      if (cells.length < 4) {
        continue;
      }
      String suite = cells[1].strip();
      String measurement = cells[2].strip();
      String median = cells[3].strip();
      double seconds;
      if (median.endsWith(" ms")) {
        seconds = parse(median.substring(0, median.length() - 3)) / 1000;
      } else if (median.endsWith(" s")) {
        seconds = parse(median.substring(0, median.length() - 2));
      } else {
        continue;
      }
      if (Double.isNaN(seconds) || measurement.toLowerCase(Locale.ROOT).startsWith("ratio")) {
        continue;
      }
      suites
          .computeIfAbsent(suite, s -> new ArrayList<>())
          .add(new Bar(measurement, seconds, median, Who.of(measurement)));
    }
    return suites;
  }

  private static double parse(String number) {
    try {
      return Double.parseDouble(number.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** One suite's chart: a legend, then one labelled bar per measurement, scaled to the longest. */
  static String svg(String suite, List<Bar> bars) {
    double longest = bars.stream().mapToDouble(Bar::seconds).max().orElse(1);
    int height = 60 + bars.size() * ROW;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append(
        String.format(
            Locale.ROOT,
            "<title>%s: median times (shorter is faster)</title>%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%n"
                + "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
            escape(suite),
            escape(suite + ": median times, shorter is faster")));
    int x = 8;
    for (Who who : Who.values()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"28\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"38\">%s</text>%n",
              x,
              who.colour,
              x + 16,
              escape(who.label)));
      x += 24 + who.label.length() * 7;
    }
    int y = 52;
    for (Bar bar : bars) {
      String label =
          bar.measurement().length() > 66
              ? bar.measurement().substring(0, 65) + "…"
              : bar.measurement();
      double width = Math.max(1, (WIDTH - LABEL - 80) * bar.seconds() / longest);
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n"
                  + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n"
                  + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
              LABEL - 6,
              y + 14,
              escape(label),
              LABEL,
              y + 3,
              width,
              ROW - 6,
              bar.who().colour,
              LABEL + width + 4,
              y + 14,
              escape(bar.shown())));
      y += ROW;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The file name of a suite's chart: {@code big bundle} is {@code big-bundle.svg}. */
  static String fileName(String suite) {
    return suite.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".svg";
  }

  /**
   * Writes one chart per suite into {@code benchmarks/} beside the report, and returns the Markdown
   * that shows them, to end the report's generated part.
   */
  static String write(Path report, String text) throws IOException {
    Path folder = report.toAbsolutePath().getParent().resolve("benchmarks");
    Files.createDirectories(folder);
    StringBuilder markdown = new StringBuilder("\n## Charts\n\n");
    for (Map.Entry<String, List<Bar>> suite : bars(text).entrySet()) {
      String name = fileName(suite.getKey());
      Files.writeString(folder.resolve(name), svg(suite.getKey(), suite.getValue()));
      markdown.append("![").append(suite.getKey()).append("](benchmarks/").append(name);
      markdown.append(")\n\n");
    }
    return markdown.toString();
  }

  /** {@code bench/run --charts-only}: the charts of the committed report, without measuring. */
  static void redraw(Path report) throws Exception {
    String text = Files.readString(report);
    int begin = text.indexOf(Benchmarks.BEGIN);
    int end = text.indexOf(Benchmarks.END);
    String block = text.substring(begin + Benchmarks.BEGIN.length() + 1, end);
    int charts = block.indexOf("\n## Charts\n");
    String figures = charts < 0 ? block : block.substring(0, charts + 1);
    Benchmarks.writeInto(report, figures.stripTrailing() + "\n" + write(report, figures));
  }
}
