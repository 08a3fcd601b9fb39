package io.stevedore.operator.api;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.stevedore.operator.api.v1alpha1.StevedoreKinds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Generates the CRD YAML of the API classes, descriptions included, in memory. */
final class CrdFiles {
  static final Path CRDS = RepositoryPaths.root().resolve("crds");
  static final Path CHART_CRDS = RepositoryPaths.root().resolve("helm/stevedore/crds");

  /** File name to content, and the API fields that lack Javadoc. */
  record Generated(Map<String, String> files, List<String> undocumented) {}

  private CrdFiles() {}

  static Generated generate() {
    Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
    var descriptions =
        new JavadocDescriptions(RepositoryPaths.root().resolve("operator/src/main/java"));
    new CRDGenerator()
        .customResourceClasses(List.copyOf(StevedoreKinds.ALL))
        .forCRDVersions("v1")
        .withPostProcessor(descriptions)
        .withOutput(
            new CRDGenerator.CRDOutput<ByteArrayOutputStream>() {
              @Override
              public ByteArrayOutputStream outputFor(String name) {
                return outputs.computeIfAbsent(name + ".yml", n -> new ByteArrayOutputStream());
              }

              @Override
              public void close() {}
            })
        .generate();
    Map<String, String> files = new TreeMap<>();
    outputs.forEach((name, bytes) -> files.put(name, bytes.toString(StandardCharsets.UTF_8)));
    return new Generated(files, descriptions.undocumented());
  }
}
