package dev.mlops.benchmarking;

import static dev.mlops.benchmarking.ReportFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: the DOM Chromium builds from it still holds the tables and every chart's
 * marks, and a screenshot of it is a picture, not a blank page. The page and screenshot are kept under
 * {@code target/report-rendering/} for a look.
 */
class BrowserRenderingTest {
  @TempDir
  Path work;

  @Test
  void chromiumBuildsTheTablesAndChartsOfTheReport() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    BenchmarkReport r = ReportFixture.report();
    Path page = writePage(r);
    String dom = chromium.dumpDom(page, work);
    assertTrue(dom.contains("<h1>Benchmark report: render-test</h1>"), dom);
    assertEquals(7, count(dom, "<table>"), "every table survived");
    assertTrue(dom.contains("<th scope=\"row\">good</th>"), dom);
    assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\""), "the name is text, not markup");
    assertFalse(dom.toLowerCase(Locale.ROOT).contains("<script"), "no script element in the DOM");
    int charts = ReportFixture.expectedCharts(r);
    assertEquals(charts, count(dom, "<svg "), "every chart survived");
    assertEquals(charts, count(dom, "<desc id=\"chart-"), "each chart has its description");
    assertEquals(3 * 4, count(dom, "<rect class=\"bar\""), "latency bars");
    assertEquals(3, count(dom, "<polyline class=\"line\""), "throughput lines");
    assertEquals(3 * 2, count(dom, "<circle class=\"point\""), "throughput points");
    assertTrue(count(dom, "<circle class=\"mark\"") >= 3, "accuracy marks");
    assertTrue(count(dom, "<line class=\"whisker\"") >= 3, "interval whiskers");
  }

  @Test
  void chromiumPaintsTheReport() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    Path page = writePage(ReportFixture.report());
    Path png = page.resolveSibling("report.png");
    Files.deleteIfExists(png);
    chromium.screenshot(page, png, 1200, 2000, work);
    assertTrue(Files.size(png) > 1000, "screenshot " + png + " is " + Files.size(png) + " bytes");
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a PNG: " + png);
    assertEquals(1200, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, "a blank page: only " + colours.size() + " colours in " + png);
    int chartBlue = Integer.parseInt(Charts.colour(0).substring(1), 16);
    assertTrue(colours.stream().anyMatch(c -> (c & 0xFFFFFF) == chartBlue), "the first series' colour is painted");
  }

  @Test
  void theSwitchReadsLikeCoresTestServers() {
    assertFalse(HeadlessChromium.required(null));
    assertFalse(HeadlessChromium.required(" False "));
    assertTrue(HeadlessChromium.required("TRUE"));
    assertThrows(IllegalArgumentException.class, () -> HeadlessChromium.required("yes"));
  }

  private static Path writePage(BenchmarkReport r) throws Exception {
    Path dir = Path.of("target", "report-rendering").toAbsolutePath();
    Files.createDirectories(dir);
    Path page = dir.resolve("report.html");
    Files.writeString(page, r.toHtml(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), r.toMarkdown(), StandardCharsets.UTF_8);
    return page;
  }
}
