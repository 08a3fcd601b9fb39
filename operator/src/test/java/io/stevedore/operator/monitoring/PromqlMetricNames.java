package io.stevedore.operator.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: what must exist in a scrape for the expression to
 * mean anything. A lexical reading, enough for the chart's rules and dashboards: strings, label
 * matchers, ranges and grouping label lists are dropped; functions, aggregations, keywords, numbers
 * and durations are not names; an upper-case token is a placeholder of the chart's rule file.
 */
public final class PromqlMetricNames {
  private static final Pattern STRING =
      Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<number>[0-9][0-9.a-zA-Z_]*)|(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
              "and bool by group_left group_right ignoring offset on or unless without atan2 inf nan",
              // Aggregations, whose "by (...)" may come before their parentheses.
              "sum min max avg group stddev stdvar count count_values bottomk topk quantile")
          .stream()
          .flatMap(words -> java.util.Arrays.stream(words.split(" ")))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_]*");

  private PromqlMetricNames() {}

  public static Set<String> of(String expression) {
    String text = STRING.matcher(expression).replaceAll("\"\"");
    text = MATCHERS.matcher(text).replaceAll(" ");
    text = RANGE.matcher(text).replaceAll(" ");
    text = GROUPING.matcher(text).replaceAll("$1 ");
    Set<String> names = new TreeSet<>();
    Matcher token = TOKEN.matcher(text);
    while (token.find()) {
      String name = token.group("name");
      if (name == null || token.group("call") != null) {
        continue;
      }
      if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))
          && !PLACEHOLDER.matcher(name).matches()) {
        names.add(name);
      }
    }
    return names;
  }
}
