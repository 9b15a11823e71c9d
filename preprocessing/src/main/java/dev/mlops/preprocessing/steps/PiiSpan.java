package dev.mlops.preprocessing.steps;

/**
 * One detected entity: its kind and where it is in the text, {@code [start, end)}.
 *
 * @param kind what was found
 * @param start the first character
 * @param end one past the last character
 */
record PiiSpan(PiiKind kind, int start, int end) {
  int length() {
    return end - start;
  }
}
