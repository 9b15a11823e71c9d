package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void ofKnowsEachDriverByItsUrlPrefix() {
    Map<String, Dialect> cases = Map.of(
        "jdbc:postgresql://db:5432/sales", Dialect.POSTGRESQL,
        "jdbc:postgresql:sales", Dialect.POSTGRESQL,
        "jdbc:mariadb://db:3306/crm", Dialect.MARIADB,
        "jdbc:mysql://db:3306/crm", Dialect.MYSQL,
        "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", Dialect.H2,
        "jdbc:h2:tcp://localhost/~/x", Dialect.H2,
        "jdbc:sqlserver://db:1433", Dialect.OTHER,
        "jdbc:oracle:thin:@//db:1521/svc", Dialect.OTHER,
        "jdbc:postgres://db/sales", Dialect.OTHER,
        "jdbc:h2x:mem:x", Dialect.OTHER);
    cases.forEach((url, dialect) -> assertEquals(dialect, Dialect.of(url), url));
  }

  @Test
  void eachDialectNamesItsProduct() {
    assertEquals("PostgreSQL", Dialect.POSTGRESQL.product);
    assertEquals("MariaDB", Dialect.MARIADB.product);
    assertEquals("MySQL", Dialect.MYSQL.product);
    assertEquals("H2", Dialect.H2.product);
    assertEquals("JDBC", Dialect.OTHER.product);
  }

  @Test
  void quotesPlainIdentifiersTheWayEachDatabaseDoes() {
    assertEquals("\"orders\"", Dialect.POSTGRESQL.quote("orders", "table name"));
    assertEquals("\"Order_Items2\"", Dialect.H2.quote("Order_Items2", "table name"));
    assertEquals("\"_tmp$1\"", Dialect.OTHER.quote("_tmp$1", "column name"));
    assertEquals("`orders`", Dialect.MARIADB.quote("orders", "table name"));
    assertEquals("`x`", Dialect.MYSQL.quote("x", "column name"));
    String longest = "a".repeat(63);
    assertEquals("\"" + longest + "\"", Dialect.POSTGRESQL.quote(longest, "column name"));
  }

  @Test
  void refusesAnythingButAPlainIdentifierSayingWhatIsAllowed() {
    String[] bad = {"a\"b", "a`b", "x\"; DROP TABLE orders; --", "x`; DROP TABLE orders; --", "a b", "a;b",
        "orders--", "'orders'", "a-b", "1st", "", " ", "a\nb", "naïve", "a".repeat(64), "a.b", "a(b)", "*", "a\u0000"};
    for (Dialect d : Dialect.values()) {
      for (String name : bad) {
        ValidationException e = assertThrows(ValidationException.class, () -> d.quote(name, "column name"),
            d + " " + name);
        assertTrue(e.getMessage().contains("column name '" + name + "' is not a plain SQL identifier"),
            e.getMessage());
        assertTrue(e.getMessage().contains("use letters, digits, '_' or '$' (at most 63, not starting with a digit)"),
            e.getMessage());
        assertTrue(e.getMessage().contains("rename the column first"), e.getMessage());
      }
    }
    ValidationException nullName = assertThrows(ValidationException.class, () -> Dialect.H2.quote(null, "column name"));
    assertTrue(nullName.getMessage().contains("column name 'null' is not a plain SQL identifier"),
        nullName.getMessage());
  }

  @Test
  void quoteQualifiedQuotesANameOrASchemaAndName() {
    assertEquals("\"scores\"", Dialect.POSTGRESQL.quoteQualified("scores", "table name"));
    assertEquals("\"ml\".\"scores\"", Dialect.POSTGRESQL.quoteQualified("ml.scores", "table name"));
    assertEquals("`ml`.`scores`", Dialect.MARIADB.quoteQualified("ml.scores", "table name"));
    assertEquals("\"PUBLIC\".\"Scores_2026\"", Dialect.H2.quoteQualified("PUBLIC.Scores_2026", "table name"));
  }

  @Test
  void quoteQualifiedRefusesThreePartsAndInjectionAttempts() {
    for (String name : new String[] {"db.ml.scores", "a.b.c.d", "a..b"}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> Dialect.POSTGRESQL.quoteQualified(name, "table name"));
      assertTrue(e.getMessage().contains("table name '" + name + "' has more than one '.'; write NAME or SCHEMA.NAME"),
          e.getMessage());
    }
    String[] bad = {"ml.scores; DROP TABLE x", "ml\".\"scores", "ml.\"scores\"", "ml .scores", "ml.", ".scores", ".",
        "ml.scores--", "ml.`scores`", "ml.sco res", "", " "};
    for (String name : bad) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> Dialect.MARIADB.quoteQualified(name, "table name"), name);
      assertTrue(e.getMessage().contains("is not a plain SQL identifier"), e.getMessage());
      assertTrue(e.getMessage().startsWith("table name '"), e.getMessage());
      assertFalse(e.getMessage().contains("rename the column"), "a table is not a column: " + e.getMessage());
    }
    ValidationException nullName = assertThrows(ValidationException.class,
        () -> Dialect.H2.quoteQualified(null, "table name"));
    assertTrue(nullName.getMessage().contains("table name 'null' is not a plain SQL identifier"),
        nullName.getMessage());
  }
}
