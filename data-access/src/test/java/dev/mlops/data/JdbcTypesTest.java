package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcTypes#map} on the metadata of real H2 results: its errors and its {@code pii} tags. */
class JdbcTypesTest {
  private static final String URL = "jdbc:h2:mem:jdbc_types_test";
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection(URL, "sa", "");
    try (Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA crm");
      st.execute("CREATE TABLE customers (id BIGINT, email VARCHAR(80), city VARCHAR(20), ssn VARCHAR(11))");
      st.execute("CREATE TABLE crm.contacts (id BIGINT, name VARCHAR(80), ssn VARCHAR(11))");
      st.execute("CREATE TABLE contacts (id BIGINT, name VARCHAR(80))");
    }
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DROP ALL OBJECTS");
    }
    c.close();
  }

  private Schema schema(String sql, JdbcConfig config) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return JdbcTypes.map(rs.getMetaData(), config).schema();
    }
  }

  private static JdbcConfig.Builder config() {
    return JdbcConfig.builder("crm").url(URL);
  }

  @Test
  void anUnmappedTypeNamesTheColumnTheTypeThePolicyAndTheFix() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> schema("SELECT 1 AS \"id\", CAST(X'0102' AS VARBINARY(10)) AS \"photo\"", config().build()));
    assertTrue(e.getMessage().startsWith("column 'photo' has SQL type binary varying (java.sql.Types -3), which "
        + JdbcTypes.POLICY + " does not map"), e.getMessage());
    assertTrue(e.getMessage().contains("cast it in the SQL (to text, a number or a timestamp) or leave the column out"),
        e.getMessage());
  }

  @Test
  void twoColumnsWithOneNameNameTheColumnAndTheFix() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> schema("SELECT 1 AS \"total\", 2 AS \"Total\"", config().build()));
    assertEquals("the query returns two columns named 'Total' (names compare without case); give them distinct "
        + "names with AS", e.getMessage());
  }

  @Test
  void mapsTypesAndTagsTheirSqlType() throws SQLException {
    Schema s = schema("SELECT id, email FROM customers", config().build());
    assertEquals(ColumnType.LONG, s.field("ID").type());
    assertEquals(ColumnType.STRING, s.field("EMAIL").type());
    assertTrue(s.field("EMAIL").tags().contains("sql:character_varying"), s.toString());
  }

  @Test
  void tagsTheColumnsConfiguredForTheTableInAnySchema() throws SQLException {
    JdbcConfig config = config().pii("Customers", "Email").build();
    Schema s = schema("SELECT id, email, city FROM customers", config);
    assertTrue(s.field("EMAIL").isPii(), s.toString());
    assertFalse(s.field("CITY").isPii());
    assertFalse(s.field("ID").isPii());
    assertTrue(schema("SELECT email AS contact FROM customers", config).field("CONTACT").isPii(),
        "renaming a column keeps its tag");
  }

  @Test
  void tagsTheColumnsConfiguredForSchemaDotTableInThatSchemaOnly() throws SQLException {
    JdbcConfig config = config().pii("CRM.Contacts", "name").build();
    assertTrue(schema("SELECT name FROM crm.contacts", config).field("NAME").isPii());
    assertFalse(schema("SELECT name FROM public.contacts", config).field("NAME").isPii());
  }

  @Test
  void tagsTheColumnsConfiguredForAnyTableWhereverTheyComeFrom() throws SQLException {
    JdbcConfig config = config().pii("*", "SSN").build();
    assertTrue(schema("SELECT ssn FROM customers", config).field("SSN").isPii());
    assertTrue(schema("SELECT ssn FROM crm.contacts", config).field("SSN").isPii());
    assertTrue(schema("SELECT 'x' AS ssn", config).field("SSN").isPii(), "a computed column by its label");
    assertTrue(schema("SELECT ssn AS national_id FROM customers", config).field("NATIONAL_ID").isPii(),
        "renaming a column keeps its tag");
    assertFalse(schema("SELECT email FROM customers", config).field("EMAIL").isPii());
  }
}
