package dev.mlops.core.internal;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.MalformedRows;
import dev.mlops.core.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives FastCSV's fields as slices of its buffer. In sample mode it keeps each record as Strings (for the
 * header and type inference); in typed mode it parses each field straight into its column's
 * {@link Accumulator}, checks the record, and applies the malformed-record policy. Line numbers are relative
 * to the start of the text this handler parses. Not API.
 */
final class CsvHandler extends AbstractBaseCsvCallbackHandler<Object> {
  static final Object RECORD = new Object();
  /** What sample mode returns for a blank line (a row only in a one-column file). */
  static final Object BLANK = new Object();
  private static final char[] NO_CHARS = new char[0];

  private final CsvReadSettings settings;
  private final String[] nullTokens;
  private final boolean emptyIsNull;

  // Sample mode.
  private boolean sampling = true;
  private final List<String> sampleFields = new ArrayList<>();

  // Typed mode.
  private Schema schema;
  private Accumulator[] columns;
  private boolean[] nullable;
  private boolean widen;
  private boolean inferred;
  private boolean skipFirstRecord;
  private int rows;
  private long skipped;
  private final List<Malformed> rejects = new ArrayList<>();
  private long rejectsKept;

  // The current record.
  private long line;
  private int lineBreaks;
  private int badColumn;
  private String badValue;
  private StringBuilder raw;
  private long lastRecordLines;
  private int fieldsInRecord;

  CsvHandler(CsvReadSettings settings) {
    this.settings = settings;
    List<String> tokens = new ArrayList<>(settings.nullTokens());
    emptyIsNull = tokens.remove("");
    nullTokens = tokens.toArray(new String[0]);
  }

  /** Switches to typed mode: parse into fresh columns of {@code schema}. */
  void startTyped(Schema schema, boolean inferred, boolean widen, boolean skipFirstRecord, int capacity) {
    this.schema = schema;
    this.inferred = inferred;
    this.widen = widen;
    this.skipFirstRecord = skipFirstRecord;
    this.sampling = false;
    nullable = new boolean[schema.size()];
    for (int i = 0; i < nullable.length; i++) {
      nullable[i] = schema.field(i).nullable();
    }
    newColumns(capacity);
    if (settings.malformed() == MalformedRows.COLLECT) {
      raw = new StringBuilder();
    }
  }

  /** Starts new, empty columns (for the next batch), keeping the types reached so far. */
  void newColumns(int capacity) {
    Accumulator[] next = new Accumulator[schema.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = new Accumulator(columns == null ? schema.field(i).type() : columns[i].type(), capacity);
    }
    columns = next;
    rows = 0;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    lineBreaks = 0;
    badColumn = -1;
    badValue = null;
    fieldsInRecord = 0;
    if (raw != null) {
      raw.setLength(0);
    }
    if (sampling) {
      sampleFields.clear();
    }
  }

