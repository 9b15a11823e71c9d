package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PiiDetectorsTest {
  private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

  /** What is found in {@code text}, as "KIND:text" in text order. */
  static List<String> found(String text) {
    return found(text, ALL);
  }

  static List<String> found(String text, Set<PiiKind> kinds) {
    return PiiDetector.detect(text, kinds).stream()
        .map(s -> s.kind() + ":" + text.substring(s.start(), s.end()))
        .collect(Collectors.toList());
  }

  private static void assertFound(String text, String... expected) {
    assertEquals(List.of(expected), found(text), "in: " + text);
  }

  private static void assertNothing(String... texts) {
    for (String t : texts) {
      assertEquals(List.of(), found(t), "in: " + t);
    }
  }

  // ---- e-mail

  @Test
  void findsEmailsInTextWithPunctuation() {
    assertFound("Mail john.smith@example.com.", "EMAIL:john.smith@example.com");
    assertFound("<jane_doe+news@mail.example.co.uk>, (a.b-c@sub-domain.example.org)",
        "EMAIL:jane_doe+news@mail.example.co.uk", "EMAIL:a.b-c@sub-domain.example.org");
    assertFound("mailto:Info@Example.DE; next", "EMAIL:Info@Example.DE");
    assertFound("\"x@y.io\"", "EMAIL:x@y.io");
    assertFound("...lead@example.com", "EMAIL:lead@example.com");
  }

  @Test
  void rejectsThingsThatOnlyLookLikeEmails() {
    assertNothing("user@localhost", "a@b.c", "john@example.123", "@example.com", "john@", "john..smith@example.com",
        "john.@example.com", "john@-example.com", "john@example-.com", "twitter @handle", "j\u00f6hn@example.com",
        "john@ex\u00e4mple.com", "price 5@10.00");
  }

  // ---- credit cards

  @Test
  void findsLuhnValidCardNumbersInCommonGroupings() {
    for (String card : List.of("4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
        "5555555555554444", "3782 822463 10005", "378282246310005", "6011111111111117", "3530111333300000",
        "2221000000000009", "4222222222222", "6200000000000000000", "6200 0000 0000 0000 000")) {
      assertFound("card: " + card + ".", "CREDIT_CARD:" + card);
    }
  }

  @Test
  void rejectsCardNumbersFailingLuhnOrShape() {
    assertNothing("4111111111111112", "4111 1111 1111 1112", "5555555555554445", "378282246310006",
        // 13-digit millisecond timestamp that passes Luhn: starts with 1, no network starts so
        "1748503543004",
        // mixed separators, odd groupings, glued to other numbers or words
        "4111-1111 1111-1111", "41 11 11 11 11 11 11 11", "0.4111111111111111", "x4111111111111111",
        "4111111111111111x", "12-4111-1111-1111-1111", "4111111111111111.5",
        // too short and too long
        "411111111111", "41111111111111111111");
  }

  @Test
  void takesTheCardOutOfALongerGroupedRun() {
    assertFound("4111 1111 1111 1111 2027", "CREDIT_CARD:4111 1111 1111 1111");
    assertFound("ref 12 4111 1111 1111 1111", "CREDIT_CARD:4111 1111 1111 1111");
  }

  // ---- IBAN

  @Test
  void findsIbansOfSeveralCountriesUnbrokenAndGrouped() {
    for (String iban : List.of("DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
        "NL91ABNA0417164300", "BE68539007547034", "ES9121000418450200051332", "IT60X0542811101000000123456",
        "AT611904300234573201", "CH9300762011623852957", "PL61109010140000071219812874", "NO9386011117947",
        "MT84MALT011000012345MTLCAST001S")) {
      assertFound("IBAN " + iban + ", thanks", "IBAN:" + iban);
      String grouped = iban.replaceAll("(.{4})(?!$)", "$1 ");
      assertFound("IBAN: " + grouped + ".", "IBAN:" + grouped);
    }
  }

  @Test
  void rejectsIbansWithWrongCheckDigitsLengthOrCountry() {
    for (String text : List.of("DE88370400440532013000", "GB83WEST12345698765432", "NL92ABNA0417164300",
        "FR1420041010050500013M02607", "DE8937040044053201300", "DE893704004405320130000", "XX89370400440532013000",
        "de89370400440532013000", "DE89 3704 00440532 013000", "DE89  3704 0044 0532 0130 00",
        "ABCDE89370400440532013000")) {
      assertEquals(List.of(), found(text, EnumSet.of(PiiKind.IBAN)), text);
    }
  }

  @Test
  void anIbansDigitsAreNotAPhoneNumber() {
    assertEquals(List.of(), found("DE89 3704 0044 0532 0130 00", EnumSet.of(PiiKind.PHONE)));
  }

  // ---- IPv4

  @Test
  void findsIpv4Addresses() {
    assertFound("from 192.168.0.1, to 10.0.0.255.", "IPV4:192.168.0.1", "IPV4:10.0.0.255");
    assertFound("0.0.0.0 and 255.255.255.255", "IPV4:0.0.0.0", "IPV4:255.255.255.255");
    assertFound("host=8.8.8.8:53 net 10.1.0.0/16", "IPV4:8.8.8.8", "IPV4:10.1.0.0");
  }

  @Test
  void rejectsIpv4LookAlikes() {
    assertNothing("256.1.1.1", "1.2.3.4.5", "1.2.3", "version 1.2.3", "v1.2.3.4", "1.2.3.4a", "192.168.001.1",
        "1.2.3.999", "3.14159", "12.30.2024", ".1.2.3.4");
  }

  // ---- IPv6

  @Test
  void findsIpv6AddressesInEveryForm() {
    for (String ip : List.of("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::8a2e:370:7334", "::1",
        "fe80::1ff:fe23:4567:890a", "2001:db8::", "::ffff:192.0.2.128", "64:ff9b::192.0.2.33",
        "2345:0425:2CA1::0567:5673:23b5", "1:2:3:4:5:6:1.2.3.4", "dead::beef")) {
      assertFound("addr " + ip + ".", "IPV6:" + ip);
    }
    assertFound("[2001:db8::1]:443", "IPV6:2001:db8::1");
  }

  @Test
  void rejectsIpv6LookAlikes() {
    assertNothing("::", "b::", "std::vector", "Foo::bar", "10:30:00", "00:1A:2B:3C:4D:5E",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "2001:db8::g1", ":1:2:3:4:5:6:7",
        "::1.2.3", "dead:beef");
    // seven groups and an IPv4 suffix are too many for IPv6; the IPv4 address alone stays an address
    assertFound("1:2:3:4:5:6:7:1.2.3.4", "IPV4:1.2.3.4");
  }

  // ---- phones

  @Test
  void findsInternationalPhoneNumbers() {
    for (String phone : List.of("+44 20 7946 0958", "+1 (555) 555-1234", "+49 30 12345678", "+33 6 12 34 56 78",
        "+4915112345678", "+44 (0)20 7946 0958", "+31-20-555-0123", "+81.3.1234.5678")) {
      assertFound("Call " + phone + ", please", "PHONE:" + phone);
    }
  }

  @Test
  void findsNationalPhoneNumbersWithSeparators() {
    for (String phone : List.of("(555) 555-1234", "555-555-1234", "555.555.1234", "555 555 1234", "1-800-555-1234",
        "(555)555-1234", "020 7946 0958", "030 12345678", "06-12345678", "01 23 45 67 89", "(030) 1234567",
        "030/1234567", "0151 1234 5678")) {
      assertFound("Tel: " + phone + ".", "PHONE:" + phone);
    }
    assertFound("555-555-1234 555-555-4321", "PHONE:555-555-1234", "PHONE:555-555-4321");
  }

  @Test
  void rejectsIdsDatesAndOtherNumbersAsPhones() {
    assertNothing("5555551234", "order 123456789012", "2024-01-15", "15.01.2024", "01.02.2024", "01/02/2024",
        "123-45-6789", "12345-6789", "555-055-1234", "555-555-12345", "2024-555-1234",
        "+12", "+1234567", "110bcd25-a55d-453a-8046-1297901ea002", "id 4711-0815", "x555-555-1234",
        "555-555-1234x", "INV-0151-2345-678", "0151-2345-678-A", "3.141592653", "2024-01-15 10:30:00", "0 12 34 56", "+1234567890123456");
  }

  @Test
  void aCardNumberIsNotAlsoAPhoneNumber() {
    assertFound("4111 1111 1111 1111", "CREDIT_CARD:4111 1111 1111 1111");
    assertEquals(List.of(), found("5555 5555 5555 4444", EnumSet.of(PiiKind.PHONE)));
  }

  // ---- together

  @Test
  void findsEveryKindInOneText() {
    String text = "Contact jane@example.org or +44 20 7946 0958 from 203.0.113.7 / 2001:db8::7; "
        + "card 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00. Order 20240115, shipped 2024-01-15.";
    assertFound(text, "EMAIL:jane@example.org", "PHONE:+44 20 7946 0958", "IPV4:203.0.113.7", "IPV6:2001:db8::7",
        "CREDIT_CARD:4111-1111-1111-1111", "IBAN:DE89 3704 0044 0532 0130 00");
  }

  @Test
  void onlyTheRequestedKindsAreReturned() {
    String text = "jane@example.org 10.0.0.1";
    assertEquals(List.of("IPV4:10.0.0.1"), found(text, EnumSet.of(PiiKind.IPV4)));
  }

  @Test
  void theEmailWinsOverAPhoneInsideIt() {
    assertFound("555-555-1234@example.com", "EMAIL:555-555-1234@example.com");
  }

  @Test
  void normalizesEntitiesForPseudonyms() {
    assertEquals("jane@example.org", normalized("Jane@Example.ORG"));
    assertEquals("4111111111111111", normalized("4111-1111-1111-1111"));
    assertEquals("+442079460958", normalized("+44 (0)20 7946 0958"));
    assertEquals("+442079460958", normalized("+44 20 7946 0958"));
    assertEquals("DE89370400440532013000", normalized("DE89 3704 0044 0532 0130 00"));
    assertEquals("2001:db8:0:0:0:0:0:1", normalized("2001:DB8::1"));
    assertEquals(normalized("2001:db8:0::1"), normalized("2001:0db8:0000:0000:0000:0000:0000:0001"));
    assertEquals("0:0:0:0:0:ffff:c000:280", normalized("::ffff:192.0.2.128"));
  }

  private static String normalized(String entity) {
    List<PiiSpan> spans = PiiDetector.detect(entity, ALL);
    assertEquals(1, spans.size(), entity);
    assertTrue(spans.get(0).start() == 0 && spans.get(0).end() == entity.length(), entity);
    return PiiDetector.normalize(entity, spans.get(0));
  }

  @Test
  void masksKeepTheLastFourDigitsAndSeparators() {
    assertEquals("**** **** **** 1111", masked("4111 1111 1111 1111"));
    assertEquals("+** ** **** 0958", masked("+44 20 7946 0958"));
    assertEquals("(***) ***-1234", masked("(555) 555-1234"));
    assertEquals("j***@example.com", masked("john.smith@example.com"));
    assertEquals("***.***.*.*", masked("192.168.0.1"));
    assertEquals("****:***::*", masked("2001:db8::1"));
    assertEquals("**** **** **** **** **30 00", masked("DE89 3704 0044 0532 0130 00"));
  }

  private static String masked(String entity) {
    List<PiiSpan> spans = PiiDetector.detect(entity, ALL);
    assertEquals(1, spans.size(), entity);
    StringBuilder b = new StringBuilder();
    PiiDetector.mask(entity, spans.get(0), b);
    return b.toString();
  }

  @Test
  void randomTextNeverBreaksTheDetectorsAndSpansNeverOverlap() {
    String alphabet = "0123456789012345678901234567890123456789abcdefABCDEFxyzDE GB+-.:/()@_, \u00e9";
    java.util.Random random = new java.util.Random(42);
    for (int n = 0; n < 20_000; n++) {
      char[] text = new char[random.nextInt(60)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String t = new String(text);
      List<PiiSpan> spans = PiiDetector.detect(t, ALL);
      int lastEnd = 0;
      for (PiiSpan span : spans) {
        assertTrue(span.start() >= lastEnd && span.end() > span.start() && span.end() <= t.length(), t);
        lastEnd = span.end();
        StringBuilder b = new StringBuilder();
        PiiDetector.mask(t, span, b);
        PiiDetector.normalize(t, span);
        if (span.kind() != PiiKind.EMAIL) {
          assertEquals(span.length(), b.length(), "a mask keeps the length of " + t);
        }
      }
    }
  }
}
