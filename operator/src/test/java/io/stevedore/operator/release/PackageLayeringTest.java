package io.stevedore.operator.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's packages depend downwards only: environment/ never on promotion/ (a Promotion sets
 * an Environment's release, not the other way round), and release/, which both build on, on
 * neither.
 */
class PackageLayeringTest {
  private static final String BASE = "io.stevedore.operator.";
  private static final Path SOURCES =
      RepositoryPaths.root().resolve("operator/src/main/java/io/stevedore/operator");
  private static final JavaParser PARSER =
      new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17));

  @ParameterizedTest(name = "{0}/ does not use {1}/")
  @CsvSource({"environment, promotion", "release, environment", "release, promotion"})
  void aPackageNeverUsesOneAboveIt(String lower, String higher) throws IOException {
    assertThat(uses(lower, BASE + higher + ".")).isEmpty();
  }

  @ParameterizedTest(name = "the check sees {0}/ use {1}/")
  @CsvSource({"promotion, release", "environment, release", "promotion, api"})
  void theCheckSeesTheUsesThatAreAllowed(String upper, String lower) throws IOException {
    assertThat(uses(upper, BASE + lower + ".")).isNotEmpty();
  }

  /** Each place in {@code pkg}'s sources that names something in {@code prefix}: file: name. */
  private static List<String> uses(String pkg, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .flatMap(
              f -> names(f).filter(n -> n.startsWith(prefix)).map(n -> f.getFileName() + ": " + n))
          .toList();
    }
  }

  /** Imports, qualified types and qualified expressions: every way a file can name a class. */
  private static Stream<String> names(Path file) {
    ParseResult<CompilationUnit> parsed;
    try {
      parsed = PARSER.parse(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!parsed.isSuccessful()) {
      throw new IllegalStateException(file + ": " + parsed.getProblems());
    }
    CompilationUnit unit = parsed.getResult().orElseThrow();
    return Stream.of(
            unit.findAll(ImportDeclaration.class).stream().map(i -> i.getNameAsString() + "."),
            unit.findAll(ClassOrInterfaceType.class).stream().map(t -> t.asString()),
            unit.findAll(FieldAccessExpr.class).stream().map(e -> e.toString()))
        .flatMap(s -> s);
  }
}
