package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Dns1123;
import io.stevedore.operator.broker.TenantBrokerPermissions;
import io.stevedore.operator.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile names (dots, regex metacharacters, wildcards, unicode, upper case, empty, the longest
 * allowed and one more) never reach a derived name, and the names of two different tenants never
 * equal or match each other: queues, broker users, the read permission's regex, tables, tenant
 * namespaces, SQS queues and the MySQL key.
 */
class TenantNamesPropertyTest {
  private static final List<String> VHOSTS = List.of("/", "staging", "a/b");

  @Property(tries = 2000)
  void aNameThatIsNotALabelIsRefusedBeforeAnythingIsDerivedFromIt(
      @ForAll("names") String namespace, @ForAll("names") String name) {
    boolean valid = namespace.matches(Dns1123.LABEL) && name.matches(Dns1123.LABEL);
    if (valid) {
      assertThat(names(namespace, name).tenant()).isEqualTo(name);
    } else {
      assertThatThrownBy(() -> names(namespace, name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a DNS-1123 label");
    }
    if (!name.matches(Dns1123.LABEL)) {
      var tenant = Fixtures.tenant("team-a", name, "staging", "standard", "standard");
      assertThat(TenantValidation.problems(tenant))
          .anySatisfy(p -> assertThat(p).startsWith("metadata.name"));
    }
  }

  @Property(tries = 5000)
  void twoTenantsNeverShareOrMatchANameOfTheOther(
      @ForAll("validNames") String namespaceA,
      @ForAll("validNames") String nameA,
      @ForAll("validNames") String namespaceB,
      @ForAll("validNames") String nameB) {
    Assume.that(!(namespaceA.equals(namespaceB) && nameA.equals(nameB)));
    TenantNames a = names(namespaceA, nameA);
    TenantNames b = names(namespaceB, nameB);

    assertThat(queues(a)).doesNotContainAnyElementsOf(queues(b));
    Pattern readA = Pattern.compile(TenantBrokerPermissions.of(a.queues()).read());
    assertThat(queues(a)).allMatch(q -> readA.matcher(q).matches());
    assertThat(queues(b)).noneMatch(q -> readA.matcher(q).matches());
    assertThat(users(a)).doesNotContainAnyElementsOf(users(b));
    assertThat(a.table()).isNotEqualTo(b.table());
    assertThat(a.isolationNamespace()).isNotEqualTo(b.isolationNamespace()).matches(Dns1123.LABEL);
    assertThat(List.of(a.namespace(), a.tenant())).isNotEqualTo(List.of(b.namespace(), b.tenant()));
  }

  @Property(tries = 2000)
  void twoTenantsNeverShareAnSqsQueueAndEveryNameIsOneSqsAccepts(
      @ForAll("validNames") String namespaceA,
      @ForAll("validNames") String nameA,
      @ForAll("validNames") String namespaceB,
      @ForAll("validNames") String nameB) {
    Assume.that(!(namespaceA.equals(namespaceB) && nameA.equals(nameB)));
    var a = SqsQueueNames.of(namespaceA, nameA);
    var b = SqsQueueNames.of(namespaceB, nameB);

    assertThat(List.of(a.main(), a.deadLetter()))
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(List.of(b.main(), b.deadLetter()))
        .allMatch(q -> q.matches(SqsQueueNames.ALLOWED) && q.length() <= SqsQueueNames.MAX_NAME);
    assertThat(sqsQueues(namespaceA, nameA)).containsExactly(a.main(), a.deadLetter());
  }

  @Property(tries = 500)
  void aHostileNameNeverBecomesAnSqsName(
      @ForAll("names") String namespace, @ForAll("names") String name) {
    Assume.that(!(namespace.matches(Dns1123.LABEL) && name.matches(Dns1123.LABEL)));
    assertThatThrownBy(() -> SqsQueueNames.of(namespace, name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 500)
  void aTenantsPermissionsConfigureAndWriteNothing(
      @ForAll("labels") String namespace, @ForAll("labels") String name) {
    var permissions = TenantBrokerPermissions.of(names(namespace, name).queues());
    assertThat(permissions.configure()).isEqualTo("^$");
    assertThat(permissions.write()).isEqualTo("^$");
  }

  @Example
  void tenantsWhoseNamespaceAndNameJoinTheSameWayGetDifferentNamespaces() {
    // The old `<namespace>-<tenant>` gave both `a-b-c`.
    assertThat(names("a", "b-c").isolationNamespace()).isEqualTo("a-b-c-b88f83c8");
    // Stable: a namespace already made must be found again after an upgrade.
    assertThat(names("a-b", "c").isolationNamespace()).isEqualTo("a-b-c-4e84717d");
  }

  @Example
  void theLongestNamesStillGetANamespaceThatIsALabel() {
    String longest = "t".repeat(63);
    assertThat(names(longest, longest).isolationNamespace()).hasSize(63).matches(Dns1123.LABEL);
  }

  @Example
  void aTenantKeepsTheNamespaceItsStatusRecords() {
    var tenant = Fixtures.tenant("a", "b-c", "staging", "standard", "standard");
    tenant.setStatus(new io.stevedore.operator.api.v1alpha1.TenantStatus());
    tenant.getStatus().setIsolationNamespace("a-b-c");
    assertThat(TenantNames.of(tenant, Fixtures.environment("a", "staging")).isolationNamespace())
        .isEqualTo("a-b-c");
  }

  @Provide
  Arbitrary<String> names() {
    // Few characters and short: two tenants often collide under a naive scheme.
    Arbitrary<String> near = Arbitraries.strings().withChars("ab-.").ofMinLength(0).ofMaxLength(5);
    Arbitrary<String> hostile =
        Arbitraries.strings().withChars("ab-.*#>^$()[]{}|+?\\/_ AÉé日\u0000").ofMaxLength(10);
    Arbitrary<String> longest =
        Arbitraries.of("t".repeat(63), "t".repeat(64), "a".repeat(62) + "-", "x".repeat(62) + "1");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, near),
        net.jqwik.api.Tuple.of(3, hostile),
        net.jqwik.api.Tuple.of(1, longest),
        net.jqwik.api.Tuple.of(3, labels()));
  }

  /** What passes validation, drawn so that two tenants' names often join the same way. */
  @Provide
  Arbitrary<String> validNames() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            6,
            Arbitraries.strings()
                .withChars("ab-")
                .ofMinLength(1)
                .ofMaxLength(5)
                .filter(s -> s.matches(Dns1123.LABEL))),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("t".repeat(63), "t".repeat(62) + "a")),
        net.jqwik.api.Tuple.of(2, labels()));
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings()
        .withChars("ab0-")
        .ofMinLength(1)
        .ofMaxLength(63)
        .filter(s -> s.matches(Dns1123.LABEL));
  }

  private static TenantNames names(String namespace, String name) {
    var tenant = Fixtures.tenant(namespace, name, "staging", "standard", "standard");
    return TenantNames.of(tenant, Fixtures.environment(namespace, "staging"));
  }

  /** A new tenant's queues as the operator names them on an SQS Environment. */
  private static List<String> sqsQueues(String namespace, String name) {
    var tenant = Fixtures.tenant(namespace, name, "staging", "standard", "standard");
    var environment = Fixtures.environment(namespace, "staging");
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    var queues = TenantNames.of(tenant, environment).queues();
    assertThat(queues.retries()).isEmpty();
    return List.of(queues.main(), queues.deadLetter());
  }

  private static List<String> queues(TenantNames names) {
    List<String> all = new ArrayList<>();
    all.add(names.queues().main());
    all.add(names.queues().deadLetter());
    all.addAll(names.queues().retries());
    return all;
  }

  private static List<String> users(TenantNames names) {
    List<String> all = new ArrayList<>();
    for (String vhost : VHOSTS) {
      for (String slot : TenantNames.BROKER_USER_SLOTS) {
        all.add(names.brokerUser(vhost, slot));
      }
    }
    return all;
  }
}
