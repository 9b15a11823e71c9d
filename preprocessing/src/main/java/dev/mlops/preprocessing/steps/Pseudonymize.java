package dev.mlops.preprocessing.steps;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.util.function.Function;

/**
 * Replaces every value of STRING or LONG columns (ids, e-mail addresses used as keys) with a keyed pseudonym: the
 * first {@code length} hex digits of HMAC-SHA256(key, the value's UTF-8 bytes; a LONG in decimal). Equal values get
 * equal pseudonyms under one key, so joins and group-bys still work, while without the key the values cannot be
 * recovered or guessed from a list of candidates. The value is taken exactly as it is: normalize case or spaces in an
 * earlier step if {@code John@x.org} and {@code john@x.org} should be one person. A pseudonym of an e-mail here
 * starts with the same 16 hex digits as {@link Redact}'s {@code EMAIL_} pseudonym of the same lower-case address.
 * scikit-learn has no such step. Id {@code mlops.pseudonymize}.
 *
 * <pre>{@code
 * Pseudonymize.of("pii-2026", "env:MLOPS_PII_KEY")                 // 32 hex digits
 * Pseudonymize.of("pii-2026", "file:/run/secrets/pii.key").withLength(16)
 * }</pre>
 *
 * <p>The key is read from {@code keySource} when fitting and when loading, never saved: {@code env:NAME} holds it in
 * base64 ({@code openssl rand -base64 32}); {@code file:/path} holds base64 text or raw bytes; at least 32 bytes.
 * The fitted state holds {@code keyId} and a check value (the first 16 hex digits of HMAC(key,
 * "mlops-key-check")), and loading with another key fails naming {@code keyId}. The output is STRING with the
 * input's name, tagged {@code pseudonymized} instead of {@code pii}; missing values stay missing.
 *
 * <p>Stability: experimental.
 *
 * @param keyId the key's name, saved with the pipeline
 * @param keySource where the key is: {@code env:NAME} or {@code file:/path}
 * @param length the number of hex digits of a pseudonym, 8 to 64; 32 (128 bits) when not given
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Pseudonymize(String keyId, String keySource, Integer length) implements Transform {
  /** The default length: 32 hex digits. */
  public static final int DEFAULT_LENGTH = 32;

  /** Checks the parameters and fills in the default length. */
  public Pseudonymize {
    PiiKeys.checkParams("mlops.pseudonymize", keyId, keySource);
    length = length == null ? DEFAULT_LENGTH : length;
    if (length < 8 || length > 64) {
      throw new ValidationException("mlops.pseudonymize: length is " + length + "; it must be 8 to 64 hex digits"
          + " (HMAC-SHA256 has 64); 32 (the default) keeps collisions negligible up to billions of values");
    }
  }

  /** Pseudonyms of 32 hex digits with the key {@code keyId} found at {@code keySource}. */
  public static Pseudonymize of(String keyId, String keySource) {
    return new Pseudonymize(keyId, keySource, null);
  }

  /** This step with pseudonyms of {@code length} hex digits (8 to 64). */
  public Pseudonymize withLength(int length) {
    return new Pseudonymize(keyId, keySource, length);
  }

  /** {@link PseudonymizeType}. */
  @Override
  public TransformType<Pseudonymize> type() {
    return PseudonymizeType.INSTANCE;
  }

  /** False: nothing is learnt from the data. */
  @Override
  public boolean needsData() {
    return false;
  }

  /** Checks the inputs are STRING or LONG and reads the key, failing now if it is missing. */
  @Override
  public Fitter fitter(StepContext context) {
    return fitter(context, System::getenv);
  }

  Fitter fitter(StepContext context, Function<String, String> env) {
    context.requireTypes(ColumnType.STRING, ColumnType.LONG);
    FittedPseudonymize fitted = new FittedPseudonymize(this, context,
        PiiKeys.resolve(context.stepName(), keyId, keySource, env));
    return Fitter.of(() -> fitted);
  }
}
