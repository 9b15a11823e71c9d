package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Hex;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactTest {
  private static final Field NOTE = Field.of("note", ColumnType.STRING).withTags("pii", "source:crm");

  private static final List<String> NOTES = Arrays.asList(
      "Mail jane.doe@example.org or call +44 20 7946 0958.",
      "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00",
      "login from 203.0.113.7 and 2001:db8::7",
      null,
      "order 20240115 shipped 2024-01-15, version 1.2.3",
      "Mail jane.doe@example.org or call +44 20 7946 0958.",
      "JANE.DOE@EXAMPLE.ORG wrote from (555) 555-1234",
      "");

  private static Frame notes(List<String> values) {
    return Frame.builder().column(NOTE, StringColumn.of(values)).build();
  }

  private static List<String> apply(FittedTransform ft, Frame data) {
    return Arrays.asList(((StringColumn) ft.apply(data).get(0)).toArray());
  }

  private static List<String> redact(Redact r, String... texts) {
    Frame data = notes(Arrays.asList(texts));
    return apply(Golden.fit(r, data), data);
  }

  @Test
  void replacesEveryKindWithItsNameByDefault() {
    assertEquals(Arrays.asList(
        "Mail <EMAIL> or call <PHONE>.",
        "Card <CREDIT_CARD>, IBAN <IBAN>",
        "login from <IPV4> and <IPV6>",
        null,
        "order 20240115 shipped 2024-01-15, version 1.2.3",
        "Mail <EMAIL> or call <PHONE>.",
        "<EMAIL> wrote from <PHONE>",
        ""), redact(Redact.replace(), NOTES.toArray(new String[0])));
  }

  @Test
  void replacesWithACustomTemplate() {
    assertEquals(List.of("write to [email removed]"),
        redact(Redact.replace().withTemplate("[{kind} removed]").withKinds(PiiKind.EMAIL), "write to a@b.org")
            .stream().map(s -> s.replace("EMAIL", "email")).toList());
    assertEquals(List.of("x *** y"), redact(Redact.replace().withTemplate("***"), "x 10.0.0.1 y"));
  }

  @Test
  void findsOnlyTheConfiguredKinds() {
    assertEquals(List.of("<EMAIL> from 10.0.0.1, card 4111111111111111"),
        redact(Redact.replace().withKinds(PiiKind.EMAIL), "a@b.org from 10.0.0.1, card 4111111111111111"));
    assertEquals(List.of("a@b.org from <IPV4>, card <CREDIT_CARD>"),
        redact(Redact.replace().withKinds(PiiKind.IPV4, PiiKind.CREDIT_CARD),
            "a@b.org from 10.0.0.1, card 4111111111111111"));
  }

  @Test
  void masksKeepingTheLastFourDigitsTheEmailDomainAndSeparators() {
    assertEquals(List.of(
        "Mail j***@example.org or call +** ** **** 0958.",
        "Card **** **** **** 1111, IBAN **** **** **** **** **30 00",
        "login from ***.*.***.* and ****:***::*"),
        redact(Redact.mask(), NOTES.get(0), NOTES.get(1), NOTES.get(2)));
  }

  @Test
  void dropsTheEntityAndKeepsTheTextAround() {
    assertEquals(List.of("Mail  or call .", "Card , IBAN "), redact(Redact.drop(), NOTES.get(0), NOTES.get(1)));
  }

  @Test
  void pseudonymsAreTheKeyedHmacOfTheNormalizedEntity() {
    byte[] key = PiiTestKeys.key(1);
    Frame data = notes(NOTES);
    FittedTransform ft = fitPseudonymize(data, key);
    List<String> out = apply(ft, data);
    String email = "EMAIL_" + PiiTestKeys.hmac(key, "jane.doe@example.org", 16);
    String phone = "PHONE_" + PiiTestKeys.hmac(key, "+442079460958", 16);
    assertEquals("Mail " + email + " or call " + phone + ".", out.get(0));
    assertEquals("Card CREDIT_CARD_" + PiiTestKeys.hmac(key, "4111111111111111", 16)
        + ", IBAN IBAN_" + PiiTestKeys.hmac(key, "DE89370400440532013000", 16), out.get(1));
    assertEquals("login from IPV4_" + PiiTestKeys.hmac(key, "203.0.113.7", 16)
        + " and IPV6_" + PiiTestKeys.hmac(key, "2001:db8:0:0:0:0:0:7", 16), out.get(2));
    // the same address in upper case gets the same pseudonym
    assertTrue(out.get(6).startsWith(email + " wrote from PHONE_"), out.get(6));
  }

  @Test
  void pseudonymsAreStableAcrossFitsAndBatchesAndDifferByKey() {
    Frame data = notes(NOTES);
    List<String> once = apply(fitPseudonymize(data, PiiTestKeys.key(1)), data);
    FittedTransform again = fitPseudonymize(data, PiiTestKeys.key(1));
    List<String> inBatches = new ArrayList<>();
    for (int from = 0; from < data.rowCount(); from += 3) {
      inBatches.addAll(apply(again, data.slice(from, Math.min(data.rowCount(), from + 3))));
    }
    assertEquals(once, inBatches);
    List<String> otherKey = apply(fitPseudonymize(data, PiiTestKeys.key(2)), data);
    assertNotEquals(once.get(0), otherKey.get(0));
    assertEquals(once.get(4), otherKey.get(4), "text without entities is unchanged under any key");
  }

  @Test
  void redactsEachDistinctStringOncePerBatch() {
    Frame data = notes(List.of("call 555-555-1234", "call 555-555-4321", "call 555-555-1234", "no number"));
    StringColumn out = (StringColumn) Golden.fit(Redact.replace(), data).apply(data).get(0);
    assertEquals(List.of("call <PHONE>", "no number"), out.dictionary());
    assertEquals(out.code(0), out.code(1));
  }

  @Test
  void outputKeepsTheNameSwapsPiiForRedactedAndHoldsNoValues() {
    Frame data = notes(NOTES);
    FittedTransform ft = Golden.fit(Redact.mask(), data);
    Field expected = new Field("note", ColumnType.STRING, true, Set.of("redacted", "source:crm"));
    assertEquals(List.of(new OutputColumn(expected, List.of("note"))), ft.outputs());
    assertFalse(ft.stateHoldsValues());
    assertFalse(Redact.mask().needsData());
    assertEquals("{}", Json.toCanonicalJson(ft.state()));
    FittedTransform p = fitPseudonymize(data, PiiTestKeys.key(1));
    assertEquals(Set.of("pseudonymized", "source:crm"), p.outputs().get(0).field().tags());
  }

  @Test
  void savedStateHoldsNeitherTheKeyNorAnyDetectedValue() {
    byte[] key = PiiTestKeys.key(1);
    Frame data = notes(NOTES);
    FittedTransform ft = fitPseudonymize(data, key);
    String state = Json.toCanonicalJson(ft.state());
    String params = Json.toCanonicalJson(Json.toTree(pseudonymize()));
    assertEquals("{\"keyCheck\":\"" + PiiTestKeys.hmac(key, "mlops-key-check", 16) + "\",\"keyId\":\"k1\"}", state);
    for (String text : List.of(state, params)) {
      assertFalse(text.contains(PiiTestKeys.base64(key)), text);
      assertFalse(text.contains(Hex.encode(key)), text);
      for (String entity : List.of("jane.doe", "example.org", "7946", "4111", "DE89", "203.0.113", "db8", "555")) {
        assertFalse(text.contains(entity), entity + " in " + text);
      }
    }
  }

  @Test
  void recordPathIsIdenticalToTheBatchPath() {
    Frame data = notes(NOTES);
    for (Redact r : List.of(Redact.replace(), Redact.mask(), Redact.drop(),
        Redact.replace().withKinds(PiiKind.PHONE, PiiKind.IBAN))) {
      Golden.assertRecordPathIdentical(Golden.fit(r, data), data);
    }
    Golden.assertRecordPathIdentical(fitPseudonymize(data, PiiTestKeys.key(1)), data);
  }

  @Test
  void roundTripsThroughSavedState(@TempDir Path dir) {
    Frame data = notes(NOTES);
    for (Redact r : List.of(Redact.replace(), Redact.mask(), Redact.drop(),
        Redact.replace().withTemplate("[{kind}]").withKinds(PiiKind.EMAIL))) {
      Golden.assertRoundTrip(r, Golden.fit(r, data), data.schema(), data);
    }
    Path keyFile = PiiTestKeys.writeBase64(dir, "pii.key", PiiTestKeys.key(1));
    Redact p = Redact.pseudonymize("k1", "file:" + keyFile);
    FittedTransform ft = Golden.fit(p, data);
    FittedTransform restored = Golden.assertRoundTrip(p, ft, data.schema(), data);
    assertEquals(apply(fitPseudonymize(data, PiiTestKeys.key(1)), data), apply(restored, data),
        "the same key from a file and from the environment gives the same pseudonyms");
  }

  @Test
  void fittingWithoutTheKeyFailsSayingWhatToSet() {
    Frame data = notes(NOTES);
    ValidationException e = assertThrows(ValidationException.class,
        () -> pseudonymize().fitter(new StepContext("scrub", data.schema()), PiiTestKeys.emptyEnv()));
    assertTrue(e.getMessage().contains("step 'scrub'") && e.getMessage().contains("key 'k1'")
        && e.getMessage().contains("set MLOPS_PII_KEY"), e.getMessage());
  }

  @Test
  void restoringWithoutTheKeyOrWithAnotherKeyFailsNamingTheKey() {
    Frame data = notes(NOTES);
    FittedTransform ft = fitPseudonymize(data, PiiTestKeys.key(1));
    JsonNode state = Json.parseTree(Json.toCanonicalJson(ft.state()), "state");
    StepContext ctx = new StepContext("scrub", data.schema());
    ValidationException missing = assertThrows(ValidationException.class,
        () -> RedactType.INSTANCE.restore(pseudonymize(), ctx, state, PiiTestKeys.emptyEnv()));
    assertTrue(missing.getMessage().contains("set MLOPS_PII_KEY"), missing.getMessage());
    ValidationException wrong = assertThrows(ValidationException.class,
        () -> RedactType.INSTANCE.restore(pseudonymize(), ctx, state, PiiTestKeys.env(PiiTestKeys.key(2))));
    assertTrue(wrong.getMessage().contains("not the key 'k1'") && wrong.getMessage().contains("env:MLOPS_PII_KEY"),
        wrong.getMessage());
    FittedTransform back = RedactType.INSTANCE.restore(pseudonymize(), ctx, state, PiiTestKeys.env(PiiTestKeys.key(1)));
    assertEquals(apply(ft, data), apply(back, data));
  }

  @Test
  void restoreRejectsADamagedState() {
    Frame data = notes(NOTES);
    StepContext ctx = new StepContext("scrub", data.schema());
    Function<String, String> env = PiiTestKeys.env(PiiTestKeys.key(1));
    for (String bad : List.of("{}", "{\"keyId\":\"k1\"}", "{\"keyCheck\":\"abc\",\"keyId\":\"k1\"}",
        "{\"keyCheck\":\"0123456789abcdef\",\"keyId\":\"k2\"}", "[]")) {
      assertThrows(ValidationException.class,
          () -> RedactType.INSTANCE.restore(pseudonymize(), ctx, Json.parseTree(bad, "state"), env), bad);
    }
  }

  @Test
  void keysShorterThan32BytesOrNotBase64AreRejected() {
    Frame data = notes(NOTES);
    StepContext ctx = new StepContext("scrub", data.schema());
    ValidationException shortKey = assertThrows(ValidationException.class,
        () -> pseudonymize().fitter(ctx, PiiTestKeys.env(new byte[16])));
    assertTrue(shortKey.getMessage().contains("16 bytes") && shortKey.getMessage().contains("at least 32"),
        shortKey.getMessage());
    ValidationException notBase64 = assertThrows(ValidationException.class,
        () -> pseudonymize().fitter(ctx, name -> "not base64 at all!"));
    assertTrue(notBase64.getMessage().contains("is not base64")
        && !notBase64.getMessage().contains("at all"), notBase64.getMessage());
  }

  @Test
  void rejectsBadParametersNamingThem() {
    assertMessage(() -> new Redact(List.of(), null, null, null, null), "kinds");
    assertMessage(() -> new Redact(null, Redact.Action.MASK, "<x>", null, null), "template");
    assertMessage(() -> new Redact(null, Redact.Action.REPLACE, null, "k1", "env:X"), "action pseudonymize");
    assertMessage(() -> Redact.pseudonymize("k1", "MLOPS_PII_KEY"), "neither env:NAME nor file:/path");
    assertMessage(() -> Redact.pseudonymize("k1", "env:1BAD"), "environment variable");
    assertMessage(() -> Redact.pseudonymize("k1", "file:"), "names no file");
    assertMessage(() -> Redact.pseudonymize(null, "env:MLOPS_PII_KEY"), "keyId is missing");
    assertMessage(() -> Redact.pseudonymize("k 1", "env:MLOPS_PII_KEY"), "keyId is 'k 1'");
    assertMessage(() -> Redact.pseudonymize("k1", null), "keySource is missing");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
    ValidationException x = assertThrows(ValidationException.class, e);
    assertTrue(x.getMessage().contains(part), x.getMessage());
  }

  @Test
  void bindsFromJsonWithDefaultsAndLowerCaseNames() {
    Redact r = Json.parse("{\"action\":\"mask\",\"kinds\":[\"credit_card\",\"email\"]}", Redact.class, "spec");
    assertEquals(Redact.mask().withKinds(PiiKind.EMAIL, PiiKind.CREDIT_CARD), r);
    assertEquals(Redact.replace(), Json.parse("{}", Redact.class, "spec"));
    assertEquals("{\"action\":\"pseudonymize\",\"keyId\":\"k1\",\"keySource\":\"env:MLOPS_PII_KEY\","
        + "\"kinds\":[\"email\",\"phone\",\"ipv4\",\"ipv6\",\"credit_card\",\"iban\"]}",
        Json.toCanonicalJson(Json.toTree(pseudonymize())));
    assertThrows(ValidationException.class, () -> Json.parse("{\"action\":\"shred\"}", Redact.class, "spec"));
  }

  @Test
  void rejectsNonStringColumnsNamingThem() {
    Frame data = Frame.builder().column("id", LongColumn.of(1, 2)).build();
    ValidationException e = assertThrows(ValidationException.class,
        () -> Redact.replace().fitter(new StepContext("scrub", data.schema())));
    assertTrue(e.getMessage().contains("'id' is LONG") && e.getMessage().contains("STRING"), e.getMessage());
    FittedTransform ft = Golden.fit(Redact.replace(), notes(NOTES));
    ValidationException r = assertThrows(ValidationException.class,
        () -> ((dev.mlops.preprocessing.RecordTransform) ft).applyRecord(new Object[] {42L}));
    assertTrue(r.getMessage().contains("'note'") && r.getMessage().contains("Long"), r.getMessage());
  }

  @Test
  void typeIsRegisteredUnderItsId() {
    assertEquals("mlops.redact@1", Redact.replace().type().qualifiedId());
    assertTrue(registered().contains(RedactType.class.getName()));
    assertEquals(Schema.of(NOTE), notes(NOTES).schema());
  }

  /** The class names of the registered transform types. */
  static List<String> registered() {
    List<String> names = new ArrayList<>();
    for (Object t : java.util.ServiceLoader.load(dev.mlops.preprocessing.TransformType.class)) {
      names.add(t.getClass().getName());
    }
    return names;
  }

  private static Redact pseudonymize() {
    return Redact.pseudonymize("k1", "env:MLOPS_PII_KEY");
  }

  private static FittedTransform fitPseudonymize(Frame data, byte[] key) {
    return pseudonymize().fitter(new StepContext("scrub", data.schema()), PiiTestKeys.env(key)).finish();
  }
}
