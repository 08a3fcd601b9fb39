package io.stevedore.contract.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small strict JSON reader and canonical writer, so the operator (Jackson 2) and the runtime
 * (Jackson 3) read rules and configuration with the same code. Values are {@code Map<String,
 * Object>} (insertion order), {@code List<Object>}, {@code String}, {@code BigDecimal}, {@code
 * Boolean} and {@code null}.
 */
public final class Json {
  /** Deeper nesting than any rule or agent configuration needs; it bounds the reader's stack. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /**
   * The one JSON value {@code text} holds: no comments, no trailing commas, no duplicate keys.
   *
   * @throws InvalidJsonException naming the position and the problem
   */
  public static Object read(String text) {
    if (text == null) {
      throw new InvalidJsonException("no text");
    }
    Json reader = new Json(text);
    reader.skipSpace();
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.at != text.length()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  /**
   * The canonical text of a value: object keys sorted, no spaces, numbers without trailing zeros.
   * Accepts what {@link #read} returns and the types Fabric8 and Jackson deserialize to (Integer,
   * Long, Double, ...).
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Number n) {
      out.append(number(n));
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (var entry : new TreeMap<String, Object>(stringKeys(map)).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.get(i), out, depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v));
    return result;
  }

  private static String number(Number n) {
    BigDecimal decimal;
    if (n instanceof BigDecimal d) {
      decimal = d;
    } else if (n instanceof BigInteger i) {
      decimal = new BigDecimal(i);
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + n);
      }
      decimal = new BigDecimal(n.toString());
    } else {
      decimal = BigDecimal.valueOf(n.longValue());
    }
    decimal = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    // Plain digits for ordinary numbers; exponent form keeps 1e999999 from becoming a million
    // chars.
    return Math.abs(decimal.scale()) <= 30 && decimal.precision() - decimal.scale() <= 30
        ? decimal.toPlainString()
        : decimal.toString();
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (at >= text.length()) {
      throw error("a value is missing");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return object(depth);
    } else if (c == '[') {
      return array(depth);
    } else if (c == '"') {
      return string();
    } else if (c == 't') {
      return literal("true", Boolean.TRUE);
    } else if (c == 'f') {
      return literal("false", Boolean.FALSE);
    } else if (c == 'n') {
      return literal("null", null);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    throw error("unexpected character '" + c + "'");
  }

  private Map<String, Object> object(int depth) {
    at++;
    Map<String, Object> result = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      at++;
      return result;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a quoted field name");
      }
      String key = string();
      if (result.containsKey(key)) {
        throw error("duplicate field '" + key + "'");
      }
      skipSpace();
      expect(':');
      skipSpace();
      result.put(key, value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return result;
      }
    }
  }

  private List<Object> array(int depth) {
    at++;
    List<Object> result = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      at++;
      return Collections.unmodifiableList(result);
    }
    while (true) {
      skipSpace();
      result.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return Collections.unmodifiableList(result);
      }
    }
  }

  private String string() {
    at++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated escape");
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
              throw error("bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
        }
        default -> throw error("bad escape '\\" + escaped + "'");
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (!digits()) {
      throw error("bad number");
    }
    if (peek() == '.') {
      at++;
      if (!digits()) {
        throw error("bad number");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!digits()) {
        throw error("bad number");
      }
    }
    try {
      return new BigDecimal(text.substring(start, at));
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal holds.
      throw error("number out of range");
    }
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected text");
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private InvalidJsonException error(String problem) {
    return new InvalidJsonException(problem + " at character " + at);
  }
}
