package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvenanceTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:15:30Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @Test
  void capturesTheEnvironmentTimeAndUser() {
    Provenance p = Provenance.builder("mlops-core csv-snapshot").clock(CLOCK).build();
    assertEquals("mlops-core csv-snapshot", p.producer());
    assertEquals(T0, p.createdAt());
    assertEquals(System.getProperty("user.name"), p.user());
    assertEquals(System.getProperty("java.vendor"), p.jvm().vendor());
    assertEquals(System.getProperty("java.version"), p.jvm().version());
    assertEquals(new Provenance.Os(System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch")), p.os());
    assertEquals(Provenance.currentLibraryVersion(), p.libraryVersion());
    assertNull(p.codeCommit());
    assertNull(p.producerVersion());
  }

  @Test
  void readsTheLibraryVersionFromTheBuild() {
    // version.properties is filtered by Maven; an unfiltered "${project.version}" or a fallback fails here.
    assertTrue(Provenance.currentLibraryVersion().matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"),
        Provenance.currentLibraryVersion());
  }

  @Test
  void sameContentInDifferentOrderHasTheSameCanonicalJsonAndHash() {
    String sha = Sha256.ofUtf8("train");
    Provenance a = Provenance.builder("trainer").producerVersion("1.2").clock(CLOCK).user("alice")
        .input("train.csv", sha).input(Provenance.Input.of("labels.csv", Sha256.ofUtf8("labels"), 12))
        .param("seed", 42).param("lr", 0.1).param("algo", "gbm").codeCommit("3f2a9c1").build();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lr", "0.1");
    params.put("algo", "gbm");
    Provenance b = Provenance.builder("trainer").codeCommit("3f2a9c1").params(params).user("alice")
        .param("seed", "42").clock(CLOCK).producerVersion("1.2")
        .input("train.csv", sha).input(Provenance.Input.of("labels.csv", Sha256.ofUtf8("labels"), 12)).build();
    assertEquals(a, b);
    assertEquals(a.toCanonicalJson(), b.toCanonicalJson());
    assertEquals(a.sha256(), b.sha256());
    assertEquals(Sha256.ofUtf8(a.toCanonicalJson()), a.sha256());

    Provenance later = Provenance.builder("trainer").producerVersion("1.2").clock(Clock.offset(CLOCK,
        java.time.Duration.ofSeconds(1))).user("alice").input("train.csv", sha)
        .input(Provenance.Input.of("labels.csv", Sha256.ofUtf8("labels"), 12))
        .param("seed", 42).param("lr", 0.1).param("algo", "gbm").codeCommit("3f2a9c1").build();
    assertNotEquals(a.sha256(), later.sha256());
  }

  @Test
  void roundTripsThroughJsonWithTheSameHash() {
    Provenance p = Provenance.builder("mlops-data snapshot").clock(CLOCK).user("etl")
        .input(Provenance.Input.of("orders", Sha256.ofUtf8("orders"), 1024, "jdbc:postgresql://db/sales"))
        .param("sql", "select * from orders where day = ?").build();
    String json = p.toCanonicalJson();
    Provenance back = Provenance.fromJson(json);
    assertEquals(p, back);
    assertEquals(p.sha256(), back.sha256());
    assertEquals(p, Provenance.fromJson(json.getBytes(StandardCharsets.UTF_8)));
    JsonNode tree = Json.parseTree(json, "provenance");
    assertEquals("2026-11-27T10:15:30Z", tree.get("createdAt").asText());
    assertEquals(1024, tree.get("inputs").get(0).get("size").asLong());
    assertFalse(tree.has("codeCommit"), "absent optional fields are omitted, not null");
  }

  @Test
  void keepsParametersSortedAndImmutable() {
    Provenance p = Provenance.builder("x").clock(CLOCK).param("b", "2").param("a", "1").build();
    assertEquals(List.of("a", "b"), List.copyOf(p.params().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> p.params().put("c", "3"));
    assertThrows(UnsupportedOperationException.class, () -> p.inputs().add(null));
  }

  @Test
  void writesNumericParametersCanonically() {
    Provenance p = Provenance.builder("x").clock(CLOCK).param("alpha", 1.0).param("beta", 0.1).param("n", 10L).build();
    assertEquals(Map.of("alpha", "1", "beta", "0.1", "n", "10"), p.params());
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "db_password", "dbPassword", "DB_PASSWORD", "client.secret", "pwd",
      "aws_secret_access_key", "api_key", "apiKey", "APIKEY", "access-token", "hf_token", "token", "key",
      "private_key", "signing.key", "credentials", "Authorization", "sessionToken"})
  void rejectsParameterNamesThatLookLikeSecrets(String key) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").param(key, "hunter2"));
    assertTrue(e.getMessage().contains("'" + key + "'") && e.getMessage().contains("credential"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "the value is never echoed: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sort_key", "pad_token", "max_tokens", "tokenizer", "keys", "primary_key", "monkey",
      "learning_rate", "passes", "secretary_count", "keyword"})
  void allowsOrdinaryParameterNames(String key) {
    assertDoesNotThrow(() -> Provenance.builder("x").param(key, "v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://db/sales?user=etl&password=hunter2",
      "https://etl:hunter2@example.com/data.csv", "s3://bucket/x?X-Amz-Signature=hunter2", "api_key=hunter2"})
  void rejectsValuesAndUrisCarryingCredentials(String value) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").param("source", value));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    ValidationException u = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").input(Provenance.Input.of("data", Sha256.ofUtf8("d"), 1, value)));
    assertFalse(u.getMessage().contains("hunter2"), u.getMessage());
  }

  @Test
  void allowsUrisWithoutCredentials() {
    assertDoesNotThrow(() -> Provenance.builder("x")
        .param("url", "jdbc:postgresql://etl@db:5432/sales?sslmode=require")
        .input(Provenance.Input.of("data", Sha256.ofUtf8("d"), 1, "https://example.com/a.csv?token_budget=5")));
  }

  @Test
  void rejectsOptionsAndNamesSetTwice() {
    ValidationException param = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").param("seed", 1L).param("seed", 2L));
    assertTrue(param.getMessage().contains("'seed' set twice ('1' and '2')"), param.getMessage());
    ValidationException clock = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").clock(CLOCK).clock(Clock.systemUTC()));
    assertTrue(clock.getMessage().contains("clock set twice"), clock.getMessage());
    ValidationException input = assertThrows(ValidationException.class,
        () -> Provenance.builder("x").input("a", Sha256.ofUtf8("1")).input("a", Sha256.ofUtf8("2")));
    assertTrue(input.getMessage().contains("input 'a' added twice"), input.getMessage());
  }

  @Test
  void validatesInputs() {
    ValidationException digest = assertThrows(ValidationException.class, () -> Provenance.Input.of("a", "abc"));
    assertTrue(digest.getMessage().contains("input 'a'") && digest.getMessage().contains("'abc'"), digest.getMessage());
    assertThrows(ValidationException.class, () -> Provenance.Input.of("a", Sha256.ofUtf8("x"), -1));
    assertThrows(ValidationException.class, () -> Provenance.Input.of(" ", Sha256.ofUtf8("x")));
    assertThrows(ValidationException.class, () -> Provenance.builder(""));
  }

  @Test
  void hashesAnInputFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("train.csv"), "abc");
    Provenance.Input in = Provenance.Input.ofFile(file);
    assertEquals(new Provenance.Input("train.csv", Sha256Test.ABC, 3L, file.toUri().toString()), in);
    assertThrows(StorageException.class, () -> Provenance.Input.ofFile(dir.resolve("missing.csv")));
  }

  @Test
  void reportsMalformedProvenanceJson() {
    ValidationException e = assertThrows(ValidationException.class, () -> Provenance.fromJson("{\"producer\":"));
    assertTrue(e.getMessage().contains("provenance JSON"), e.getMessage());
    ValidationException missing = assertThrows(ValidationException.class, () -> Provenance.fromJson("{}"));
    assertTrue(missing.getMessage().contains("producer"), missing.getMessage());
  }

  @Test
  void readsProvenanceWrittenEarlierEvenIfItsNamesWouldNowBeRejected() {
    // The secret rule is applied when building, so stored provenance always loads.
    Provenance p = new Provenance("x", null, List.of(), Map.of("db_password", "redacted"), "0.1.0",
        new Provenance.Jvm("v", "17"), new Provenance.Os("Linux", "6", "amd64"), T0, "u", null);
    assertEquals(p, Provenance.fromJson(p.toCanonicalJson()));
    assertArrayEquals(Json.canonicalBytes(p), p.toCanonicalJson().getBytes(StandardCharsets.UTF_8));
  }
}
