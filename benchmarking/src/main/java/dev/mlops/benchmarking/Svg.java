package dev.mlops.benchmarking;

import java.util.Locale;

/**
 * A small writer of inline SVG for the HTML report: shapes and text with fixed-precision coordinates (so the output
 * is the same on every machine), every text and attribute value escaped, and an accessible title and description.
 * Not thread-safe; one per chart.
 */
final class Svg {
  private final StringBuilder b = new StringBuilder(4096);

  /** Opens an SVG of {@code width x height} with id {@code id}, its {@code <title>} and {@code <desc>}. */
  Svg(String id, int width, int height, String title, String desc) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(escape(id))
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(escape(id))
        .append("-title ").append(escape(id)).append("-desc\" font-family=\"sans-serif\" font-size=\"12\">\n");
    b.append("<title id=\"").append(escape(id)).append("-title\">").append(escape(title)).append("</title>\n");
    b.append("<desc id=\"").append(escape(id)).append("-desc\">").append(escape(desc)).append("</desc>\n");
  }

  /** A rectangle; {@code tooltip} (may be null) becomes its {@code <title>}. */
  Svg rect(String cls, double x, double y, double w, double h, String fill, String tooltip) {
    b.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" width=\"").append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
        .append("\" fill=\"").append(fill).append('"');
    return close("rect", tooltip);
  }

  /** A line. */
  Svg line(String cls, double x1, double y1, double x2, double y2, String stroke, double width) {
    b.append("<line class=\"").append(cls).append("\" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
        .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke)
        .append("\" stroke-width=\"").append(num(width)).append("\"/>\n");
    return this;
  }

  /** A circle; {@code tooltip} (may be null) becomes its {@code <title>}. */
  Svg circle(String cls, double cx, double cy, double r, String fill, String tooltip) {
    b.append("<circle class=\"").append(cls).append("\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
        .append("\" r=\"").append(num(r)).append("\" fill=\"").append(fill).append('"');
    return close("circle", tooltip);
  }

  /** An open polyline through the points. */
  Svg polyline(String cls, double[] xs, double[] ys, String stroke) {
    b.append("<polyline class=\"").append(cls).append("\" fill=\"none\" stroke=\"").append(stroke)
        .append("\" stroke-width=\"2\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      b.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
    }
    b.append("\"/>\n");
    return this;
  }

  /** Text at (x, y), anchored "start", "middle" or "end"; {@code rotate} degrees about the point (0: none). */
  Svg text(String cls, double x, double y, String anchor, double rotate, String text) {
    b.append("<text class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"").append(anchor).append('"');
    if (rotate != 0) {
      b.append(" transform=\"rotate(").append(num(rotate)).append(' ').append(num(x)).append(' ').append(num(y))
          .append(")\"");
    }
    b.append('>').append(escape(text)).append("</text>\n");
    return this;
  }

  /** Text cut to {@code max} characters (with an ellipsis), the full text as its tooltip. */
  Svg label(String cls, double x, double y, String anchor, int max, String text) {
    if (text.length() <= max) {
      return text(cls, x, y, anchor, 0, text);
    }
    b.append("<text class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"").append(anchor).append("\"><title>").append(escape(text)).append("</title>")
        .append(escape(text.substring(0, cut(text, max - 1)))).append("…</text>\n");
    return this;
  }

  /** {@code n}, or one less when the cut would split a surrogate pair. */
  private static int cut(String text, int n) {
    return n > 0 && Character.isHighSurrogate(text.charAt(n - 1)) ? n - 1 : n;
  }

  /** Opens a group with class {@code cls}. */
  Svg group(String cls) {
    b.append("<g class=\"").append(cls).append("\">\n");
    return this;
  }

  /** Closes the innermost group. */
  Svg end() {
    b.append("</g>\n");
    return this;
  }

  /** The finished SVG element. */
  String finish() {
    return b + "</svg>\n";
  }

  private Svg close(String element, String tooltip) {
    if (tooltip == null) {
      b.append("/>\n");
    } else {
      b.append("><title>").append(escape(tooltip)).append("</title></").append(element).append(">\n");
    }
    return this;
  }

  /** A coordinate with at most two decimals, no trailing zeros, "0" for NaN. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s.equals("-0") ? "0" : s;
  }

  /** Escapes text for HTML or XML content and double- or single-quoted attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append(' '); // control characters are not allowed in XML text
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
