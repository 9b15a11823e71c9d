package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Hex;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizeTest {
  private static final Field EMAIL = Field.of("email", ColumnType.STRING).withTags("pii");
  private static final Field USER = Field.of("user_id", ColumnType.LONG).withTags("pii", "key");
  private static final List<String> EMAILS = Arrays.asList("jane@example.org", "bob@example.com", null,
      "jane@example.org", "Jane@Example.org", "", "bob@example.com");

  private static Frame data() {
    LongColumn.Builder ids = LongColumn.builder(EMAILS.size());
    long[] values = {1001, 1002, 0, 1001, -7, Long.MAX_VALUE, 1002};
    for (int i = 0; i < values.length; i++) {
      if (i == 2) {
        ids.addNull();
      } else {
        ids.add(values[i]);
      }
    }
    return Frame.builder().column(EMAIL, StringColumn.of(EMAILS)).column(USER, ids.build()).build();
  }

  private static FittedTransform fit(Pseudonymize p, Frame data, byte[] key) {
    return p.fitter(new StepContext("ids", data.schema()), PiiTestKeys.env(key)).finish();
  }

  private static Pseudonymize step() {
    return Pseudonymize.of("k1", "env:MLOPS_PII_KEY");
  }

  private static List<Object> column(List<Column> out, int c) {
    List<Object> v = new ArrayList<>();
    for (int r = 0; r < out.get(c).size(); r++) {
      v.add(out.get(c).get(r));
    }
    return v;
  }

  @Test
  void everyValueBecomesTheKeyedHmacOfItsExactText() {
    byte[] key = PiiTestKeys.key(1);
    List<Column> out = fit(step(), data(), key).apply(data());
    List<Object> emails = column(out, 0);
    assertEquals(PiiTestKeys.hmac(key, "jane@example.org", 32), emails.get(0));
    assertEquals(emails.get(0), emails.get(3), "equal values, equal pseudonyms");
    assertNotEquals(emails.get(0), emails.get(4), "the value is taken exactly, case included");
    assertNull(emails.get(2), "a missing value stays missing");
    assertEquals(PiiTestKeys.hmac(key, "", 32), emails.get(5));
    List<Object> ids = column(out, 1);
    assertEquals(PiiTestKeys.hmac(key, "1001", 32), ids.get(0));
    assertEquals(PiiTestKeys.hmac(key, "-7", 32), ids.get(4));
    assertEquals(PiiTestKeys.hmac(key, "9223372036854775807", 32), ids.get(5));
    assertEquals(ids.get(1), ids.get(6));
    assertNull(ids.get(2));
  }

  @Test
  void lengthSetsTheNumberOfHexDigits() {
    byte[] key = PiiTestKeys.key(1);
    List<Column> out = fit(step().withLength(16), data(), key).apply(data());
    assertEquals(PiiTestKeys.hmac(key, "jane@example.org", 16), out.get(0).get(0));
    assertEquals(64, ((String) fit(step().withLength(64), data(), key).apply(data()).get(1).get(0)).length());
  }

  @Test
  void agreesWithRedactOnALowerCaseEmail() {
    byte[] key = PiiTestKeys.key(1);
    String whole = (String) fit(step(), data(), key).apply(data()).get(0).get(0);
    Frame text = Frame.builder().strings("t", "jane@example.org").build();
    String redacted = (String) Redact.pseudonymize("k1", "env:MLOPS_PII_KEY")
        .fitter(new StepContext("r", text.schema()), PiiTestKeys.env(key)).finish().apply(text).get(0).get(0);
    assertEquals("EMAIL_" + whole.substring(0, 16), redacted);
  }

  @Test
  void pseudonymsAreStableAcrossBatchesAndFitsAndDifferByKey() {
    Frame data = data();
    List<Column> whole = fit(step(), data, PiiTestKeys.key(1)).apply(data);
    FittedTransform again = fit(step(), data, PiiTestKeys.key(1));
    for (int c = 0; c < 2; c++) {
      List<Object> batched = new ArrayList<>();
      for (int from = 0; from < data.rowCount(); from += 2) {
        batched.addAll(column(again.apply(data.slice(from, Math.min(data.rowCount(), from + 2))), c));
      }
      assertEquals(column(whole, c), batched);
    }
    List<Column> other = fit(step(), data, PiiTestKeys.key(2)).apply(data);
    for (int r : new int[] {0, 1, 3, 4, 5, 6}) {
      assertNotEquals(whole.get(0).get(r), other.get(0).get(r));
      assertNotEquals(whole.get(1).get(r), other.get(1).get(r));
    }
  }

  @Test
  void outputsAreStringsTaggedPseudonymizedInsteadOfPii() {
    FittedTransform ft = fit(step(), data(), PiiTestKeys.key(1));
    assertEquals(List.of(
        new OutputColumn(new Field("email", ColumnType.STRING, true, Set.of("pseudonymized")), List.of("email")),
        new OutputColumn(new Field("user_id", ColumnType.STRING, true, Set.of("key", "pseudonymized")),
            List.of("user_id"))), ft.outputs());
    List<Column> out = ft.apply(data());
    assertEquals(ColumnType.STRING, out.get(1).type());
    assertFalse(ft.stateHoldsValues());
    assertFalse(step().needsData());
  }

  @Test
  void savedStateHoldsNeitherTheKeyNorAnyValue() {
    byte[] key = PiiTestKeys.key(1);
    FittedTransform ft = fit(step(), data(), key);
    String state = Json.toCanonicalJson(ft.state());
    assertEquals("{\"keyCheck\":\"" + PiiTestKeys.hmac(key, "mlops-key-check", 16) + "\",\"keyId\":\"k1\"}", state);
    String params = Json.toCanonicalJson(Json.toTree(step()));
    assertEquals("{\"keyId\":\"k1\",\"keySource\":\"env:MLOPS_PII_KEY\",\"length\":32}", params);
    for (String text : List.of(state, params)) {
      assertFalse(text.contains(PiiTestKeys.base64(key)) || text.contains(Hex.encode(key)), text);
      assertFalse(text.contains("jane") || text.contains("1001"), text);
    }
  }

  @Test
  void recordPathIsIdenticalToTheBatchPath() {
    Golden.assertRecordPathIdentical(fit(step(), data(), PiiTestKeys.key(1)), data());
    Golden.assertRecordPathIdentical(fit(step().withLength(8), data(), PiiTestKeys.key(3)), data());
  }

  @Test
  void roundTripsWithAKeyFileOfBase64TextOrRawBytes(@TempDir Path dir) {
    byte[] key = PiiTestKeys.key(5);
    Frame data = data();
    List<Column> expected = fit(step(), data, key).apply(data);
    Path text = PiiTestKeys.writeBase64(dir, "text.key", key);
    String b64 = PiiTestKeys.base64(key);
    Path wrapped = PiiTestKeys.writeRaw(dir, "wrapped.key",
        (" " + b64.substring(0, 20) + "\r\n" + b64.substring(20) + "\n").getBytes(StandardCharsets.US_ASCII));
    for (Path file : List.of(text, wrapped, PiiTestKeys.writeRaw(dir, "raw.key", key))) {
      Pseudonymize p = Pseudonymize.of("k5", "file:" + file);
      FittedTransform ft = Golden.fit(p, data);
      Golden.assertRoundTrip(p, ft, data.schema(), data);
      assertEquals(expected, ft.apply(data), file.getFileName().toString());
    }
  }

  @Test
  void aMissingKeyFailsSayingWhatToSet(@TempDir Path dir) {
    Frame data = data();
    StepContext ctx = new StepContext("ids", data.schema());
    ValidationException env = assertThrows(ValidationException.class,
        () -> step().fitter(ctx, PiiTestKeys.emptyEnv()));
    assertTrue(env.getMessage().contains("key 'k1' is missing") && env.getMessage().contains("set MLOPS_PII_KEY"),
        env.getMessage());
    Path absent = dir.resolve("absent.key");
    ValidationException file = assertThrows(ValidationException.class,
        () -> Pseudonymize.of("k1", "file:" + absent).fitter(ctx));
    assertTrue(file.getMessage().contains(absent + " does not exist"), file.getMessage());
    ValidationException tooShort = assertThrows(ValidationException.class,
        () -> Pseudonymize.of("k1", "file:" + PiiTestKeys.writeRaw(dir, "short.key", new byte[31])).fitter(ctx));
    assertTrue(tooShort.getMessage().contains("31 bytes"), tooShort.getMessage());
  }

  @Test
  void restoringWithAnotherKeyFailsNamingTheKeyId() {
    Frame data = data();
    FittedTransform ft = fit(step(), data, PiiTestKeys.key(1));
    JsonNode state = Json.parseTree(Json.toCanonicalJson(ft.state()), "state");
    StepContext ctx = new StepContext("ids", data.schema());
    ValidationException wrong = assertThrows(ValidationException.class,
        () -> PseudonymizeType.INSTANCE.restore(step(), ctx, state, PiiTestKeys.env(PiiTestKeys.key(2))));
    assertTrue(wrong.getMessage().contains("not the key 'k1'"), wrong.getMessage());
    ValidationException missing = assertThrows(ValidationException.class,
        () -> PseudonymizeType.INSTANCE.restore(step(), ctx, state, PiiTestKeys.emptyEnv()));
    assertTrue(missing.getMessage().contains("set MLOPS_PII_KEY"), missing.getMessage());
    Function<String, String> right = PiiTestKeys.env(PiiTestKeys.key(1));
    assertEquals(ft.apply(data), PseudonymizeType.INSTANCE.restore(step(), ctx, state, right).apply(data));
    ValidationException renamed = assertThrows(ValidationException.class,
        () -> PseudonymizeType.INSTANCE.restore(Pseudonymize.of("k2", "env:MLOPS_PII_KEY"), ctx, state, right));
    assertTrue(renamed.getMessage().contains("'k1'") && renamed.getMessage().contains("'k2'"), renamed.getMessage());
  }

  @Test
  void rejectsBadParametersNamingThem() {
    for (int bad : new int[] {0, 7, 65}) {
      ValidationException e = assertThrows(ValidationException.class, () -> step().withLength(bad));
      assertTrue(e.getMessage().contains("length is " + bad) && e.getMessage().contains("8 to 64"), e.getMessage());
    }
    assertThrows(ValidationException.class, () -> Pseudonymize.of("k1", "/etc/key"));
    assertThrows(ValidationException.class, () -> Pseudonymize.of("", "env:MLOPS_PII_KEY"));
    assertThrows(ValidationException.class, () -> Json.parse("{\"keyId\":\"k1\"}", Pseudonymize.class, "spec"));
    assertEquals(step(), Json.parse("{\"keyId\":\"k1\",\"keySource\":\"env:MLOPS_PII_KEY\"}", Pseudonymize.class,
        "spec"));
  }

  @Test
  void rejectsOtherColumnTypesNamingThem() {
    Frame data = Frame.builder().column("score", DoubleColumn.of(1.5)).build();
    ValidationException e = assertThrows(ValidationException.class,
        () -> step().fitter(new StepContext("ids", data.schema()), PiiTestKeys.env(PiiTestKeys.key(1))));
    assertTrue(e.getMessage().contains("'score' is DOUBLE") && e.getMessage().contains("LONG or STRING"),
        e.getMessage());
    FittedTransform ft = fit(step(), data(), PiiTestKeys.key(1));
    ValidationException r = assertThrows(ValidationException.class,
        () -> ((dev.mlops.preprocessing.RecordTransform) ft).applyRecord(new Object[] {"a@b.org", "1001"}));
    assertTrue(r.getMessage().contains("'user_id'") && r.getMessage().contains("Long"), r.getMessage());
  }

  @Test
  void typeIsRegisteredUnderItsId() {
    assertEquals("mlops.pseudonymize@1", step().type().qualifiedId());
    assertTrue(RedactTest.registered().contains(PseudonymizeType.class.getName()));
  }
}
