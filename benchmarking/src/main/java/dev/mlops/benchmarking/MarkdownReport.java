package dev.mlops.benchmarking;

/** Renders a {@link BenchmarkReport} as GitHub-flavoured Markdown. Every text from the report is escaped. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(BenchmarkReport r) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# Benchmark report: ").append(escape(r.name())).append("\n\n");
    out.append("Run ").append(r.createdAt()).append(" with mlops ").append(escape(r.library())).append(".\n\n");
    for (ReportTables.Section s : ReportTables.of(r)) {
      out.append("## ").append(escape(s.heading())).append("\n\n");
      if (s.intro() != null) {
        out.append(escape(s.intro())).append("\n\n");
      }
      row(out, s.head());
      out.append('|');
      for (int i = 0; i < s.head().size(); i++) {
        out.append(s.numeric(i) ? "---:|" : "---|");
      }
      out.append('\n');
      s.rows().forEach(row -> row(out, row));
      out.append('\n');
    }
    out.append("## Notes\n\n");
    for (String n : ReportFacts.notes(r)) {
      out.append("- ").append(escape(n)).append('\n');
    }
    return out.toString();
  }

  private static void row(StringBuilder out, java.util.List<String> cells) {
    out.append('|');
    cells.forEach(c -> out.append(' ').append(escape(c)).append(" |"));
    out.append('\n');
  }

  /**
   * Escapes text for a Markdown table cell or paragraph: backslash-escapes the characters that start markup
   * ({@code \ ` * _ < > | # ! &}, and {@code ]} where it would close a link) and turns line breaks into spaces.
   */
  static String escape(String s) {
    if (s == null) {
      return ReportFacts.NA;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '<', '>', '|', '#', '!', '&' -> b.append('\\').append(c);
        case ']' -> {
          // "[text](url)", "[text][ref]" and "[ref]: url" make links; a lone bracket does not
          char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
          b.append(next == '(' || next == '[' || next == ':' ? "\\]" : "]");
        }
        case '\n', '\r', '\t' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
