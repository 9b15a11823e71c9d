package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JdbcConfigTest {
  private static final String URL = "jdbc:postgresql://db.internal:5432/sales";

  private static JdbcConfig.Builder warehouse() {
    return JdbcConfig.builder("warehouse").url(URL);
  }

  /** Builds {@code warehouse()} changed by {@code change}, expecting a refusal that mentions each of {@code parts}. */
  private static ValidationException refused(UnaryOperator<JdbcConfig.Builder> change, String... parts) {
    ValidationException e = assertThrows(ValidationException.class, () -> change.apply(warehouse()).build());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void hasDefaultsForEverythingButTheUrl() {
    JdbcConfig c = warehouse().build();
    assertEquals("warehouse", c.name());
    assertEquals(URL, c.url());
    assertNull(c.user());
    assertNull(c.password());
    assertEquals(4, c.poolSize());
    assertEquals(Duration.ofSeconds(10), c.connectionTimeout());
    assertEquals(Duration.ZERO, c.queryTimeout());
    assertTrue(c.readOnly());
    assertEquals(10_000, c.batchRows());
    assertNull(c.auditUser());
    assertNull(c.purpose());
    assertEquals(Map.of(), c.properties());
    assertEquals(Map.of(), c.pii());
  }

  @Test
  void poolSizeIsOneToAThousand() {
    refused(b -> b.poolSize(0), "source 'warehouse'", "poolSize is 0", "it must be 1 to 1000");
    refused(b -> b.poolSize(-3), "poolSize is -3", "1 to 1000");
    refused(b -> b.poolSize(1001), "poolSize is 1001", "1 to 1000");
    assertEquals(1, warehouse().poolSize(1).build().poolSize());
    assertEquals(1000, warehouse().poolSize(1000).build().poolSize());
  }

  @Test
  void connectionTimeoutIsAtLeast250Milliseconds() {
    refused(b -> b.connectionTimeout(Duration.ofMillis(249)), "source 'warehouse'", "connectionTimeout is 249 ms",
        "it cannot be less than 250 ms");
    refused(b -> b.connectionTimeout(Duration.ZERO), "connectionTimeout is 0 ms");
    refused(b -> b.connectionTimeout(Duration.ofSeconds(-1)), "connectionTimeout is -1000 ms");
    refused(b -> b.connectionTimeout(Duration.ofNanos(249_999_999)), "connectionTimeout is 249 ms");
    assertEquals(Duration.ofMillis(250), warehouse().connectionTimeout(Duration.ofMillis(250)).build()
        .connectionTimeout());
    assertThrows(NullPointerException.class, () -> warehouse().connectionTimeout(null).build());
  }

  @Test
  void queryTimeoutIsZeroOrAtLeastOneSecond() {
    refused(b -> b.queryTimeout(Duration.ofMillis(999)), "source 'warehouse'", "queryTimeout is PT0.999S",
        "zero (no limit) or at least one second", "JDBC counts it in seconds");
    refused(b -> b.queryTimeout(Duration.ofNanos(1)), "queryTimeout is PT0.000000001S");
    refused(b -> b.queryTimeout(Duration.ofSeconds(-5)), "queryTimeout is PT-5S");
    assertEquals(Duration.ZERO, warehouse().queryTimeout(Duration.ZERO).build().queryTimeout());
    assertEquals(Duration.ofSeconds(1), warehouse().queryTimeout(Duration.ofSeconds(1)).build().queryTimeout());
    assertEquals(Duration.ofHours(6), warehouse().queryTimeout(Duration.ofHours(6)).build().queryTimeout());
    assertThrows(NullPointerException.class, () -> warehouse().queryTimeout(null).build());
  }

  @Test
  void batchRowsIsOneToTenMillion() {
    refused(b -> b.batchRows(0), "source 'warehouse'", "batchRows is 0", "it must be 1 to 10,000,000");
    refused(b -> b.batchRows(10_000_001), "batchRows is 10000001", "1 to 10,000,000");
    assertEquals(1, warehouse().batchRows(1).build().batchRows());
    assertEquals(10_000_000, warehouse().batchRows(10_000_000).build().batchRows());
  }

  @Test
  void aSourceNameIsLettersDigitsDotsUnderscoresAndDashes() {
    for (String bad : new String[] {null, "", " ", "ware house", "-warehouse", ".hidden", "_x", "a/b", "a:b",
        "naïve", "x".repeat(129), "a\nb", "wh;DROP"}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> JdbcConfig.builder(bad).url(URL).build(), String.valueOf(bad));
      assertTrue(e.getMessage().contains("source name '" + bad + "' is not valid"), e.getMessage());
      assertTrue(e.getMessage().contains("use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit"),
          e.getMessage());
    }
    for (String good : new String[] {"warehouse", "W", "7", "eu-west.sales_2026", "x".repeat(128)}) {
      assertEquals(good, JdbcConfig.builder(good).url(URL).build().name());
    }
  }

  @Test
  void theUrlIsAJdbcUrl() {
    refused(b -> b.url(null), "source 'warehouse'", "url 'null' is not a JDBC URL");
    for (String bad : new String[] {"", "postgresql://db:5432/sales", "http://db/sales", " jdbc:h2:mem:x", "JDBC"}) {
      refused(b -> b.url(bad), "url '" + bad + "' is not a JDBC URL", "it starts with 'jdbc:'",
          "e.g. jdbc:postgresql://host:5432/db");
    }
  }

  @Test
  void aPasswordInTheUrlIsRefusedWithoutShowingIt() {
    String[] urls = {
        "jdbc:postgresql://db/sales?password=hunter2",
        "jdbc:postgresql://db/sales?user=etl&password=hunter2",
        "jdbc:postgresql://db/sales?user=etl&PASSWORD=hunter2",
        "jdbc:postgresql://db/sales?sslpassword=hunter2",
        "jdbc:sqlserver://db:1433;databaseName=sales;password=hunter2",
        "jdbc:sqlserver://db:1433;password = hunter2",
        "jdbc:mariadb://db/sales?user=etl&pwd=hunter2",
        "jdbc:mysql://db/sales?passwd=hunter2",
        "jdbc:mysql://(host=db,port=3306,password=hunter2)/sales",
        "jdbc:h2:tcp://db/sales;CIPHER=AES;FILE_PASSWORD=hunter2",
        "jdbc:snowflake://acct.snowflakecomputing.com/?client_secret=hunter2",
        "jdbc:mysql://etl:hunter2@db:3306/sales",
        "jdbc:postgresql://etl:hunter2@db/sales",
        "postgres://etl:hunter2@db/sales", // not JDBC either: the password is still not shown
    };
    for (String url : urls) {
      ValidationException e = refused(b -> b.url(url), "source 'warehouse'", "the url carries a password",
          "give the password as 'password' (a secret reference such as ${env:NAME}) instead");
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void urlsWithoutAPasswordAreAccepted() {
    for (String url : new String[] {
        "jdbc:postgresql://db/sales?user=etl&ssl=true",
        "jdbc:postgresql://etl@db/sales",
        "jdbc:postgresql://[::1]:5432/sales",
        "jdbc:postgresql://db1:5432,db2:5432/sales?targetServerType=primary",
        "jdbc:postgresql://db/passwords",
        "jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1",
        "jdbc:h2:tcp://localhost:9092/mem:x",
        "jdbc:mariadb://db:3306/crm?sessionVariables=time_zone='+00:00'"}) {
      assertEquals(url, warehouse().url(url).build().url());
    }
  }

  @Test
  void credentialLikeDriverPropertiesAreRefusedNamingTheProperty() {
    for (String key : new String[] {"password", "Password", "sslpassword", "sslPassword", "clientSecret", "secret",
        "user", "USER", "pwd", "PWD", "passwd"}) {
      ValidationException e = refused(b -> b.property(key, "hunter2"), "source 'warehouse'",
          "driver property '" + key + "' carries credentials", "use 'user' and 'password' (a secret reference)");
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
    JdbcConfig ok = warehouse().property("sslmode", "require").property("ApplicationName", "trainer")
        .property("userAgent", "mlops").build();
    assertEquals(List.of("ApplicationName", "sslmode", "userAgent"), List.copyOf(ok.properties().keySet()),
        "sorted");
    assertThrows(UnsupportedOperationException.class, () -> ok.properties().put("x", "y"));
  }

  @Test
  void toStringShowsWhereThePasswordComesFromNeverItsValue() {
    JdbcConfig literal = warehouse().user("trainer").password(Secret.literal("hunter2")).build();
    assertFalse(literal.toString().contains("hunter2"), literal.toString());
    assertTrue(literal.toString().contains("password=Secret[literal, hidden]"), literal.toString());
    assertTrue(literal.toString().contains("warehouse " + URL + " user=trainer"), literal.toString());

    JdbcConfig env = warehouse().password(Secret.env("WAREHOUSE_PASSWORD", n -> "hunter2")).build();
    assertFalse(env.toString().contains("hunter2"), env.toString());
    assertTrue(env.toString().contains("password=Secret[env:WAREHOUSE_PASSWORD]"), env.toString());

    assertFalse(warehouse().build().toString().contains("password"), "no password, none shown");
  }

  @Test
  void noRefusalShowsThePassword() {
    Secret hunter2 = Secret.literal("hunter2");
    List<UnaryOperator<JdbcConfig.Builder>> bad = List.of(b -> b.poolSize(0), b -> b.batchRows(0),
        b -> b.connectionTimeout(Duration.ZERO), b -> b.queryTimeout(Duration.ofMillis(1)), b -> b.url("x"),
        b -> b.property("password", "hunter2"));
    for (UnaryOperator<JdbcConfig.Builder> change : bad) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> change.apply(warehouse().password(hunter2)).build());
      assertFalse(SecretTest.messages(e).contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void piiTablesAndColumnsAreLowerCase() {
    JdbcConfig c = warehouse().pii("Customers", "Email", "PHONE").pii("CRM.Contacts", "Name").pii("*", "SSN").build();
    assertEquals(Map.of("customers", Set.of("email", "phone"), "crm.contacts", Set.of("name"), "*", Set.of("ssn")),
        c.pii());
    assertEquals(List.of("*", "crm.contacts", "customers"), List.copyOf(c.pii().keySet()), "sorted");
    assertThrows(UnsupportedOperationException.class, () -> c.pii().put("x", Set.of("y")));
    assertThrows(UnsupportedOperationException.class, () -> c.pii().get("customers").add("address"));
  }

  @Test
  void piiColumnsOfOneTableNamedInTwoCasesAreMerged() {
    JdbcConfig c = warehouse().pii("Customers", "email").pii("customers", "phone").pii("CUSTOMERS", "Email").build();
    assertEquals(Map.of("customers", Set.of("email", "phone")), c.pii());
    JdbcConfig direct = new JdbcConfig("warehouse", URL, null, null, 4, Duration.ofSeconds(10), Duration.ZERO, true,
        100, null, null, null, Map.of("Sales.Orders", Set.of("buyer"), "sales.orders", Set.of("Address")));
    assertEquals(Map.of("sales.orders", Set.of("address", "buyer")), direct.pii());
  }

  @Test
  void piiNeedsATableAndAtLeastOneColumn() {
    for (UnaryOperator<JdbcConfig.Builder> bad : List.<UnaryOperator<JdbcConfig.Builder>>of(b -> b.pii("customers"),
        b -> b.pii(" ", "email"), b -> b.pii(null, "email"))) {
      ValidationException e = assertThrows(ValidationException.class, () -> bad.apply(warehouse()));
      assertTrue(e.getMessage().contains("needs a table name and at least one column"), e.getMessage());
    }
  }

  @Test
  void piiColumnsAreLookedUpByTableAndBySchemaDotTable() {
    JdbcConfig c = warehouse().pii("customers", "email", "phone").pii("crm.customers", "name")
        .pii("crm.contacts", "address").pii("*", "ssn").build();
    assertEquals(Set.of("email", "phone"), c.piiColumns(null, "customers"));
    assertEquals(Set.of("email", "phone"), c.piiColumns("", "CUSTOMERS"));
    assertEquals(Set.of("email", "phone"), c.piiColumns("sales", "customers"), "a bare table name is any schema's");
    assertEquals(Set.of("email", "name", "phone"), c.piiColumns("CRM", "Customers"));
    assertEquals(Set.of("address"), c.piiColumns("crm", "contacts"));
    assertEquals(Set.of(), c.piiColumns("sales", "contacts"), "schema.table is that schema's only");
    assertEquals(Set.of(), c.piiColumns(null, "contacts"));
    assertEquals(Set.of("ssn"), c.piiColumns(null, "*"), "'*' holds the columns of any table");
    assertEquals(Set.of(), c.piiColumns("crm", null));
    assertEquals(Set.of(), c.piiColumns("crm", ""));
    assertEquals(Set.of(), warehouse().build().piiColumns("crm", "customers"));
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    JdbcConfig c = JdbcConfig.builder("warehouse").url(URL).user("trainer")
        .password(Secret.env("WAREHOUSE_PASSWORD")).poolSize(7).connectionTimeout(Duration.ofSeconds(3))
        .queryTimeout(Duration.ofMinutes(10)).readOnly(false).batchRows(500).auditUser("training-service")
        .purpose("churn model training").property("ApplicationName", "trainer").pii("customers", "email", "phone")
        .pii("crm.contacts", "name").build();
    JdbcConfig copy = c.toBuilder().build();
    assertEquals(c, copy);
    assertEquals(c.hashCode(), copy.hashCode());
    assertEquals(c.toString(), copy.toString());

    JdbcConfig bigger = c.toBuilder().poolSize(8).pii("customers", "address").build();
    assertEquals(8, bigger.poolSize());
    assertEquals(Set.of("address", "email", "phone"), bigger.pii().get("customers"));
    assertEquals(Set.of("email", "phone"), c.pii().get("customers"), "the original is unchanged");
    assertEquals(7, c.poolSize());
    assertNotEquals(c, bigger);
    assertEquals(c.toBuilder().pii("customers", "address").build(), bigger.toBuilder().poolSize(7).build());
  }

  @Test
  void aRecordMadeDirectlyIsCheckedAndNormalisedLikeABuiltOne() {
    JdbcConfig direct = new JdbcConfig("warehouse", URL, null, null, 4, Duration.ofSeconds(10), Duration.ZERO, true,
        10_000, null, null, null, null);
    assertEquals(warehouse().build(), direct);
    assertThrows(ValidationException.class, () -> new JdbcConfig("warehouse", URL, null, null, 0,
        Duration.ofSeconds(10), Duration.ZERO, true, 10_000, null, null, null, null));
  }
}
