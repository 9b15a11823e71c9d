package dev.mlops.preprocessing.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link TextTokens} compiled: immutable and thread-safe (a matcher per call). */
final class Tokenizer {
  private final Pattern pattern;
  private final boolean group;
  private final boolean lowercase;
  private final int minN;
  private final int maxN;

  Tokenizer(TextTokens tokens) {
    this.pattern = TextTokens.compile(tokens.tokenPattern());
    this.group = pattern.matcher("").groupCount() == 1;
    this.lowercase = tokens.lowercase();
    this.minN = tokens.ngramMin();
    this.maxN = tokens.ngramMax();
  }

  /** The terms of {@code doc} as scikit-learn's word analyzer lists them (with repeats); none for null. */
  List<String> terms(String doc) {
    if (doc == null || doc.isEmpty()) {
      return new ArrayList<>(0);
    }
    String text = lowercase ? doc.toLowerCase(Locale.ROOT) : doc;
    Matcher m = pattern.matcher(text);
    List<String> tokens = new ArrayList<>();
    while (m.find()) {
      String t = group ? m.group(1) : m.group();
      tokens.add(t == null ? "" : t);
    }
    if (maxN == 1) {
      return tokens;
    }
    // sklearn's _word_ngrams: the tokens themselves when min is 1, then n = max(min, 2) .. max
    int count = tokens.size();
    List<String> out = new ArrayList<>(minN == 1 ? count * maxN : count * (maxN - minN + 1));
    int from = minN;
    if (minN == 1) {
      out.addAll(tokens);
      from = 2;
    }
    StringBuilder sb = new StringBuilder();
    for (int n = from; n <= Math.min(maxN, count); n++) {
      for (int i = 0; i + n <= count; i++) {
        sb.setLength(0);
        sb.append(tokens.get(i));
        for (int j = i + 1; j < i + n; j++) {
          sb.append(' ').append(tokens.get(j));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }
}
