package io.stevedore.operator.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads samples of the Prometheus text exposition format (what `/actuator/prometheus` serves). */
public final class PrometheusText {
  /** One sample line: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  /** The samples of metric {@code name} in {@code text}; comments and other metrics are skipped. */
  public static List<Sample> samples(String text, String name) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      int position = name.length();
      if (position < line.length()
          && line.charAt(position) != '{'
          && !Character.isWhitespace(line.charAt(position))) {
        continue; // a longer metric name with this prefix
      }
      Map<String, String> labels = new HashMap<>();
      if (position < line.length() && line.charAt(position) == '{') {
        position = labels(line, position + 1, labels);
      }
      String[] rest = line.substring(position).strip().split("\\s+");
      samples.add(new Sample(name, labels, value(rest[0])));
    }
    return samples;
  }

  /** Parses {@code key="value",...}} from {@code start}; returns the position after the brace. */
  private static int labels(String line, int start, Map<String, String> labels) {
    int i = start;
    while (i < line.length() && line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      String key = line.substring(i, equals).strip();
      StringBuilder value = new StringBuilder();
      int j = line.indexOf('"', equals) + 1;
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
      while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
        i++;
      }
    }
    return i + 1;
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
