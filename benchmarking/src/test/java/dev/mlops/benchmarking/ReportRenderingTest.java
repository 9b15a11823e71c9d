package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.ReportFixture.PIPE;
import static dev.mlops.benchmarking.ReportFixture.SCRIPT;
import static dev.mlops.benchmarking.ReportFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
  private final BenchmarkReport r = ReportFixture.report();

  private static String interval(BenchmarkReport.MetricValue v) {
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v.estimate(), v.lower(), v.upper());
  }

  @Test
  void markdownHoldsEveryTable() {
    String md = r.toMarkdown();
    assertTrue(md.startsWith("# Benchmark report: render-test\n\nRun 2026-12-01T12:00:00Z with mlops "), md);
    for (String h : List.of("## Environment", "## Data", "## Accuracy", "## Load", "## Latency: single stream",
        "## Throughput: offline (batch sizes 1, 50)", "## Paired comparisons", "## Notes")) {
      assertTrue(md.contains("\n" + h + "\n"), "missing " + h + "\n" + md);
    }
    assertTrue(md.contains("| Cores | " + r.environment().availableProcessors() + " |"), md);
    assertTrue(md.contains("| synthetic | classification | 400 | 2 | no, yes | " + r.data().sha256().substring(0, 12)
        + " |"), md);
    BenchmarkReport.MetricValue acc = r.predictor("good").metrics().get("accuracy");
    assertTrue(md.contains("| good | " + interval(acc) + " |"), "accuracy row of good:\n" + md);
    assertTrue(md.contains("| Predictor | accuracy ↑ | balanced\\_accuracy ↑ | f1\\_macro ↑ | roc\\_auc ↑ |"
        + " log\\_loss ↓ |"), md);
    PerformanceResult.Latency l = r.predictor("good").performance(Scenario.SingleStream.class).latency();
    assertTrue(md.contains("| good | " + ReportFacts.micros(l.p50()) + " | " + ReportFacts.micros(l.p90()) + " | "
        + ReportFacts.micros(l.p99()) + " | " + ReportFacts.micros(l.p999()) + " | "), md);
    assertTrue(md.contains("| good | 50 | "), "offline row per batch size:\n" + md);
    BenchmarkReport.PairResult pair = r.comparisons().get(0);
    assertTrue(md.contains("| good | coin \\| pipe | " + pair.mcNemar().b() + " / " + pair.mcNemar().c() + " | "), md);
    assertTrue(md.contains("95% bootstrap interval"), md);
  }

  @Test
  void markdownEscapesPipesAndMarkupInNames() {
    String md = r.toMarkdown();
    assertTrue(md.contains("coin \\| pipe"), md);
    assertFalse(md.contains(PIPE), "an unescaped | would split the cell");
    assertTrue(md.contains("\\<script\\>alert(1)\\</script\\> \\& \"x\""), md);
    assertEquals("[a\\](b) [c] x\\_y", MarkdownReport.escape("[a](b) [c] x_y"), "a ] closing a link is escaped");
    assertFalse(md.contains("<script>"), md);
    // every row of a table has as many cell separators as its header
    for (List<String> table : tables(md)) {
      int cells = separators(table.get(0));
      for (String row : table) {
        assertEquals(cells, separators(row), "row '" + row + "' has the wrong number of cells");
      }
    }
  }

  private static List<List<String>> tables(String md) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("|")) {
        if (current == null) {
          current = new ArrayList<>();
          out.add(current);
        }
        current.add(line);
      } else {
        current = null;
      }
    }
    assertEquals(7, out.size(), "tables: " + out);
    return out;
  }

  private static int separators(String row) {
    int n = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '\\') {
        i++;
      } else if (row.charAt(i) == '|') {
        n++;
      }
    }
    return n;
  }

  @Test
  void htmlEscapesEveryNameAndRunsNoScript() {
    String html = r.toHtml();
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), html);
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element may appear");
    assertFalse(html.contains(SCRIPT));
    assertTrue(html.contains("coin | pipe"), "a | needs no escaping in HTML");
    String lower = html.toLowerCase(Locale.ROOT);
    for (String remote : List.of(" src=", " href=", "@import", "url(", "https:", "<link", "<iframe", "<object")) {
      assertFalse(lower.contains(remote), "the page must load nothing: found " + remote);
    }
    assertEquals(count(html, "xmlns=\"http://www.w3.org/2000/svg\""), count(html, "http://"),
        "only the SVG namespace may be a URL");
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "a CSP forbids loading");
  }

  @Test
  void htmlHoldsTheTablesAndAnAccessibleChartPerFigure() {
    String html = r.toHtml();
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    assertEquals(7, count(html, "<table>"));
    int charts = ReportFixture.expectedCharts(r);
    assertEquals(charts, count(html, "<svg "));
    assertEquals(charts, count(html, "</svg>"));
    for (int i = 1; i <= charts; i++) {
      assertTrue(html.contains("aria-labelledby=\"chart-" + i + "-title chart-" + i + "-desc\""), "chart " + i);
      assertTrue(html.contains("<title id=\"chart-" + i + "-title\">"), "chart " + i);
      assertTrue(html.contains("<desc id=\"chart-" + i + "-desc\">"), "chart " + i);
    }
    assertEquals(3 * 4, count(html, "<rect class=\"bar\""), "a bar per predictor and percentile");
    assertEquals(3, count(html, "<polyline class=\"line\""), "a throughput line per predictor");
    assertEquals(3 * 2, count(html, "<circle class=\"point\""), "a point per predictor and batch size");
    assertTrue(count(html, "<circle class=\"mark\"") >= 3, "accuracy marks");
    assertTrue(html.contains(">accuracy per predictor, with 95% bootstrap interval</text>"), "chart title");
    assertTrue(html.contains(">latency (µs"), "y axis label");
    assertTrue(html.contains(">batch size (rows) (log scale)</text>"), "x axis label of the throughput chart");
    assertTrue(count(html, "class=\"legend\"") >= charts, "a legend per chart");
    BenchmarkReport.MetricValue acc = r.predictor("good").metrics().get("accuracy");
    assertTrue(html.contains("<td class=\"num\">" + interval(acc) + "</td>"), html);
  }

  @Test
  void renderingIsDeterministicAndSurvivesTheJsonRoundTrip() {
    BenchmarkReport back = BenchmarkReport.fromJson(r.toJson());
    assertEquals(r.toHtml(), r.toHtml());
    assertEquals(r.toHtml(), back.toHtml());
    assertEquals(r.toMarkdown(), back.toMarkdown());
    assertEquals(r.sha256(), back.sha256());
  }

  @Test
  void aLogScaleIsUsedWhenValuesSpanMoreThanTenTimes() {
    Charts.Scale log = Charts.Scale.of(3, 4000, 0, 100, true);
    assertTrue(log.log());
    assertEquals(1, log.lo());
    assertEquals(10_000, log.hi());
    assertEquals(List.of(1.0, 10.0, 100.0, 1000.0, 10_000.0), log.ticks());
    assertEquals(50, log.map(100), 1e-9);
    Charts.Scale lin = Charts.Scale.of(0.905, 0.968, 0, 100, true);
    assertFalse(lin.log());
    assertEquals(0.9, lin.lo(), 1e-12);
    assertEquals(0.97, lin.hi(), 1e-12);
    assertEquals("0.95", Charts.tick(0.95));
    assertEquals("25k", Charts.tick(25_000));
    assertEquals("1.5M", Charts.tick(1_500_000));
  }

  @Test
  void numbersAreWrittenTheSameEverywhere() {
    assertEquals("0.962 [0.947, 0.975]", ReportFacts.withInterval(0.9623, 0.9471, 0.9749));
    assertEquals("n/a", ReportFacts.withInterval(Double.NaN, 0, 1));
    assertEquals("0.00123", ReportFacts.metric(0.0012345));
    assertEquals("4.25", ReportFacts.micros(4_250));
    assertEquals("1,235", ReportFacts.micros(1_234_567));
    assertEquals("1.5 KiB", ReportFacts.bytes(1536.0));
    assertEquals("n/a", ReportFacts.bytes(Double.NaN));
    assertEquals("< 1e-12", ReportFacts.pValue(1e-20));
  }
}