  @Override
  protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
    fieldsInRecord++;
    if (quoted) {
      countLineBreaks(buf, off, len);
    }
    if (sampling) {
      sampleFields.add(isNull(buf, off, len, quoted) ? null : new String(buf, off, len));
      return;
    }
    if (raw != null) {
      if (index > 0) {
        raw.append(settings.delimiter());
      }
      CsvWriting.appendField(raw, new String(buf, off, len), settings.delimiter(), settings.quote(), quoted);
    }
    if (badColumn >= 0 || index >= columns.length || skipFirstRecord) {
      return;
    }
    appendValue(index, buf, off, len, quoted);
  }

  private void appendValue(int index, char[] buf, int off, int len, boolean quoted) {
    Accumulator a = columns[index];
    if (isNull(buf, off, len, quoted) || (len == 0 && a.type() != ColumnType.STRING)) {
      if (!nullable[index]) {
        badColumn = index;
        badValue = null;
        return;
      }
      a.appendNull();
    } else if (!a.append(buf, off, len, widen)) {
      badColumn = index;
      badValue = new String(buf, off, len);
    }
  }

  private boolean isNull(char[] buf, int off, int len, boolean quoted) {
    if (quoted) {
      return false;
    }
    if (len == 0) {
      return emptyIsNull;
    }
    for (String t : nullTokens) {
      if (FieldText.equals(buf, off, len, t)) {
        return true;
      }
    }
    return false;
  }

  private void countLineBreaks(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n' || (c == '\r' && (i + 1 == off + len || buf[i + 1] != '\n'))) {
        lineBreaks++;
      }
    }
  }

  @Override
  protected Object buildRecord() {
    lastRecordLines = line + lineBreaks;
    RecordType type = getRecordType();
    int n;
    if (type == RecordType.DATA) {
      if (sampling) {
        return sampleFields.toArray(new String[0]);
      }
      if (skipFirstRecord) {
        skipFirstRecord = false;
        return RECORD;
      }
      n = getFieldCount();
    } else if (type == RecordType.EMPTY && sampling) {
      return BLANK;
    } else if (type == RecordType.EMPTY && columns.length == 1 && !skipFirstRecord) {
      // In a one-column file a blank line is one empty field: how a null of a one-column frame is written.
      appendValue(0, NO_CHARS, 0, 0, false);
      n = 1;
    } else {
      return RECORD;
    }
    String reason = null;
    if (badColumn >= 0) {
      reason = badValue == null ? nullReason(badColumn) : typeReason(badColumn, badValue);
    } else if (n != columns.length) {
      reason = countReason(n);
    }
    if (reason == null) {
      rows++;
      return RECORD;
    }
    for (Accumulator a : columns) {
      a.truncate(rows);
    }
    Malformed m = new Malformed(line, raw == null ? "" : raw.toString(), reason);
    switch (settings.malformed()) {
      case FAIL -> throw new MalformedException(m);
      case SKIP -> skipped++;
      case COLLECT -> {
        skipped++;
        if (rejectsKept < settings.maxRejects()) {
          rejectsKept++;
          rejects.add(m);
        }
      }
    }
    return RECORD;
  }

  /** Feeds one sampled record (fields as Strings, null for a null token) through typed mode. */
  void replay(String[] fields, long recordLine) {
    handleBegin(recordLine);
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (raw != null) {
        if (i > 0) {
          raw.append(settings.delimiter());
        }
        CsvWriting.appendField(raw, f == null ? "" : f, settings.delimiter(), settings.quote(), false);
      }
      if (badColumn >= 0 || i >= columns.length || skipFirstRecord) {
        continue;
      }
      if (f == null) {
        // A null token: appendValue sees it as the empty unquoted field, which is null here.
        appendNullToken(i);
      } else {
        char[] c = f.toCharArray();
        appendValue(i, c, 0, c.length, true);
      }
    }
    replayEnd(fields.length);
  }

  private void appendNullToken(int index) {
    if (!nullable[index]) {
      badColumn = index;
      badValue = null;
    } else {
      columns[index].appendNull();
    }
  }

  private int replayFieldCount = -1;

  private void replayEnd(int fieldCount) {
    replayFieldCount = fieldCount;
    try {
      buildRecord();
    } finally {
      replayFieldCount = -1;
    }
  }

  @Override
  protected int getFieldCount() {
    return replayFieldCount >= 0 ? replayFieldCount : super.getFieldCount();
  }

  @Override
  protected RecordType getRecordType() {
    return replayFieldCount >= 0 ? RecordType.DATA : super.getRecordType();
  }

  private String columnName(int index) {
    return "column " + (index + 1) + " ('" + schema.field(index).name() + "')";
  }

  private String nullReason(int index) {
    return columnName(index) + " is empty or a null token, but the schema declares '"
        + schema.field(index).name() + "' not nullable; fill the value or make the field nullable";
  }

  private String typeReason(int index, String value) {
    Field f = schema.field(index);
    String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
    String what = columnName(index) + ": value '" + shown + "' is not a " + columns[index].type();
    if (!inferred) {
      return what + " as the schema says; fix the data or change the schema";
    }
    String fix = widen ? "" : " (a streaming read cannot change a column's type after the first batch)";
    char[] c = value.toCharArray();
    String wider = columns[index].type() == ColumnType.LONG && FieldText.parseDouble(c, 0, c.length, new double[1])
        ? "DOUBLE" : "STRING";
    return what + ", the type inferred from the first " + settings.inferenceRows() + " rows" + fix
        + "; set its type with types(Map.of(\"" + f.name() + "\", ColumnType." + wider + ")), give a schema(...),"
        + " or raise inferenceRows(...)";
  }

  private String countReason(int n) {
    if (n < columns.length) {
      return "record has " + n + " fields but the header has " + columns.length + "; " + columnName(n)
          + " is missing";
    }
    return "record has " + n + " fields but the header has " + columns.length + "; column " + (columns.length + 1)
        + " is extra (a delimiter inside a value must be quoted)";
  }

  Accumulator[] columns() {
    return columns;
  }

  int rows() {
    return rows;
  }

  long skipped() {
    return skipped;
  }

  List<Malformed> rejects() {
    return rejects;
  }

  /** The starting line of the current (or last) record, relative to this handler's text. */
  long line() {
    return line;
  }

  /** How many lines the records seen so far span, relative to this handler's text. */
  long linesSeen() {
    return lastRecordLines;
  }

  /** The fields of the current record seen in sample mode (nulls as empty). */
  List<String> sampleFieldsSoFar() {
    return sampleFields.stream().map(f -> f == null ? "" : f).toList();
  }

  /** What an empty unquoted field is in sample mode: null when the empty field is a null token, else "". */
  String emptyField() {
    return emptyIsNull ? null : "";
  }

  /** How many fields of the current record were seen. */
  int fieldsInRecord() {
    return fieldsInRecord;
  }

  /** The current record's text so far (under COLLECT), else empty. */
  String rawSoFar() {
    return raw == null ? "" : raw.toString();
  }

  /** A malformed record: relative line, text, reason. */
  record Malformed(long line, String text, String reason) {}

  /** Carries a malformed record out of FastCSV's parse loop under FAIL. Not API. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Malformed malformed;

    MalformedException(Malformed malformed) {
      super(malformed.reason(), null, false, false);
      this.malformed = malformed;
    }

    Malformed malformed() {
      return malformed;
    }
  }
}
