package io.stevedore.operator.api;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.stevedore.operator.api.v1alpha1.StevedoreKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the Javadoc of the API classes into the generated CRD schema, so `kubectl explain` shows
 * exactly what the code documents; records every API field that has none.
 */
final class JavadocDescriptions implements CRDPostProcessor {
  private static final String API_PACKAGE = "io.stevedore.operator.api";

  private final Path sourceRoot;
  private final Map<Class<?>, CompilationUnit> parsed = new HashMap<>();
  private final List<String> undocumented = new ArrayList<>();

  JavadocDescriptions(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
  }

  List<String> undocumented() {
    return undocumented;
  }

  @Override
  public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
    var crd = (CustomResourceDefinition) resource;
    Class<?> kind = StevedoreKinds.byKind(crd.getSpec().getNames().getKind()).orElseThrow();
    for (var version : crd.getSpec().getVersions()) {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      classJavadoc(kind).ifPresent(root::setDescription);
      var typeArguments =
          ((ParameterizedType) kind.getGenericSuperclass()).getActualTypeArguments();
      describe(root.getProperties().get("spec"), typeArguments[0], kind.getSimpleName() + ".spec");
      describe(
          root.getProperties().get("status"), typeArguments[1], kind.getSimpleName() + ".status");
    }
    return crd;
  }

  private void describe(JSONSchemaProps schema, Type type, String path) {
    if (schema == null) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (schema.getItems() != null) {
        describe(schema.getItems().getSchema(), arguments[0], path + "[]");
      } else if (schema.getAdditionalProperties() != null) {
        describe(
            schema.getAdditionalProperties().getSchema(),
            arguments[arguments.length - 1],
            path + "{}");
      }
      return;
    }
    if (!(type instanceof Class<?> cls) || !cls.getName().startsWith(API_PACKAGE) || cls.isEnum()) {
      return;
    }
    if (schema.getProperties() == null) {
      return;
    }
    for (var property : schema.getProperties().entrySet()) {
      Field field = field(cls, property.getKey());
      if (field == null) {
        continue;
      }
      String fieldPath = path + "." + property.getKey();
      Optional<String> doc = fieldJavadoc(field);
      if (doc.isPresent()) {
        property.getValue().setDescription(doc.get());
      } else {
        undocumented.add(fieldPath);
      }
      describe(property.getValue(), field.getGenericType(), fieldPath);
    }
  }

  private static Field field(Class<?> cls, String name) {
    for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    return null;
  }

  private Optional<String> classJavadoc(Class<?> cls) {
    return type(cls)
        .flatMap(TypeDeclaration::getJavadoc)
        .map(j -> text(j.getDescription().toText()));
  }

  private Optional<String> fieldJavadoc(Field field) {
    return type(field.getDeclaringClass())
        .flatMap(t -> t.getFieldByName(field.getName()))
        .flatMap(FieldDeclaration::getJavadoc)
        .map(j -> text(j.getDescription().toText()));
  }

  private Optional<TypeDeclaration<?>> type(Class<?> cls) {
    CompilationUnit unit =
        parsed.computeIfAbsent(
            cls,
            c -> {
              Path file = sourceRoot.resolve(c.getName().replace('.', '/') + ".java");
              try {
                return StaticJavaParser.parse(file);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return unit.getTypes().stream()
        .filter(t -> t.getNameAsString().equals(cls.getSimpleName()))
        .findFirst();
  }

  /** One line, Javadoc inline tags reduced to their text. */
  private static String text(String javadoc) {
    return javadoc.replaceAll("\\{@\\w+\\s+([^}]*)}", "`$1`").replaceAll("\\s+", " ").trim();
  }
}
