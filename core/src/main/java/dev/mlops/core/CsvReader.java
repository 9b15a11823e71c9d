package dev.mlops.core;

import dev.mlops.core.internal.CsvReadSettings;
import dev.mlops.core.internal.CsvReading;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Options for reading CSV, and the reads themselves. Immutable: every option method returns a new
 * reader, so one configured reader can be shared and reused. Made by {@link Csv#reader()}.
 *
 * <pre>{@code
 * Frame f = Csv.reader()
 *     .delimiter(';')
 *     .nullTokens("", "NA")
 *     .types(Map.of("zip", ColumnType.STRING))
 *     .read(Path.of("customers.csv.gz"));
 * }</pre>
 *
 * <h2>Format</h2>
 * RFC 4180 with choices: a header row by default; fields may be quoted with {@link #quote(char)}
 * ({@code "} by default), and a quoted field may hold the delimiter, line breaks and doubled quotes
 * ({@code ""}); lines end in LF or CRLF; a UTF-8 byte order mark is skipped; blank lines are skipped, except in
 * a file of <em>one</em> column, where a blank line after the header is a record whose one field is empty (so
 * null by default): that is how {@link CsvWriter} writes a null in a one-column frame, and it keeps that round
 * trip exact (a blank line at the end of a one-column file is therefore a row too).
 * Text is decoded with {@link #charset(Charset)}, UTF-8 by default. A path whose name ends in {@code .gz}
 * is decompressed as it is read.
 *
 * <h2>Nulls</h2>
 * An <em>unquoted</em> field equal to one of the {@link #nullTokens(String...)} is null; by default the only
 * null token is the empty field. A quoted field is always a value, so {@code ""} is the empty string and
 * {@code "NA"} the text NA. In a non-STRING column an empty field, quoted or not, is null.
 *
 * <h2>Types</h2>
 * Without a {@link #schema(Schema)}, each column's type is inferred from its non-null values in the first
 * {@link #inferenceRows(int)} data rows (1,000 by default): LONG if all are integers that fit 64 bits, else
 * DOUBLE if all are numbers (Java syntax, including {@code NaN} and {@code Infinity}; no hex or type
 * suffixes), else BOOLEAN if all are {@code true}/{@code false} (any case), else TIMESTAMP if all are
 * ISO-8601 date-times with an offset or {@code Z} ({@code 2026-11-27T10:15:30Z},
 * {@code 2026-11-27T11:15:30+01:00}), else STRING. A column with no values in the sample is STRING.
 * A date-time without an offset ({@code 2026-11-27T10:15:30}) is not inferred as TIMESTAMP, because
 * its time zone is unknown; it stays STRING unless you ask for TIMESTAMP with {@link #types(Map)} or a
 * schema, in which case it is read as UTC. {@link #types(Map)} fixes the type of some columns and infers
 * the rest. Inferred fields are nullable and untagged. No type trims: a field with spaces around it, such as
 * {@code " 1 "}, is not a number (nor a boolean or timestamp), so it makes its column STRING, and under an
 * explicit LONG or DOUBLE type it is malformed. (Trimming in one parser and not another made {@code " 1 "}
 * DOUBLE but not LONG; not trimming also keeps a STRING value {@code " 1 "} a string through a round trip.)
 *
 * <h2>A value that does not fit the inferred type</h2>
 * When a value after the sample does not fit its column's inferred type, a whole-file
 * {@link #read(Path)} widens a LONG column to DOUBLE if the value is a number (integers beyond 2^53 then
 * lose precision, as in pandas). Any other misfit, and any misfit in a streaming {@link #open(Path)}
 * (whose schema is fixed before the first batch), makes the record malformed: an error naming the file,
 * line and column that suggests {@link #types(Map)}, {@link #schema(Schema)} or a larger
 * {@link #inferenceRows(int)}, unless {@link #onMalformed(MalformedRows)} says to skip or collect it.
 *
 * <h2>Malformed records</h2>
 * A record with the wrong number of fields, an unterminated quote, or a value that cannot be read as its
 * column's type is an error (a {@link ValidationException} naming the file, the 1-based physical line where
 * the record starts and the column) under {@link MalformedRows#FAIL}, the default; SKIP and COLLECT leave it
 * out; COLLECT keeps the first {@link #maxRejects(int)} of them (1,000 by default) and counts the rest.
 * {@link #readWithReport(Path)} returns the frame with those counts and rejects; a plain {@link #read(Path)}
 * that left records out logs one WARN (slf4j, logger {@code dev.mlops.core.CsvReader}) with the count and
 * the first reject. An unterminated quote runs to the end of the file, so under SKIP or COLLECT it ends the
 * read. A
 * character after a closing quote ({@code "a"b}) always fails: the parser cannot tell where the next record
 * starts.
 *
 * <h2>Speed and memory</h2>
 * {@link #open(Path)} streams: it holds one batch of {@link #batchRows(int)} rows (65,536 by default) and a
 * small read buffer, whatever the file size. {@link #read(Path)} of an uncompressed file in an ASCII-compatible
 * charset of a few megabytes or more parses parts of the file on up to {@link #parallelism(int)} threads
 * (the available processors by default) and joins the columns; the result is the same as a single-threaded
 * read. Parsing is by FastCSV and FastDoubleParser, without a String per numeric field.
 *
 * <p>Stability: stable.
 */
public final class CsvReader {
  private static final Logger LOG = LoggerFactory.getLogger(CsvReader.class);

  private final CsvReadSettings s;

  private CsvReader(CsvReadSettings s) {
    this.s = s;
  }

  static CsvReader defaults() {
    return new CsvReader(new CsvReadSettings(',', '"', List.of(""), true, null, Map.of(), 1_000, 65_536,
        MalformedRows.FAIL, StandardCharsets.UTF_8, Runtime.getRuntime().availableProcessors(), 1_000));
  }

  /** The field delimiter ({@code ,} by default); not a line break and not the quote character. */
  public CsvReader delimiter(char delimiter) {
    checkSpecial("delimiter", delimiter);
    if (delimiter == s.quote()) {
      throw new ValidationException("delimiter '" + delimiter + "' is also the quote character; choose two "
          + "different characters");
    }
    return new CsvReader(new CsvReadSettings(delimiter, s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /** The quote character ({@code "} by default); not a line break and not the delimiter. */
  public CsvReader quote(char quote) {
    checkSpecial("quote", quote);
    if (quote == s.delimiter()) {
      throw new ValidationException("quote '" + quote + "' is also the delimiter; choose two different "
          + "characters");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), quote, s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /**
   * The unquoted field texts that mean null, replacing the default (the empty field only). Include
   * {@code ""} to keep empty fields null: {@code nullTokens("", "NA")}.
   */
  public CsvReader nullTokens(String... tokens) {
    List<String> list = List.of(tokens);
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), list, s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /**
   * Whether the first record names the columns ({@code true} by default). Without a header, columns are
   * named by the {@link #schema(Schema)} if one is given, else {@code col1}, {@code col2}, ...
   */
  public CsvReader header(boolean header) {
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), header, s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /**
   * The full schema: no inference. With a header, its names must equal the schema's names in order. A field
   * marked not nullable makes a null in that column a malformed record. Conflicts with {@link #types(Map)}.
   */
  public CsvReader schema(Schema schema) {
    Objects.requireNonNull(schema, "schema");
    if (!s.types().isEmpty()) {
      throw new ValidationException("schema(...) and types(...) were both given; a schema fixes every column's "
          + "type, so drop types(...) or put those types into the schema");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), schema,
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /**
   * Types for some columns by name; the others are inferred. Every name must be a column of the file.
   * Conflicts with {@link #schema(Schema)}.
   */
  public CsvReader types(Map<String, ColumnType> types) {
    Map<String, ColumnType> copy = new LinkedHashMap<>(types);
    copy.forEach((k, v) -> Objects.requireNonNull(v, "type of column '" + k + "'"));
    if (s.schema() != null) {
      throw new ValidationException("types(...) and schema(...) were both given; a schema fixes every column's "
          + "type, so drop types(...) or put those types into the schema");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        Map.copyOf(copy), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /** How many data rows type inference looks at (1,000 by default); at least 1. */
  public CsvReader inferenceRows(int rows) {
    if (rows < 1) {
      throw new ValidationException("inferenceRows is " + rows + "; it must be at least 1");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), rows, s.batchRows(), s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /** The most rows in one batch of {@link #open(Path)} (65,536 by default); at least 1. */
  public CsvReader batchRows(int rows) {
    if (rows < 1) {
      throw new ValidationException("batchRows is " + rows + "; it must be at least 1");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), rows, s.malformed(), s.charset(), s.parallelism(), s.maxRejects()));
  }

  /** What to do with a malformed record ({@link MalformedRows#FAIL} by default). */
  public CsvReader onMalformed(MalformedRows policy) {
    Objects.requireNonNull(policy, "policy");
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), policy, s.charset(), s.parallelism(), s.maxRejects()));
  }

  /**
   * The most rejected records COLLECT keeps (1,000 by default), so that a file of garbage cannot fill the
   * heap; records past it are still left out and counted in {@code skippedRows}. 0 keeps none (counts only).
   */
  public CsvReader maxRejects(int max) {
    if (max < 0) {
      throw new ValidationException("maxRejects is " + max + "; it must be 0 or more");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), s.parallelism(), max));
  }

  /** The character set of the text (UTF-8 by default). */
  public CsvReader charset(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), charset, s.parallelism(), s.maxRejects()));
  }

  /**
   * The most threads a whole-file {@link #read(Path)} may use (the available processors by default); 1 reads
   * on the calling thread only.
   */
  public CsvReader parallelism(int threads) {
    if (threads < 1) {
      throw new ValidationException("parallelism is " + threads + "; it must be at least 1");
    }
    return new CsvReader(new CsvReadSettings(s.delimiter(), s.quote(), s.nullTokens(), s.header(), s.schema(),
        s.types(), s.inferenceRows(), s.batchRows(), s.malformed(), s.charset(), threads, s.maxRejects()));
  }

  /**
   * Reads the whole file into one frame. A missing file is a {@link NotFoundException}; malformed input a
   * {@link ValidationException} (under FAIL); an I/O failure a {@link StorageException}. Records left out under
   * SKIP or COLLECT are logged as one WARN; use {@link #readWithReport(Path)} to get them.
   */
  public Frame read(Path file) {
    return warnIfSkipped("CSV file " + file.toAbsolutePath(), CsvReading.read(file, s)).frame();
  }

  /**
   * Reads all of {@code in} into one frame; {@code sourceName} names it in error messages. The stream is read to
   * its end but <em>not closed</em>: whoever opened it closes it.
   *
   * <pre>{@code
   * Frame f;
   * try (InputStream in = new GZIPInputStream(store.get("data.csv.gz"))) {
   *   f = Csv.reader().read(in, "data.csv.gz");
   * }
   * }</pre>
   */
  public Frame read(InputStream in, String sourceName) {
    return warnIfSkipped(sourceName, CsvReading.read(in, sourceName, s)).frame();
  }

  /**
   * Like {@link #read(Path)}, also returning how many rows were read and which records were left out.
   *
   * <pre>{@code
   * CsvReadReport r = Csv.reader().onMalformed(MalformedRows.COLLECT).readWithReport(path);
   * r.rejects().forEach(x -> log.warn("{}", x));
   * Frame f = r.frame();
   * }</pre>
   */
  public CsvReadReport readWithReport(Path file) {
    return CsvReading.read(file, s);
  }

  /** Like {@link #read(InputStream, String)} (which leaves {@code in} open), also returning the report. */
  public CsvReadReport readWithReport(InputStream in, String sourceName) {
    return CsvReading.read(in, sourceName, s);
  }

  /**
   * Opens {@code file} as a stream of batches. The schema is settled (read or inferred from the start of the
   * file) before this returns. Close the source when done.
   */
  public CsvSource open(Path file) {
    return CsvReading.open(file, s);
  }

  /**
   * Opens {@code in} as a stream of batches. <strong>The source takes ownership of {@code in}: closing the
   * source closes {@code in}</strong> (and a failure while opening closes it too), unlike
   * {@link #read(InputStream, String)}, which leaves it open.
   *
   * <pre>{@code
   * try (CsvSource src = Csv.reader().open(Files.newInputStream(path), "upload.csv")) {
   *   src.forEachRemaining(batch -> process(batch));
   * }
   * }</pre>
   */
  public CsvSource open(InputStream in, String sourceName) {
    return CsvReading.open(in, sourceName, s);
  }

  private CsvReadReport warnIfSkipped(String source, CsvReadReport r) {
    if (r.skippedRows() > 0 && LOG.isWarnEnabled()) {
      LOG.warn("{}: {} malformed record(s) left out under {} ({} rows read); first: {}; "
              + "use readWithReport(...) to get the rejects, or onMalformed(FAIL) to stop at the first", source,
          r.skippedRows(), s.malformed(), r.rowsRead(),
          r.rejects().isEmpty() ? "not kept under " + s.malformed() + " (COLLECT keeps them)" : r.rejects().get(0));
    }
    return r;
  }

  private static void checkSpecial(String what, char c) {
    if (c == '\n' || c == '\r') {
      throw new ValidationException(what + " is a line break; choose another character");
    }
  }

  @Override
  public String toString() {
    return "CsvReader[delimiter=" + quoted(String.valueOf(s.delimiter())) + ", quote="
        + quoted(String.valueOf(s.quote())) + ", nullTokens="
        + s.nullTokens().stream().map(CsvReader::quoted).collect(Collectors.joining(", ", "[", "]"))
        + ", header=" + s.header() + ", schema=" + s.schema() + ", types=" + s.types() + ", inferenceRows="
        + s.inferenceRows() + ", batchRows=" + s.batchRows() + ", onMalformed=" + s.malformed() + ", maxRejects="
        + s.maxRejects() + ", charset=" + s.charset() + ", parallelism=" + s.parallelism() + "]";
  }

  private static String quoted(String t) {
    return "\"" + t.replace("\t", "\\t") + "\"";
  }
}
