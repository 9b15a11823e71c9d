package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the text vectorizers ({@link CountVectorize}, {@link TfidfVectorize}, {@link HashingVectorize}) cut a document
 * into terms, as scikit-learn's word analyzer does: lower-case the text (optional), take every match of
 * {@code tokenPattern} as a token, then make the n-grams of {@code ngramMin} to {@code ngramMax} consecutive tokens,
 * joined by one space. A missing value is an empty document (no terms).
 *
 * <pre>{@code
 * TextTokens t = TextTokens.defaults().withNgramRange(1, 2);
 * // "The quick fox." -> the, quick, fox, "the quick", "quick fox"
 * }</pre>
 *
 * <p>In JSON: {@code {"lowercase": true, "tokenPattern": "(?u)\\b\\w\\w+\\b", "ngramMin": 1, "ngramMax": 2}}; every
 * key is optional and defaults as scikit-learn's.
 *
 * <p>Differences from scikit-learn: the pattern is a Java regular expression, compiled with
 * {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \w} and {@code \b} are Unicode-aware as in Python (Java's
 * {@code \w} also takes combining marks, which Python's does not, so a decomposed "nai\u0308ve" is one token here
 * and two there); lower-casing is {@link String#toLowerCase(java.util.Locale)} with the root locale, which agrees
 * with Python's {@code str.lower()} on the letters of the world's scripts. As there, a pattern with one capturing
 * group yields that group, and more than one group is an error. There is no {@code strip_accents}, {@code
 * stop_words}, {@code analyzer} or custom tokenizer.
 *
 * <p>Stability: experimental.
 *
 * @param lowercase lower-case the text before tokenizing (default true)
 * @param tokenPattern the regular expression a token matches (default scikit-learn's {@code (?u)\b\w\w+\b}: words
 *     of two or more letters or digits)
 * @param ngramMin the shortest n-gram, 1 or more (default 1)
 * @param ngramMax the longest n-gram, at least {@code ngramMin} and at most {@value #MAX_NGRAM} (default 1; in JSON,
 *     {@code ngramMin} when only that is given)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record TextTokens(boolean lowercase, String tokenPattern, int ngramMin, int ngramMax) {

  /** scikit-learn's default token pattern: two or more word characters between word boundaries. */
  public static final String DEFAULT_PATTERN = "(?u)\\b\\w\\w+\\b";

  /** The longest n-gram allowed. */
  public static final int MAX_NGRAM = 16;

  private static final TextTokens DEFAULTS = new TextTokens(true, DEFAULT_PATTERN, 1, 1);

  /** Checks the parameters. */
  public TextTokens {
    Objects.requireNonNull(tokenPattern, "tokenPattern");
    compile(tokenPattern);
    if (ngramMin < 1 || ngramMin > MAX_NGRAM) {
      throw new ValidationException("text tokens: ngramMin is " + ngramMin + "; it must be 1 to " + MAX_NGRAM
          + " (1 for single words)");
    }
    if (ngramMax < ngramMin || ngramMax > MAX_NGRAM) {
      throw new ValidationException("text tokens: ngramMax is " + ngramMax + " with ngramMin " + ngramMin
          + "; it must be " + ngramMin + " to " + MAX_NGRAM + " (set ngramMax at least ngramMin)");
    }
  }

  @JsonCreator
  private static TextTokens fromJson(@JsonProperty("lowercase") Boolean lowercase,
      @JsonProperty("tokenPattern") String tokenPattern, @JsonProperty("ngramMin") Integer ngramMin,
      @JsonProperty("ngramMax") Integer ngramMax) {
    return new TextTokens(lowercase == null || lowercase, tokenPattern == null ? DEFAULT_PATTERN : tokenPattern,
        ngramMin == null ? 1 : ngramMin, ngramMax == null ? (ngramMin == null ? 1 : Math.max(1, ngramMin)) : ngramMax);
  }

  /** scikit-learn's defaults: lower-case, {@link #DEFAULT_PATTERN}, single words. */
  public static TextTokens defaults() {
    return DEFAULTS;
  }

  /** These settings, lower-casing or not. */
  public TextTokens withLowercase(boolean lowercase) {
    return new TextTokens(lowercase, tokenPattern, ngramMin, ngramMax);
  }

  /** These settings with another token pattern, e.g. {@code "\\S+"} for every run of non-blank characters. */
  public TextTokens withTokenPattern(String tokenPattern) {
    return new TextTokens(lowercase, tokenPattern, ngramMin, ngramMax);
  }

  /** These settings with n-grams of {@code min} to {@code max} tokens, e.g. {@code (1, 2)} for words and pairs. */
  public TextTokens withNgramRange(int min, int max) {
    return new TextTokens(lowercase, tokenPattern, min, max);
  }

  /**
   * The terms of {@code document} in scikit-learn's order, for trying settings out (it compiles the pattern on each
   * call; the steps compile it once) (the tokens, then the 2-grams, ...); none for null.
   *
   * <pre>{@code
   * TextTokens.defaults().terms("Café, naïve!");   // [café, naïve]
   * }</pre>
   */
  public List<String> terms(String document) {
    return Collections.unmodifiableList(new Tokenizer(this).terms(document));
  }

  static Pattern compile(String tokenPattern) {
    Pattern p;
    try {
      p = Pattern.compile(tokenPattern, Pattern.UNICODE_CHARACTER_CLASS);
    } catch (PatternSyntaxException e) {
      throw new ValidationException("text tokens: tokenPattern '" + tokenPattern + "' is not a valid regular"
          + " expression (" + e.getDescription() + " at index " + e.getIndex() + "); fix the pattern", e);
    }
    if (p.matcher("").groupCount() > 1) {
      throw new ValidationException("text tokens: tokenPattern '" + tokenPattern + "' has "
          + p.matcher("").groupCount() + " capturing groups; it may have at most one (the token), so make the"
          + " others non-capturing: (?:...)");
    }
    return p;
  }
}
