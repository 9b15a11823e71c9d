package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/**
 * Finds personal data in free text (STRING columns) and replaces, masks, drops or pseudonymizes it, as Microsoft
 * Presidio's analyzer and anonymizer do for its pattern recognizers; scikit-learn has no such step. Id
 * {@code mlops.redact}.
 *
 * <pre>{@code
 * Redact.replace()                                         // "mail john@example.com" -> "mail <EMAIL>"
 * Redact.mask().withKinds(PiiKind.CREDIT_CARD)             // "4111 1111 1111 1111" -> "**** **** **** 1111"
 * Redact.drop()                                            // "call +44 20 7946 0958 now" -> "call  now"
 * Redact.pseudonymize("pii-2026", "env:MLOPS_PII_KEY")     // "john@example.com" -> "EMAIL_5e1f0c2a9b7d3e4f"
 * }</pre>
 *
 * <p>What is found ({@link PiiKind}), with checks that keep false positives down: e-mail addresses; phone numbers
 * with {@code +} or separators (never a bare run of digits, never a date); IPv4 and IPv6 addresses parsed here;
 * card numbers that pass the Luhn check; IBANs whose check digits pass ISO 7064 mod 97-10. Overlaps are resolved
 * in favour of the checked entity, then the longer one. Detection is by pattern only: there is no context scoring
 * and no named-entity model (names and addresses are not found).
 *
 * <p>Actions: {@code replace} writes the template ({@code <EMAIL>}, {@code <PHONE>}, {@code <IPV4>}, {@code <IPV6>},
 * {@code <CREDIT_CARD>}, {@code <IBAN>} by default: {@code {kind}} in the template is the kind); {@code mask} keeps
 * the last 4 digits of card and phone numbers and IBANs, the first letter and the domain of an e-mail
 * ({@code j***@example.com}), and masks IP addresses entirely, separators kept; {@code drop} removes the entity (the
 * text around it is left as it is); {@code pseudonymize} writes {@code KIND_} and the first 16 hex digits of
 * HMAC-SHA256(key, the entity normalized: an e-mail in lower case, a number's digits), the same entity always
 * giving the same pseudonym under one key. The key is read from {@code keySource} ({@code env:NAME}, a base64
 * key; or {@code file:/path}, base64 text or raw bytes; at least 32 bytes) when fitting and when loading, and never
 * saved: the fitted state holds {@code keyId} and a check value, and loading with another key fails naming the key.
 *
 * <p>The output column keeps the input's name, is STRING, and drops the {@code pii} tag for {@code redacted} (or
 * {@code pseudonymized}). Missing values stay missing. Each distinct string of a batch is redacted once.
 *
 * <p>Stability: experimental.
 *
 * @param kinds the kinds to find; all when not given
 * @param action what to do with what is found; {@code replace} when not given
 * @param template for {@code replace}: the replacement, {@code {kind}} standing for the kind; {@code <{kind}>}
 *     when not given
 * @param keyId for {@code pseudonymize}: the key's name, saved with the pipeline
 * @param keySource for {@code pseudonymize}: where the key is, {@code env:NAME} or {@code file:/path}
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Redact(List<PiiKind> kinds, Action action, String template, String keyId, String keySource)
    implements Transform {

  /** The default template: {@code <EMAIL>}, {@code <PHONE>}, ... */
  public static final String DEFAULT_TEMPLATE = "<{kind}>";

  /** What {@link Redact} does with an entity it finds. */
  public enum Action {
    /** Replace it with the template, {@code <EMAIL>} by default. */
    @JsonProperty("replace")
    REPLACE,
    /** Mask it: keep the last 4 digits, the first letter of an e-mail and its domain. */
    @JsonProperty("mask")
    MASK,
    /** Remove it. */
    @JsonProperty("drop")
    DROP,
    /** Replace it with a keyed pseudonym, {@code EMAIL_} and 16 hex digits. */
    @JsonProperty("pseudonymize")
    PSEUDONYMIZE
  }

  /** Checks the parameters and fills in the defaults. */
  public Redact {
    if (kinds == null) {
      kinds = List.of(PiiKind.values());
    } else {
      if (kinds.isEmpty() || kinds.stream().anyMatch(java.util.Objects::isNull)) {
        throw new ValidationException("mlops.redact: kinds is " + kinds + "; name one or more of "
            + Arrays.toString(PiiKind.values()).toLowerCase(java.util.Locale.ROOT) + ", or leave it out for all");
      }
      kinds = List.copyOf(EnumSet.copyOf(kinds));
    }
    action = action == null ? Action.REPLACE : action;
    if (action == Action.REPLACE) {
      template = template == null ? DEFAULT_TEMPLATE : template;
    } else if (template != null) {
      throw new ValidationException("mlops.redact: template '" + template + "' is given but action is "
          + action.name().toLowerCase(java.util.Locale.ROOT) + "; a template applies only to action replace");
    }
    if (action == Action.PSEUDONYMIZE) {
      PiiKeys.checkParams("mlops.redact", keyId, keySource);
    } else if (keyId != null || keySource != null) {
      throw new ValidationException("mlops.redact: keyId/keySource are given but action is "
          + action.name().toLowerCase(java.util.Locale.ROOT) + "; a key applies only to action pseudonymize");
    }
  }

  /** Replaces every kind of entity with {@code <KIND>}. */
  public static Redact replace() {
    return new Redact(null, Action.REPLACE, null, null, null);
  }

  /** Masks every kind of entity (see the class comment). */
  public static Redact mask() {
    return new Redact(null, Action.MASK, null, null, null);
  }

  /** Removes every kind of entity. */
  public static Redact drop() {
    return new Redact(null, Action.DROP, null, null, null);
  }

  /**
   * Pseudonymizes every kind of entity with the key {@code keyId} found at {@code keySource}.
   *
   * <pre>{@code
   * Redact.pseudonymize("pii-2026", "env:MLOPS_PII_KEY")
   * }</pre>
   */
  public static Redact pseudonymize(String keyId, String keySource) {
    return new Redact(null, Action.PSEUDONYMIZE, null, keyId, keySource);
  }

  /** This step finding only {@code kinds}. */
  public Redact withKinds(PiiKind first, PiiKind... more) {
    return new Redact(List.copyOf(EnumSet.of(first, more)), action, template, keyId, keySource);
  }

  /** This step ({@code replace}) with another template, e.g. {@code "[{kind} removed]"}. */
  public Redact withTemplate(String template) {
    return new Redact(kinds, action, template, keyId, keySource);
  }

  /** {@link RedactType}. */
  @Override
  public TransformType<Redact> type() {
    return RedactType.INSTANCE;
  }

  /** False: nothing is learnt from the data. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks the inputs are STRING and, for {@code pseudonymize}, reads the key (failing now if it is missing). */
  @Override
  public Fitter fitter(StepContext context) {
    return fitter(context, System::getenv);
  }

  Fitter fitter(StepContext context, Function<String, String> env) {
    context.requireTypes(ColumnType.STRING);
    FittedRedact fitted = FittedRedact.fit(this, context, env);
    return Fitter.of(() -> fitted);
  }
}
