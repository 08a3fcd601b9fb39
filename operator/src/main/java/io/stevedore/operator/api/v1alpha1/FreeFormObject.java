package io.stevedore.operator.api.v1alpha1;

/**
 * The schema of a free-form JSON object (`type: object` keeping every field): what {@code
 * Map<String, Object>} fields declare with {@code @SchemaFrom}, since the generator would otherwise
 * require every value to be an object.
 */
public final class FreeFormObject {
  private FreeFormObject() {}
}
