package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlopsException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConfigFilesTest {
  private static final Function<String, String> ENV =
      Map.of("WAREHOUSE_PASSWORD", "hunter2", "CRM_PASSWORD", "crm-pw")::get;

  private static final String YAML = String.join("\n",
      "# three sources, in this order",
      "sources:",
      "  warehouse:",
      "    url: jdbc:postgresql://db.internal:5432/sales",
      "    user: trainer",
      "    password: ${env:WAREHOUSE_PASSWORD}",
      "    poolSize: 8",
      "    connectionTimeout: 250ms",
      "    queryTimeout: 10m",
      "    readOnly: true",
      "    batchRows: 50000",
      "    auditUser: training-service",
      "    purpose: churn model training",
      "    properties: { ApplicationName: trainer, sslmode: require }",
      "    pii: { Customers: [Email, phone], \"CRM.Contacts\": Name, \"*\": [ssn] }",
      "  crm:",
      "    url: jdbc:mariadb://crm.internal:3306/crm",
      "    password: ${env:CRM_PASSWORD}",
      "    queryTimeout: PT5S",
      "  local:",
      "    url: jdbc:h2:mem:local;DB_CLOSE_DELAY=-1",
      "    readOnly: false",
      "    connectionTimeout: 1h",
      "    queryTimeout: 0",
      "");

  private static final String JSON = """
      {"sources": {
        "warehouse": {
          "url": "jdbc:postgresql://db.internal:5432/sales", "user": "trainer",
          "password": "${env:WAREHOUSE_PASSWORD}", "poolSize": 8, "connectionTimeout": "250ms",
          "queryTimeout": "10m", "readOnly": true, "batchRows": 50000, "auditUser": "training-service",
          "purpose": "churn model training", "properties": {"ApplicationName": "trainer", "sslmode": "require"},
          "pii": {"Customers": ["Email", "phone"], "CRM.Contacts": "Name", "*": ["ssn"]}},
        "crm": {"url": "jdbc:mariadb://crm.internal:3306/crm", "password": "${env:CRM_PASSWORD}",
          "queryTimeout": "PT5S"},
        "local": {"url": "jdbc:h2:mem:local;DB_CLOSE_DELAY=-1", "readOnly": false, "connectionTimeout": "1h",
          "queryTimeout": 0}
      }}
      """;

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** A file with one source {@code warehouse} whose settings are {@code settings} (YAML lines, 4 spaces in). */
  private Path warehouseWith(String... settings) throws IOException {
    return write("sources.yaml", "sources:\n  warehouse:\n    url: jdbc:postgresql://db/sales\n"
        + (settings.length == 0 ? "" : "    " + String.join("\n    ", settings) + "\n"));
  }

  /** Loading {@code file} fails with a ValidationException whose message has every one of {@code parts}. */
  private static ValidationException refused(Path file, String... parts) {
    ValidationException e = assertThrows(ValidationException.class, () -> JdbcConfigFiles.loadAll(file, ENV));
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void loadsEverySourceOfAYamlFileInFileOrder() throws IOException {
    Map<String, JdbcConfig> all = JdbcConfigFiles.loadAll(write("sources.yaml", YAML), ENV);
    assertEquals(List.of("warehouse", "crm", "local"), List.copyOf(all.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> all.remove("crm"));

    JdbcConfig w = all.get("warehouse");
    JdbcConfig expected = JdbcConfig.builder("warehouse").url("jdbc:postgresql://db.internal:5432/sales")
        .user("trainer").password(Secret.env("WAREHOUSE_PASSWORD")).poolSize(8)
        .connectionTimeout(Duration.ofMillis(250)).queryTimeout(Duration.ofMinutes(10)).readOnly(true)
        .batchRows(50_000).auditUser("training-service").purpose("churn model training")
        .property("ApplicationName", "trainer").property("sslmode", "require").pii("customers", "email", "phone")
        .pii("crm.contacts", "name").pii("*", "ssn").build();
    assertEquals(expected, w);
    assertEquals("hunter2", w.password().reveal(), "the password is read from the given environment");

    JdbcConfig crm = all.get("crm");
    assertEquals("crm-pw", crm.password().reveal());
    assertEquals(Duration.ofSeconds(5), crm.queryTimeout());
    assertEquals(4, crm.poolSize(), "defaults for what the file leaves out");
    assertNull(crm.user());
    assertTrue(crm.readOnly());

    JdbcConfig local = all.get("local");
    assertNull(local.password());
    assertFalse(local.readOnly());
    assertEquals(Duration.ofHours(1), local.connectionTimeout());
    assertEquals(Duration.ZERO, local.queryTimeout());
  }

  @Test
  void readsTheSameSourcesFromJson() throws IOException {
    Map<String, JdbcConfig> fromJson = JdbcConfigFiles.loadAll(write("sources.json", JSON), ENV);
    assertEquals(JdbcConfigFiles.loadAll(write("sources.yaml", YAML), ENV), fromJson);
    assertEquals(List.of("warehouse", "crm", "local"), List.copyOf(fromJson.keySet()));
  }

  @Test
  void loadsOneSourceByName() throws IOException {
    Path file = write("sources.yaml", YAML);
    assertEquals(JdbcConfigFiles.loadAll(file, ENV).get("crm"), JdbcConfigFiles.load(file, "crm", ENV));
    assertEquals("jdbc:h2:mem:local;DB_CLOSE_DELAY=-1", JdbcConfig.load(file, "local").url());
    assertEquals(List.of("warehouse", "crm", "local"), List.copyOf(JdbcConfig.loadAll(file).keySet()));
  }

  @Test
  void anUnknownSourceIsNotFoundListingTheSourcesTheFileHas() throws IOException {
    Path file = write("sources.yaml", YAML);
    NotFoundException e = assertThrows(NotFoundException.class, () -> JdbcConfigFiles.load(file, "wharehouse", ENV));
    assertTrue(e.getMessage().contains("no source 'wharehouse' in " + file), e.getMessage());
    assertTrue(e.getMessage().contains("it has [warehouse, crm, local]"), e.getMessage());
  }

  @Test
  void anUnknownSettingIsNamedWithTheKnownOnes() throws IOException {
    Path file = warehouseWith("poolsize: 4");
    refused(file, "source 'warehouse' in " + file, "unknown setting 'poolsize'",
        "known: [auditUser, batchRows, connectionTimeout, password, pii, poolSize, properties, purpose, queryTimeout, "
            + "readOnly, url, user]");
  }

  @Test
  void durationsAreWrittenWithAUnitOrInIso8601() {
    Map<String, Duration> cases = Map.of("250ms", Duration.ofMillis(250), "5s", Duration.ofSeconds(5), "10m",
        Duration.ofMinutes(10), "1h", Duration.ofHours(1), "2d", Duration.ofDays(2), "PT5S", Duration.ofSeconds(5),
        "0", Duration.ZERO, " 30 s ", Duration.ofSeconds(30), "PT1M30S", Duration.ofSeconds(90), "pt2s",
        Duration.ofSeconds(2));
    cases.forEach((text, expected) -> assertEquals(expected, JdbcConfigFiles.duration(text, "queryTimeout", "w"),
        text));
  }

  @Test
  void aBadDurationIsNamedWithExamples() throws IOException {
    for (String bad : new String[] {"soon", "5", "1.5s", "5 sec", "-5s", "5S", "99999999999999999999s",
        "9223372036854775807d", "9223372036854776s", "PT2562047788015216H"}) {
      Path file = warehouseWith("queryTimeout: \"" + bad + "\"");
      refused(file, "source 'warehouse' in " + file, "queryTimeout is '" + bad + "'",
          "write a duration such as 250ms, 5s, 10m, 1h or PT5S");
    }
    Path number = warehouseWith("connectionTimeout: 30");
    refused(number, "connectionTimeout is '30'", "write a duration such as 250ms");
  }

  @Test
  void aDurationOutsideTheLimitsIsRefusedNamingTheFile() throws IOException {
    Path file = warehouseWith("connectionTimeout: 100ms");
    refused(file, "source 'warehouse'", "connectionTimeout is 100 ms", "cannot be less than 250 ms",
        "(in " + file + ")");
    refused(warehouseWith("queryTimeout: 500ms"), "queryTimeout is PT0.5S", "at least one second");
  }

  @Test
  void settingsOfTheWrongTypeAreNamedWithWhatToWrite() throws IOException {
    refused(warehouseWith("poolSize: four"), "source 'warehouse'", "poolSize is 'four'", "write a whole number");
    refused(warehouseWith("poolSize: \"4\""), "poolSize is '4'", "write a whole number");
    refused(warehouseWith("poolSize: 4.5"), "poolSize is '4.5'", "write a whole number");
    refused(warehouseWith("batchRows: 99999999999"), "batchRows is '99999999999'", "write a whole number");
    refused(warehouseWith("batchRows: true"), "batchRows is 'true'", "write a whole number");
    refused(warehouseWith("readOnly: yes please"), "readOnly is 'yes please'", "write true or false");
    refused(warehouseWith("readOnly: \"true\""), "readOnly is 'true'", "write true or false");
    refused(warehouseWith("properties: [ApplicationName]"), "properties is not a map");
    refused(warehouseWith("pii: [email]"), "pii is not a map of table to columns", "pii: { customers: [email] }");
    refused(warehouseWith("pii: { customers: [] }"), "pii entry 'customers' needs a table name and at least one");
    refused(warehouseWith("user: { name: trainer }"), "'user' is empty or not a value");
    refused(warehouseWith("user: \"  \""), "'user' is empty or not a value");
    refused(warehouseWith("purpose: [a, b]"), "'purpose' is empty or not a value");
    refused(warehouseWith("poolSize: 0"), "poolSize is 0; it must be 1 to 1000");
  }

  @Test
  void aSourceNeedsAUrlAndSettings() throws IOException {
    Path noUrl = write("a.yaml", "sources:\n  warehouse:\n    user: trainer\n");
    refused(noUrl, "source 'warehouse' in " + noUrl, "'url' is missing");
    Path notAMap = write("b.yaml", "sources:\n  warehouse: jdbc:postgresql://db/sales\n");
    refused(notAMap, "source 'warehouse' in " + notAMap + " is not a map of settings");
    Path badUrl = write("c.yaml", "sources:\n  warehouse:\n    url: postgresql://db/sales\n");
    refused(badUrl, "url 'postgresql://db/sales' is not a JDBC URL", "(in " + badUrl + ")");
    Path badName = write("d.yaml", "sources:\n  \"ware house\":\n    url: jdbc:h2:mem:x\n");
    refused(badName, "source name 'ware house' is not valid", "(in " + badName + ")");
  }

  @Test
  void aFileWithoutSourcesSaysHowToWriteThem() throws IOException {
    for (String content : new String[] {"", "# nothing\n", "source:\n  warehouse:\n    url: jdbc:h2:mem:x\n",
        "sources: jdbc:h2:mem:x\n", "sources:\n", "- sources\n", "[1, 2]", "{}"}) {
      Path file = write("sources.yaml", content);
      refused(file, "source config file " + file + " has no 'sources' map",
          "write 'sources: { NAME: { url: jdbc:..., ... } }'");
    }
    Path empty = write("empty.yaml", "sources: {}\n");
    refused(empty, "source config file " + empty + " names no sources under 'sources'");
  }

  @Test
  void aMissingFileIsNotFound() {
    Path missing = dir.resolve("nope.yaml");
    NotFoundException e = assertThrows(NotFoundException.class, () -> JdbcConfigFiles.loadAll(missing, ENV));
    assertTrue(e.getMessage().contains("source config file " + missing + " does not exist"), e.getMessage());
  }

  @Test
  void aFileThatIsNotYamlIsAnErrorWithItsLine() throws IOException {
    Path file = write("sources.yaml", "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    user: a: b\n");
    refused(file, "source config file " + file + " is not valid YAML or JSON", "at line 4", "fix the file there");
    Path json = write("sources.json", "{\"sources\": {\"warehouse\": {\"url\": \"jdbc:h2:mem:x\" \"user\": \"a\"}}}");
    refused(json, "is not valid YAML or JSON", "at line 1");
  }

  @Test
  void aSourceOrSettingNamedTwiceIsAnError() throws IOException {
    Path sources = write("a.yaml", "sources:\n  warehouse:\n    url: jdbc:h2:mem:a\n  warehouse:\n"
        + "    url: jdbc:h2:mem:b\n");
    refused(sources, "is not valid YAML or JSON", "Duplicate field 'warehouse'", "at line 4");
    refused(warehouseWith("poolSize: 4", "poolSize: 8"), "Duplicate field 'poolSize'", "at line 5");
  }

  @Test
  void aPasswordReferenceIsReadOnlyWhenRevealed() throws IOException {
    Path file = warehouseWith("password: ${env:NOT_SET_ANYWHERE}");
    JdbcConfig c = JdbcConfigFiles.load(file, "warehouse", ENV);
    ValidationException e = assertThrows(ValidationException.class, () -> c.password().reveal());
    assertTrue(e.getMessage().contains("environment variable NOT_SET_ANYWHERE is not set"), e.getMessage());

    Path secretFile = write("pg-password", "from-a-file\n");
    Path viaFile = warehouseWith("password: ${file:" + secretFile + "}");
    assertEquals("from-a-file", JdbcConfigFiles.load(viaFile, "warehouse", ENV).password().reveal());
  }

  @Test
  void anUnknownPasswordReferenceNamesTheSourceAndFile() throws IOException {
    Path file = warehouseWith("password: ${vault:hunter2}");
    ValidationException e = refused(file, "source 'warehouse' in " + file, "password:",
        "neither ${env:NAME} nor ${file:/path}");
    assertFalse(SecretTest.messages(e).contains("hunter2"), SecretTest.messages(e));
  }

  @Test
  void noFailureShowsALiteralPasswordFromTheFile() throws IOException {
    List<String> broken = List.of(
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: hunter2\n    poolSize: 0\n",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: hunter2\n    colour: blue\n",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: hunter2: oops\n",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: \"hunter2\n",
        "sources:\n  warehouse:\n    password: [hunter2\n",
        "sources:\n  warehouse:\n    password: hunter2\n   url: jdbc:h2:mem:x\n",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x?password=hunter2\n",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: hunter2\n    password: hunter3\n",
        "{\"sources\": {\"warehouse\": {\"password\": \"hunter2\" \"url\": \"jdbc:h2:mem:x\"}}}");
    for (String content : broken) {
      Path file = write("sources.yaml", content);
      MlopsException e = assertThrows(MlopsException.class, () -> JdbcConfigFiles.loadAll(file, ENV), content);
      assertFalse(SecretTest.messages(e).contains("hunter"), SecretTest.messages(e));
    }
    JdbcConfig ok = JdbcConfigFiles.load(write("ok.yaml",
        "sources:\n  warehouse:\n    url: jdbc:h2:mem:x\n    password: hunter2\n"), "warehouse", ENV);
    assertFalse(ok.toString().contains("hunter2"), ok.toString());
    assertEquals("hunter2", ok.password().reveal());
  }

  @Test
  void piiInAFileIsNormalisedAndLookedUp() throws IOException {
    JdbcConfig w = JdbcConfigFiles.load(write("sources.yaml", YAML), "warehouse", ENV);
    assertEquals(Map.of("customers", Set.of("email", "phone"), "crm.contacts", Set.of("name"), "*", Set.of("ssn")),
        w.pii());
    assertEquals(Set.of("email", "phone"), w.piiColumns("public", "CUSTOMERS"));
    assertEquals(Set.of("name"), w.piiColumns("crm", "contacts"));
    assertEquals(Set.of("ssn"), w.piiColumns(null, "*"));
  }

  @Test
  void theDocumentedExampleLoads() throws URISyntaxException {
    Path example = Path.of(getClass().getResource("/sources-example.yaml").toURI());
    Map<String, JdbcConfig> all = JdbcConfigFiles.loadAll(example, Map.of("WAREHOUSE_PASSWORD", "pg-pw")::get);
    assertEquals(List.of("warehouse", "crm", "scratch"), List.copyOf(all.keySet()));
    assertEquals(Dialect.POSTGRESQL, Dialect.of(all.get("warehouse").url()));
    assertEquals(Dialect.MARIADB, Dialect.of(all.get("crm").url()));
    assertEquals(Dialect.H2, Dialect.of(all.get("scratch").url()));

    JdbcConfig warehouse = all.get("warehouse");
    assertEquals("pg-pw", warehouse.password().reveal());
    assertEquals(Duration.ofMinutes(10), warehouse.queryTimeout());
    assertEquals(Set.of("email", "phone"), warehouse.piiColumns("sales", "customers"));
    assertEquals(Set.of("name"), warehouse.piiColumns("crm", "contacts"));
    assertEquals(Map.of("ApplicationName", "trainer", "sslmode", "require"), warehouse.properties());
    assertEquals(Secret.file(Path.of("/run/secrets/crm-password")), all.get("crm").password());
    assertEquals(Duration.ofSeconds(30), all.get("crm").queryTimeout());
    assertEquals(Set.of("ssn"), all.get("crm").piiColumns(null, "*"));
    assertFalse(all.get("scratch").readOnly());
    assertEquals(500, all.get("scratch").batchRows());
  }
}
