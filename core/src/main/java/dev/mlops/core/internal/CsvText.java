package dev.mlops.core.internal;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.mlops.core.CsvReject;
import dev.mlops.core.MalformedRows;
import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** FastCSV set-up and the translation of its failures into ours. Not API. */
final class CsvText {
  private CsvText() {}

  static CsvReader<Object> reader(CsvHandler handler, InputStream in, CsvReadSettings s) {
    return CsvReader.builder()
        .fieldSeparator(s.delimiter())
        .quoteCharacter(s.quote())
        .skipEmptyLines(false)
        .detectBomHeader(true)
        .allowUnclosedQuote(false)
        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
        .build(handler, in, s.charset());
  }

  static boolean isUnclosedQuote(Throwable e) {
    return e instanceof CsvParseException && e.getMessage() != null
        && e.getMessage().startsWith("Unclosed quoted field");
  }

  /** The malformed record inside {@code e}, if it carries one. */
  static CsvHandler.Malformed malformed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CsvHandler.MalformedException m) {
        return m.malformed();
      }
    }
    return null;
  }

  /**
   * Handles a failure while parsing: returns normally when {@code e} was an unterminated quote that the policy
   * lets us collect or skip (it ended the input), else throws the exception to report.
   */
  static void fail(Throwable e, String source, long lineOffset, CsvHandler h, CsvReadSettings s,
      long[] skipped, List<CsvReject> rejects) {
    fail(e, source, lineOffset + h.line(), h.fieldsInRecord(), h.rawSoFar(), s, skipped, rejects);
  }

  /** Like the other, with the record's absolute line, fields seen and text given. */
  static void fail(Throwable e, String source, long line, int fields, String raw, CsvReadSettings s,
      long[] skipped, List<CsvReject> rejects) {
    CsvHandler.Malformed m = malformed(e);
    if (m != null) {
      throw new ValidationException(source + ", line " + line + ", " + m.reason(), e);
    }
    if (isUnclosedQuote(e)) {
      String reason = "column " + (fields + 1) + ": a quoted field is never closed; it runs to "
          + "the end of the input. Close the quote, or double a quote inside a quoted value (\"\")";
      if (s.malformed() == MalformedRows.FAIL) {
        throw new ValidationException(source + ", line " + line + ", " + reason, e);
      }
      skipped[0]++;
      if (s.malformed() == MalformedRows.COLLECT && rejects.size() < s.maxRejects()) {
        rejects.add(new CsvReject(line, raw, reason));
      }
      return;
    }
    if (e instanceof CsvParseException) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException || cause instanceof java.io.IOException) {
        throw new StorageException("could not read " + source + ": " + cause.getMessage(), e);
      }
      if (cause instanceof MlopsException me) {
        throw me;
      }
      throw new ValidationException(source + ", line " + line + ", column "
          + (fields + 1) + ": " + e.getMessage() + "; a quoted field must end with the quote "
          + "followed by the delimiter or a line end", e);
    }
    if (e instanceof UncheckedIOException u) {
      throw new StorageException("could not read " + source + ": " + u.getCause().getMessage(), e);
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    throw new StorageException("could not read " + source + ": " + e, e);
  }
}
