package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath that printer columns use: fields ({@code .a.b}, {@code ['a.b']}), indexes ({@code
 * [0]}, {@code [-1]}), wildcards ({@code [*]}) and equality filters ({@code [?(@.type=="Ready")]},
 * {@code !=}), optionally inside {@code {...}}. Other syntax is rejected when the expression is
 * compiled, so a typo in a CRD shows up as an error, not as empty cells.
 */
final class JsonPathSubset {
  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z0-9_$-]+)");
  private static final Pattern QUOTED_FIELD = Pattern.compile("\\[['\"]([^'\"]+)['\"]]");
  private static final Pattern INDEX = Pattern.compile("\\[(-?\\d+|\\*)]");
  private static final Pattern FILTER =
      Pattern.compile(
          "\\[\\?\\(@((?:\\.[A-Za-z0-9_$-]+)+)\\s*(==|!=)\\s*(\"[^\"]*\"|'[^']*'|[^)\\s]+)\\)]");

  private sealed interface Step {}

  private record Field(String name) implements Step {}

  private record Index(int index, boolean all) implements Step {}

  private record Filter(List<String> fields, boolean equal, String value) implements Step {}

  private final List<Step> steps;

  private JsonPathSubset(List<Step> steps) {
    this.steps = steps;
  }

  static JsonPathSubset compile(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1).trim();
    }
    if (path.startsWith("$")) {
      path = path.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int at = 0;
    while (at < path.length()) {
      Matcher matcher;
      if ((matcher = match(FIELD, path, at)) != null) {
        steps.add(new Field(matcher.group(1)));
      } else if ((matcher = match(QUOTED_FIELD, path, at)) != null) {
        steps.add(new Field(matcher.group(1)));
      } else if ((matcher = match(INDEX, path, at)) != null) {
        boolean all = matcher.group(1).equals("*");
        steps.add(new Index(all ? 0 : Integer.parseInt(matcher.group(1)), all));
      } else if ((matcher = match(FILTER, path, at)) != null) {
        steps.add(
            new Filter(
                List.of(matcher.group(1).substring(1).split("\\.")),
                matcher.group(2).equals("=="),
                unquote(matcher.group(3))));
      } else {
        throw new IllegalArgumentException(
            "unsupported JSONPath " + expression + " at: " + path.substring(at));
      }
      at = matcher.end();
    }
    return new JsonPathSubset(List.copyOf(steps));
  }

  /** Every node the path selects in {@code root}, in document order. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> next) {
    if (step instanceof Field field) {
      if (node.has(field.name())) {
        next.add(node.get(field.name()));
      }
    } else if (!node.isArray()) {
      return;
    } else if (step instanceof Index index) {
      if (index.all()) {
        node.forEach(next::add);
        return;
      }
      int i = index.index() < 0 ? node.size() + index.index() : index.index();
      if (i >= 0 && i < node.size()) {
        next.add(node.get(i));
      }
    } else if (step instanceof Filter filter) {
      for (JsonNode element : node) {
        JsonNode value = element;
        for (String field : filter.fields()) {
          value = value.path(field);
        }
        boolean equal = value.isValueNode() && value.asText().equals(filter.value());
        if (equal == filter.equal()) {
          next.add(element);
        }
      }
    }
  }

  private static Matcher match(Pattern pattern, String path, int at) {
    Matcher matcher = pattern.matcher(path);
    matcher.region(at, path.length());
    return matcher.lookingAt() ? matcher : null;
  }

  private static String unquote(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
