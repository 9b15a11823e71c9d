package dev.mlops.data.internal;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Our {@link Schema} to a Parquet {@link MessageType} and back, and the schema JSON kept in the file. Not API. */
final class ParquetSchemas {
  /** The version of the JSON under {@link ParquetFrames#SCHEMA_KEY}; a reader refuses versions it does not know. */
  static final int SCHEMA_VERSION = 1;

  private ParquetSchemas() {}

  /** How a Parquet column's values become one of our column's values. */
  enum Kind {
    BOOLEAN, INT32, UINT32, INT64, UINT64, FLOAT, DOUBLE, STRING, DATE_DAYS, TIMESTAMP_MILLIS, TIMESTAMP_MICROS,
    TIMESTAMP_NANOS, INT96, DECIMAL_INT32, DECIMAL_INT64, DECIMAL_BINARY
  }

  /** A column to read: our field, the Parquet column, how to convert, and a DECIMAL's scale (else 0). */
  record ReadColumn(Field field, ColumnDescriptor descriptor, Kind kind, int scale) {}

  /** One field as stored in the file's metadata. */
  record StoredField(String name, ColumnType type, boolean nullable, List<String> tags) {}

  /** Our schema as stored in the file's metadata. */
  record StoredSchema(int version, List<StoredField> fields) {}

  /** The Parquet schema our writer uses for {@code schema}. */
  static MessageType toParquet(Schema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Field f : schema.fields()) {
      Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      switch (f.type()) {
        case DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
        case LONG -> b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
        case BOOLEAN -> b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
        case STRING -> b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
            .named(f.name());
        case TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(f.name());
      }
    }
    return b.named("schema");
  }

  /** {@code schema} as the canonical JSON kept under {@link ParquetFrames#SCHEMA_KEY}. */
  static String toJson(Schema schema) {
    List<StoredField> fields = new ArrayList<>();
    for (Field f : schema.fields()) {
      fields.add(new StoredField(f.name(), f.type(), f.nullable(), List.copyOf(f.tags())));
    }
    return Json.toCanonicalJson(new StoredSchema(SCHEMA_VERSION, fields));
  }

  /**
   * The columns to read from a file with Parquet schema {@code parquet} and key-value metadata {@code meta}:
   * names, types and nullability come from the Parquet schema (so a file another tool rewrote still reads as
   * what it holds); tags come from our schema JSON when the file has it, by column name.
   */
  static List<ReadColumn> fromParquet(MessageType parquet, Map<String, String> meta, String source) {
    Map<String, StoredField> stored = storedFields(meta, source);
    List<ReadColumn> out = new ArrayList<>();
    for (Type t : parquet.getFields()) {
      String name = t.getName();
      if (!t.isPrimitive()) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        throw unsupported(source, name, "a nested group" + (a == null ? "" : " (" + a + ")"));
      }
      if (t.isRepetition(Type.Repetition.REPEATED)) {
        throw unsupported(source, name, "a repeated " + t.asPrimitiveType().getPrimitiveTypeName());
      }
      PrimitiveType p = t.asPrimitiveType();
      Kind kind = kindOf(p, source);
      int scale = p.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
      boolean nullable = !t.isRepetition(Type.Repetition.REQUIRED);
      StoredField s = stored.get(name);
      Set<String> tags = s == null ? Set.of() : Set.copyOf(s.tags());
      Field field = new Field(name, typeOf(kind), nullable, tags);
      out.add(new ReadColumn(field, parquet.getColumnDescription(new String[] {name}), kind, scale));
    }
    return out;
  }

  /** The schema of {@code columns}. */
  static Schema schemaOf(List<ReadColumn> columns) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (ReadColumn c : columns) {
      fields.add(c.field());
    }
    return new Schema(fields);
  }

  private static Map<String, StoredField> storedFields(Map<String, String> meta, String source) {
    String json = meta == null ? null : meta.get(ParquetFrames.SCHEMA_KEY);
    Map<String, StoredField> byName = new HashMap<>();
    if (json == null) {
      return byName;
    }
    StoredSchema s = Json.parse(json, StoredSchema.class, source + " metadata '" + ParquetFrames.SCHEMA_KEY + "'");
    if (s.version() != SCHEMA_VERSION) {
      throw new ValidationException(source + " holds a '" + ParquetFrames.SCHEMA_KEY + "' schema of version "
          + s.version() + " but this MLOps Commons reads version " + SCHEMA_VERSION
          + "; read it with the MLOps Commons release that wrote it, or a newer one");
    }
    for (StoredField f : s.fields()) {
      byName.put(f.name(), f);
    }
    return byName;
  }

  private static ColumnType typeOf(Kind kind) {
    return switch (kind) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case INT32, UINT32, INT64, UINT64 -> ColumnType.LONG;
      case FLOAT, DOUBLE, DECIMAL_INT32, DECIMAL_INT64, DECIMAL_BINARY -> ColumnType.DOUBLE;
      case STRING -> ColumnType.STRING;
      case DATE_DAYS, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS, INT96 -> ColumnType.TIMESTAMP;
    };
  }

  private static Kind kindOf(PrimitiveType p, String source) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    PrimitiveTypeName n = p.getPrimitiveTypeName();
    if (a instanceof DecimalLogicalTypeAnnotation) {
      return switch (n) {
        case INT32 -> Kind.DECIMAL_INT32;
        case INT64 -> Kind.DECIMAL_INT64;
        default -> Kind.DECIMAL_BINARY;
      };
    }
    switch (n) {
      case BOOLEAN:
        if (a == null) {
          return Kind.BOOLEAN;
        }
        break;
      case INT32:
        if (a == null) {
          return Kind.INT32;
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? Kind.INT32 : Kind.UINT32;
        }
        if (a instanceof DateLogicalTypeAnnotation) {
          return Kind.DATE_DAYS;
        }
        break;
      case INT64:
        if (a == null) {
          return Kind.INT64;
        }
        if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() ? Kind.INT64 : Kind.UINT64;
        }
        if (a instanceof TimestampLogicalTypeAnnotation ts) {
          return switch (ts.getUnit()) {
            case MILLIS -> Kind.TIMESTAMP_MILLIS;
            case MICROS -> Kind.TIMESTAMP_MICROS;
            case NANOS -> Kind.TIMESTAMP_NANOS;
          };
        }
        break;
      case INT96:
        if (a == null) {
          return Kind.INT96;
        }
        break;
      case FLOAT:
        if (a == null) {
          return Kind.FLOAT;
        }
        break;
      case DOUBLE:
        if (a == null) {
          return Kind.DOUBLE;
        }
        break;
      case BINARY:
        if (a instanceof StringLogicalTypeAnnotation || a instanceof EnumLogicalTypeAnnotation
            || a instanceof JsonLogicalTypeAnnotation) {
          return Kind.STRING;
        }
        break;
      default:
        break;
    }
    throw unsupported(source, p.getName(), describe(p));
  }

  private static String describe(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    String name = p.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        ? "fixed_len_byte_array(" + p.getTypeLength() + ")"
        : p.getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
    return a == null ? name : name + " " + a;
  }

  private static ValidationException unsupported(String source, String column, String type) {
    return new ValidationException("column '" + column + "' of " + source + " is Parquet type " + type
        + ", which MLOps Commons cannot read; flat columns of boolean, int32, int64, float, double, decimal, "
        + "string, date and timestamp types can be read: convert this column to one of those (or drop it) "
        + "before writing the file");
  }
}
