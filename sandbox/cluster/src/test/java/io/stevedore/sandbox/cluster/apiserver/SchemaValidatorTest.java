package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the installed Tenant CRD, so the cases follow its schema as it evolves. */
class SchemaValidatorTest {
  private static final Set<String> OBJECT_FIELDS =
      Set.of("apiVersion", "kind", "metadata", "status");

  private static SchemaValidator.Findings validate(ObjectNode tenant) {
    return SchemaValidator.validateAndPrune(
        tenant, InstalledCrds.stevedore("tenants").schema(), OBJECT_FIELDS);
  }

  private static ObjectNode tenant(String spec) {
    return (ObjectNode)
        Json.parse(
            "{\"apiVersion\": \"stevedore.io/v1alpha1\", \"kind\": \"Tenant\","
                + " \"metadata\": {\"name\": \"acme\", \"anything\": 1},"
                + " \"status\": {\"notInTheSchemaButNotChecked\": true}, \"spec\": "
                + spec
                + "}");
  }

  @Test
  void aValidTenantHasNoFindings() {
    var findings =
        validate(
            tenant(
                "{\"environment\": \"staging\", \"workerPool\": \"premium\", \"retentionDays\": 365}"));
    assertThat(findings.isClean()).as("%s", findings).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"workerPool\": \"p\"} | spec.environment: Required value",
        "{\"environment\": \"s\", \"workerPool\": \"p\", \"retentionDays\": \"thirty\"} | spec.retentionDays in body must be of type integer",
        "{\"environment\": \"s\", \"workerPool\": \"p\", \"retentionDays\": 0} | should be greater than or equal to 1",
        "{\"environment\": \"s\", \"workerPool\": \"p\", \"retentionDays\": 99999} | should be less than or equal to 3650",
        "{\"environment\": \"s\", \"workerPool\": \"p\", \"deletionPolicy\": \"Shred\"} | spec.deletionPolicy: Unsupported value: \"Shred\"",
        "{\"environment\": \"s\", \"workerPool\": \"p\", \"plan\": \"gold\"} | spec.plan in body must be of type object",
        "{\"environment\": null, \"workerPool\": \"p\"} | spec.environment in body must not be null",
      })
  void invalidValuesAreNamedByTheirPath(String spec, String expected) {
    assertThat(validate(tenant(spec)).invalid()).anyMatch(message -> message.contains(expected));
  }

  @Test
  void unknownFieldsAreReportedAndPrunedWhereverTheyAre() {
    ObjectNode tenant =
        tenant(
            "{\"environment\": \"s\", \"workerPool\": \"p\", \"colour\": \"blue\", \"plan\": {\"maxWorkers\": 2, \"turbo\": true}}");

    var findings = validate(tenant);

    assertThat(findings.invalid()).isEmpty();
    assertThat(findings.unknownFields())
        .containsExactlyInAnyOrder("spec.colour", "spec.plan.turbo");
    assertThat(tenant.at("/spec").has("colour")).isFalse();
    assertThat(tenant.at("/spec/plan").toString()).isEqualTo("{\"maxWorkers\":2}");
    assertThat(tenant.at("/metadata/anything").asInt()).isEqualTo(1);
    assertThat(tenant.at("/status/notInTheSchemaButNotChecked").asBoolean()).isTrue();
  }

  @Test
  void preservedAndMapFieldsAreNotUnknown() {
    var schema =
        Json.parse(
            """
        {"type": "object", "properties": {
           "labels": {"type": "object", "additionalProperties": {"type": "string"}},
           "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
           "port": {"x-kubernetes-int-or-string": true}}}
        """);
    var object =
        (ObjectNode)
            Json.parse(
                "{\"labels\": {\"a\": \"b\", \"c\": 1}, \"free\": {\"x\": {\"y\": 1}}, \"port\": \"http\"}");

    var findings = SchemaValidator.validateAndPrune(object, schema, Set.of());

    assertThat(findings.unknownFields()).isEmpty();
    assertThat(findings.invalid())
        .singleElement()
        .asString()
        .contains("labels.c in body must be of type string");
  }
}
