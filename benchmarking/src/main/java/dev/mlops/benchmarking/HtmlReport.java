package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.Svg.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link BenchmarkReport} as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
 * font or resource from anywhere (a Content-Security-Policy forbids loading any), every text escaped.
 */
final class HtmlReport {
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;\
      color:#1a1a1a;background:#fff}
      main{max-width:980px;margin:0 auto;padding:24px}
      h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:28px 0 8px;border-bottom:1px solid #ddd;\
      padding-bottom:4px}
      p.meta{color:#555;margin:0 0 16px}
      table{border-collapse:collapse;margin:8px 0 16px;font-size:.9em}
      th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f4f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tbody tr:nth-child(even){background:#fafafa}
      figure{margin:12px 0 20px}figcaption{color:#555;font-size:.85em}
      svg.chart{max-width:100%;height:auto;background:#fff}
      svg .chart-title{font-size:14px;font-weight:bold}svg .axis-label{font-size:12px;fill:#333}
      svg .tick-label,svg .row-label,svg .group-label,svg .legend-label{fill:#333}
      ul.notes li{margin:4px 0}
      """;

  private HtmlReport() {}

  static String render(BenchmarkReport r) {
    StringBuilder out = new StringBuilder(32_768);
    String title = "Benchmark report: " + r.name();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'")
        .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"mlops ").append(escape(r.library())).append("\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n<main>\n");
    out.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">Run <time datetime=\"")
        .append(escape(r.createdAt().toString())).append("\">").append(escape(r.createdAt().toString()))
        .append("</time> with mlops ").append(escape(r.library())).append(".</p>\n");
    int[] chart = {0};
    for (ReportTables.Section s : ReportTables.of(r)) {
      out.append("<section class=\"").append(s.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\">\n<h2>")
          .append(escape(s.heading())).append("</h2>\n");
      if (s.intro() != null) {
        out.append("<p>").append(escape(s.intro())).append("</p>\n");
      }
      table(out, s);
      for (String svg : charts(r, s, chart)) {
        out.append("<figure>\n").append(svg).append("</figure>\n");
      }
      out.append("</section>\n");
    }
    out.append("<section class=\"notes\">\n<h2>Notes</h2>\n<ul class=\"notes\">\n");
    for (String n : ReportFacts.notes(r)) {
      out.append("<li>").append(escape(n)).append("</li>\n");
    }
    out.append("</ul>\n</section>\n</main>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The charts that go with a section; {@code counter} numbers them for unique, stable ids. */
  private static List<String> charts(BenchmarkReport r, ReportTables.Section s, int[] counter) {
    List<String> out = new ArrayList<>();
    switch (s.kind()) {
      case ACCURACY -> {
        for (String m : ReportFacts.mainMetrics(r)) {
          if (r.predictors().stream().anyMatch(p -> p.metrics().containsKey(m)
              && !Double.isNaN(p.metrics().get(m).estimate()))) {
            out.add(Charts.accuracy("chart-" + ++counter[0], r, m));
          }
        }
      }
      case LATENCY -> out.add(Charts.latency("chart-" + ++counter[0], results(r, s.scenario()),
          ReportFacts.scenarioTitle(s.scenario())));
      case OFFLINE -> out.add(Charts.throughput("chart-" + ++counter[0], results(r, s.scenario())));
      default -> { }
    }
    return out;
  }

  private static List<ReportFacts.Run> results(BenchmarkReport r, Scenario s) {
    return ReportFacts.byScenario(r).getOrDefault(s, List.of());
  }

  private static void table(StringBuilder out, ReportTables.Section s) {
    out.append("<table>\n<thead>\n<tr>");
    for (String h : s.head()) {
      out.append("<th scope=\"col\">").append(escape(h)).append("</th>");
    }
    out.append("</tr>\n</thead>\n<tbody>\n");
    boolean[] numeric = new boolean[s.head().size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = s.numeric(i);
    }
    for (List<String> row : s.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String cell = escape(row.get(i));
        if (i == 0) {
          out.append("<th scope=\"row\">").append(cell).append("</th>");
        } else {
          out.append(numeric[i] ? "<td class=\"num\">" : "<td>").append(cell).append("</td>");
        }
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }
}
