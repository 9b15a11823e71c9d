package dev.mlops.preprocessing.steps;

import dev.mlops.core.StringColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Maps a string column through a function once per dictionary code a row uses. Not API. */
final class PerCode {
  private PerCode() {}

  static StringColumn map(StringColumn in, UnaryOperator<String> f) {
    int rows = in.size();
    int[] remap = new int[in.dictionarySize()];
    Arrays.fill(remap, -2);
    int[] codes = new int[rows];
    List<String> dict = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int r = 0; r < rows; r++) {
      int code = in.code(r);
      if (code < 0) {
        codes[r] = -1;
        continue;
      }
      int to = remap[code];
      if (to == -2) {
        String v = f.apply(in.getString(r));
        Integer known = index.putIfAbsent(v, dict.size());
        to = known == null ? dict.size() : known;
        if (known == null) {
          dict.add(v);
        }
        remap[code] = to;
      }
      codes[r] = to;
    }
    return StringColumn.ofCodes(codes, dict);
  }
}
