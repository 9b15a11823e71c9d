package dev.mlops.core.internal;

import dev.mlops.core.ColumnType;
import dev.mlops.core.MalformedRows;
import dev.mlops.core.Schema;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@link dev.mlops.core.CsvReader}, as the reading code sees them. Not API.
 *
 * @param schema an explicit schema, or null to infer
 * @param types per-column type overrides for inference (never null)
 * @param parallelism the most threads a whole-file read of a plain file may use
 * @param maxRejects the most rejected records kept under COLLECT (more are counted, not kept)
 */
public record CsvReadSettings(
    char delimiter,
    char quote,
    List<String> nullTokens,
    boolean header,
    Schema schema,
    Map<String, ColumnType> types,
    int inferenceRows,
    int batchRows,
    MalformedRows malformed,
    Charset charset,
    int parallelism,
    int maxRejects) {}
