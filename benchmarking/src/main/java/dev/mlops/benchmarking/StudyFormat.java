package dev.mlops.benchmarking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text table of a study. */
final class StudyFormat {
  private StudyFormat() {}

  static String table(Study study, List<TrialResult> trials) {
    List<String> names = study.space().names();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[names.size() + 4];
    header[0] = "trial";
    for (int i = 0; i < names.size(); i++) {
      header[i + 1] = names.get(i);
    }
    header[names.size() + 1] = study.objectiveName();
    header[names.size() + 2] = "state";
    header[names.size() + 3] = "duration";
    rows.add(header);
    for (TrialResult t : trials) {
      String[] row = new String[header.length];
      row[0] = Integer.toString(t.number());
      for (int i = 0; i < names.size(); i++) {
        Object v = t.params().get(names.get(i));
        row[i + 1] = v instanceof Double d ? number(d) : Params.format(v);
      }
      row[names.size() + 1] = Double.isNaN(t.value()) ? "-" : number(t.value());
      row[names.size() + 2] = t.state().name();
      row[names.size() + 3] = duration(t.duration());
      rows.add(row);
    }
    int[] width = new int[header.length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        String cell = r[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(c == 0 ? pad + cell : cell + pad).append(c < r.length - 1 ? "  " : "");
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e") || !s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
