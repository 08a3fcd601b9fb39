package io.stevedore.operator.api;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from wherever the tests run. */
public final class RepositoryPaths {
  private RepositoryPaths() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("crds")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("Not inside the Stevedore repository");
  }
}
