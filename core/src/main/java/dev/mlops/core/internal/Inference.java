package dev.mlops.core.internal;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Settles a CSV read's schema from its header, the options and a sample of records. Not API. */
final class Inference {
  private Inference() {}

  /** The column names: the header's (checked), the schema's, or col1..colN. */
  static List<String> names(String source, String[] header, int width, CsvReadSettings s) {
    if (header == null) {
      if (s.schema() != null) {
        return s.schema().names();
      }
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= width; i++) {
        names.add("col" + i);
      }
      return names;
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String n = header[i];
      if (n == null || n.isBlank()) {
        throw new ValidationException(source + ", line 1, column " + (i + 1) + ": the header name is blank; "
            + "name every column in the header, or read with header(false) and a schema(...)");
      }
      Integer before = seen.put(n, i);
      if (before != null) {
        throw new ValidationException(source + ", line 1: the header names columns " + (before + 1) + " and "
            + (i + 1) + " both '" + n + "'; rename one, or read with header(false) and a schema(...)");
      }
      names.add(n);
    }
    if (s.schema() != null && !s.schema().names().equals(names)) {
      throw new ValidationException(source + ", line 1: the header has columns " + names + " but the schema has "
          + s.schema().names() + "; make the schema's names and order match the header, or read with "
          + "header(false) to use the schema's names");
    }
    return names;
  }

  /** The schema: the explicit one, or one inferred from {@code sample} with the type overrides. */
  static Schema schema(String source, List<String> names, List<String[]> sample, CsvReadSettings s) {
    if (s.schema() != null) {
      return s.schema();
    }
    Set<String> unknown = new LinkedHashSet<>(s.types().keySet());
    names.forEach(unknown::remove);
    if (!unknown.isEmpty()) {
      throw new ValidationException(source + ": types(...) names columns " + unknown + " that the file does not "
          + "have; the columns are " + names);
    }
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      ColumnType t = s.types().get(names.get(c));
      fields.add(Field.of(names.get(c), t != null ? t : infer(sample, c)));
    }
    return new Schema(fields);
  }

  /** The narrowest type that every non-null sample value of column {@code c} fits. */
  static ColumnType infer(List<String[]> sample, int c) {
    boolean isLong = true;
    boolean isDouble = true;
    boolean isBoolean = true;
    boolean isTimestamp = true;
    int values = 0;
    long[] l = new long[1];
    double[] d = new double[1];
    for (String[] row : sample) {
      if (c >= row.length || row[c] == null || row[c].isEmpty()) {
        continue;
      }
      values++;
      char[] v = row[c].toCharArray();
      if (isLong && !FieldText.parseLong(v, 0, v.length, l)) {
        isLong = false;
      }
      if (isDouble && !isLong && !FieldText.parseDouble(v, 0, v.length, d)) {
        isDouble = false;
      }
      if (isBoolean && FieldText.parseBoolean(v, 0, v.length) < 0) {
        isBoolean = false;
      }
      if (isTimestamp && FieldText.parseOffsetTimestamp(row[c]) == null) {
        isTimestamp = false;
      }
      if (!isLong && !isDouble && !isBoolean && !isTimestamp) {
        return ColumnType.STRING;
      }
    }
    if (values == 0) {
      return ColumnType.STRING;
    }
    return isLong ? ColumnType.LONG : isDouble ? ColumnType.DOUBLE : isBoolean ? ColumnType.BOOLEAN
        : ColumnType.TIMESTAMP;
  }
}
