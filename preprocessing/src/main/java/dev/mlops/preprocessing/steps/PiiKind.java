package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;

/**
 * The kinds of personal data {@link Redact} finds in free text. Written in JSON in lower case ({@code "credit_card"}).
 *
 * <pre>{@code
 * Redact.replace().withKinds(PiiKind.EMAIL, PiiKind.PHONE)
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum PiiKind {
  /** An e-mail address ({@code local@domain.tld}, ASCII). */
  @JsonProperty("email")
  EMAIL,
  /** A phone number: international ({@code +CC ...}) or a common national form with separators. */
  @JsonProperty("phone")
  PHONE,
  /** An IPv4 address in dotted decimal, each octet 0-255. */
  @JsonProperty("ipv4")
  IPV4,
  /** An IPv6 address: full, compressed ({@code ::}) or with an IPv4 suffix. */
  @JsonProperty("ipv6")
  IPV6,
  /** A payment card number of 13-19 digits that passes the Luhn check. */
  @JsonProperty("credit_card")
  CREDIT_CARD,
  /** An IBAN of a known country's length whose check digits pass ISO 7064 mod 97-10. */
  @JsonProperty("iban")
  IBAN
}
