package io.stevedore.operator.testing;

import io.stevedore.sandbox.cluster.apiserver.ApiCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The calls the operator's own client made in one test class, written to {@code
 * target/api-calls/<class>.tsv} for the chart's RBAC test (helm's ChartRbacCoverageTest), one per
 * line: {@code mode verb group resource scope}, tab-separated, where mode is {@value #ALL} or
 * {@value #WATCHED} (the operator's watchNamespaces) and scope is {@code cluster}, {@code watched}
 * (a namespace of the test's custom resources), {@code operator} (the operator's own namespace) or
 * {@code other} (a namespace the operator made, such as a tenant's own).
 */
final class ApiCallRecording {
  /** What the operator's client sends as User-Agent, so the test's own calls are left out. */
  static final String USER_AGENT = "stevedore-operator-under-test";

  static final String ALL = "all-namespaces";
  static final String WATCHED = "watched-namespaces";

  private static final Path DIRECTORY = Path.of("target", "api-calls");

  private ApiCallRecording() {}

  static void write(
      String testClass,
      boolean watchingOnlyTestNamespaces,
      Set<ApiCall> calls,
      Set<String> testNamespaces,
      String operatorNamespace) {
    String mode = watchingOnlyTestNamespaces ? WATCHED : ALL;
    List<String> lines = new ArrayList<>();
    for (ApiCall call : calls) {
      String scope =
          call.namespace() == null
              ? "cluster"
              : testNamespaces.contains(call.namespace())
                  ? "watched"
                  : call.namespace().equals(operatorNamespace) ? "operator" : "other";
      lines.add(String.join("\t", mode, call.verb(), call.group(), call.resource(), scope));
    }
    try {
      Files.createDirectories(DIRECTORY);
      Files.write(
          DIRECTORY.resolve(testClass + ".tsv"), lines.stream().distinct().sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the operator's API calls to " + DIRECTORY, e);
    }
  }
}
