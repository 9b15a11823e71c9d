package dev.mlops.preprocessing.steps;

import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The small arithmetic language of {@link Expression}: a recursive-descent parser to a tree of {@link Node}s. No
 * scripting engine, no reflection: only numbers, column names, {@code + - * / ^}, parentheses, unary minus and the
 * functions listed in {@link #FUNCTIONS}.
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary ('^' unary)?               right-associative; -x^2 is -(x^2)
 * primary    := number | column | function '(' expression (',' expression)* ')' | '(' expression ')'
 * column     := [A-Za-z_][A-Za-z0-9_.]* not followed by '(' | '`' any characters but '`' '`'
 * </pre>
 */
final class ExpressionParser {

  /** A parsed expression: evaluated on the values of its columns (indexes into the step's inputs). */
  interface Node {
    double eval(double[] values);
  }

  /** Functions and their argument counts (min, max; -1 = any). */
  static final Map<String, int[]> FUNCTIONS = Map.of(
      "log", new int[] {1, 1}, "log1p", new int[] {1, 1}, "exp", new int[] {1, 1}, "sqrt", new int[] {1, 1},
      "abs", new int[] {1, 1}, "pow", new int[] {2, 2}, "min", new int[] {2, -1}, "max", new int[] {2, -1});

  private final String text;
  private final List<String> columns;
  private final boolean resolve;
  private final Set<String> used = new LinkedHashSet<>();
  private int pos;

  private ExpressionParser(String text, List<String> columns) {
    this.text = text;
    this.columns = columns;
    this.resolve = columns != null;
  }

  /** Parses {@code text}, checking its syntax only; returns the column names it uses, in order of appearance. */
  static List<String> check(String text) {
    ExpressionParser p = new ExpressionParser(text, null);
    p.parseAll();
    return List.copyOf(p.used);
  }

  /** Parses {@code text} with column names resolved to indexes into {@code columns} (which hold every name used). */
  static Node compile(String text, List<String> columns) {
    return new ExpressionParser(text, columns).parseAll();
  }

  private Node parseAll() {
    if (text.isBlank()) {
      throw error(0, "the expression is empty; write e.g. \"log1p(income) / age\"");
    }
    Node n = expression();
    skipSpace();
    if (pos < text.length()) {
      throw error(pos, "unexpected '" + text.charAt(pos) + "' after a complete expression; an operator (+ - * / ^)"
          + " or a ',' or ')' in the right place is missing");
    }
    return n;
  }

  private Node expression() {
    Node left = term();
    while (true) {
      char op = peek();
      if (op != '+' && op != '-') {
        return left;
      }
      pos++;
      Node l = left;
      Node r = term();
      left = op == '+' ? v -> l.eval(v) + r.eval(v) : v -> l.eval(v) - r.eval(v);
    }
  }

  private Node term() {
    Node left = unary();
    while (true) {
      char op = peek();
      if (op != '*' && op != '/') {
        return left;
      }
      pos++;
      Node l = left;
      Node r = unary();
      left = op == '*' ? v -> l.eval(v) * r.eval(v) : v -> l.eval(v) / r.eval(v);
    }
  }

  private Node unary() {
    char c = peek();
    if (c == '-') {
      pos++;
      Node inner = unary();
      return v -> -inner.eval(v);
    }
    if (c == '+') {
      pos++;
      return unary();
    }
    return power();
  }

  private Node power() {
    Node base = primary();
    if (peek() == '^') {
      pos++;
      Node exponent = unary();
      return v -> Math.pow(base.eval(v), exponent.eval(v));
    }
    return base;
  }

  private Node primary() {
    char c = peek();
    int start = pos;
    if (c == '(') {
      pos++;
      Node inner = expression();
      expect(')', start, "to close the '(' at position " + (start + 1));
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (c == '`') {
      int end = text.indexOf('`', pos + 1);
      if (end < 0) {
        throw error(start, "the quoted column name has no closing '`'");
      }
      String name = text.substring(pos + 1, end);
      if (name.isEmpty()) {
        throw error(start, "the quoted column name is empty");
      }
      pos = end + 1;
      return column(name, start);
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
          || text.charAt(pos) == '.')) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (peek() == '(') {
        return call(name, start);
      }
      return column(name, start);
    }
    if (pos >= text.length()) {
      throw error(pos, "the expression ends where a number, a column, a function or '(' was expected");
    }
    throw error(pos, "expected a number, a column, a function or '(' but found '" + c + "'");
  }

  private Node number() {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int e = pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
        throw error(e, "the exponent of the number '" + text.substring(start, pos) + "' has no digits");
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String literal = text.substring(start, pos);
    if (literal.equals(".")) {
      throw error(start, "'.' is not a number; write e.g. 0.5");
    }
    double value = Double.parseDouble(literal);
    return v -> value;
  }

  private Node column(String name, int start) {
    used.add(name);
    if (!resolve) {
      return v -> Double.NaN;
    }
    int index = columns.indexOf(name);
    if (index < 0) {
      throw error(start, "column '" + name + "' is not among the step's input columns " + columns
          + "; select it, or quote a name with other characters in backticks: `" + name + "`");
    }
    return v -> v[index];
  }

  private Node call(String name, int start) {
    int[] arity = FUNCTIONS.get(name);
    if (arity == null) {
      throw error(start, "unknown function '" + name + "'; the functions are "
          + new java.util.TreeSet<>(FUNCTIONS.keySet()));
    }
    int open = pos;
    pos++; // '('
    List<Node> args = new ArrayList<>();
    args.add(expression());
    while (peek() == ',') {
      pos++;
      args.add(expression());
    }
    expect(')', open, "to close the '(' of " + name + " at position " + (open + 1));
    if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
      String want = arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? "" + arity[0]
          : arity[0] + " to " + arity[1];
      throw error(start, name + "() takes " + want + " argument" + (arity[0] == 1 && arity[1] == 1 ? "" : "s")
          + " but was given " + args.size());
    }
    Node a = args.get(0);
    Node b = args.size() > 1 ? args.get(1) : null;
    return switch (name) {
      case "log" -> v -> Math.log(a.eval(v));
      case "log1p" -> v -> Math.log1p(a.eval(v));
      case "exp" -> v -> Math.exp(a.eval(v));
      case "sqrt" -> v -> Math.sqrt(a.eval(v));
      case "abs" -> v -> Math.abs(a.eval(v));
      case "pow" -> v -> Math.pow(a.eval(v), b.eval(v));
      case "min" -> fold(args, true);
      case "max" -> fold(args, false);
      default -> throw new AssertionError(name);
    };
  }

  private static Node fold(List<Node> args, boolean min) {
    Node[] all = args.toArray(new Node[0]);
    return v -> {
      double acc = all[0].eval(v);
      for (int i = 1; i < all.length; i++) {
        acc = min ? Math.min(acc, all[i].eval(v)) : Math.max(acc, all[i].eval(v));
      }
      return acc;
    };
  }

  private void expect(char c, int openedAt, String why) {
    if (peek() != c) {
      int at = Math.min(pos, text.length());
      String found = at >= text.length() ? "the end of the expression" : "'" + text.charAt(at) + "'";
      throw error(at, "expected '" + c + "' " + why + " but found " + found);
    }
    pos++;
  }

  /** The next non-space character, or 0 at the end (skipping the spaces). */
  private char peek() {
    skipSpace();
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private ValidationException error(int at, String what) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return new ValidationException("expression \"" + oneLine + "\" at position " + (at + 1) + ": " + what + "\n  "
        + oneLine + "\n  " + " ".repeat(at) + "^");
  }
}
