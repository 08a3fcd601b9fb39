package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.sandbox.aws.LocalSqs;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * On SQS (ElasticMQ): queue and DLQ with the redrive policy the runtime expects, then offboarding.
 */
class SqsTenantProvisioningIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private static LocalSqs elasticMq;
  private static SqsClient sqs;

  private final TenantTesting tenants = new TenantTesting(harness);

  @BeforeAll
  static void startElasticMq() {
    elasticMq = LocalSqs.start();
    sqs = elasticMq.client();
  }

  @AfterAll
  static void stopElasticMq() {
    elasticMq.close();
  }

  @Test
  void tenantGetsItsQueueWithARedrivePolicyIntoItsDeadLetterQueueAndNoBrokerUser() {
    String ns = sqsNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");

    SqsQueueNames queues = SqsQueueNames.of(ns, "acme");
    String deadLetterArn =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(url(queues.deadLetter()))
                        .attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String redrive =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(url(queues.main()))
                        .attributeNames(QueueAttributeName.REDRIVE_POLICY))
            .attributes()
            .get(QueueAttributeName.REDRIVE_POLICY);
    assertThat(redrive)
        .contains(deadLetterArn)
        .contains(String.valueOf(TenantQueues.SQS_MAX_RECEIVE_COUNT));
    assertThat(tenants.condition(ns, "acme", "BrokerUserReady").getReason())
        .isEqualTo("NotConfigured");
    assertThat(tenants.credentials(ns, "acme").brokerUsername()).isNull();
    assertThat(secretValue(ns, "acme", "queue")).isEqualTo(queues.main());
    assertThat(secretValue(ns, "acme", "deadLetterQueue")).isEqualTo(queues.deadLetter());
  }

  @Test
  void tenantsWhoseLegacySqsNamesCollideAreBothReadyWithTheirOwnQueues() {
    // Tenant b-c in <ns> and tenant c in <ns>-b were both tenant-<ns>-b-c before.
    String ns = sqsNamespace();
    String nsB = ns + "-b";
    harness.create(new NamespaceBuilder().withNewMetadata().withName(nsB).endMetadata().build());
    sqsEnvironment(nsB);
    harness.create(Fixtures.tenant(ns, "b-c", "staging", "standard", "standard"));
    harness.create(Fixtures.tenant(nsB, "c", "staging", "standard", "standard"));

    harness.awaitReady(Tenant.class, ns, "b-c", true, "Provisioned");
    harness.awaitReady(Tenant.class, nsB, "c", true, "Provisioned");

    var first = SqsQueueNames.of(ns, "b-c");
    var second = SqsQueueNames.of(nsB, "c");
    assertThat(first.main()).isEqualTo("tenant_" + ns + "_b-c");
    assertThat(second.main()).isEqualTo("tenant_" + nsB + "_c");
    for (var queue : java.util.List.of(first.main(), first.deadLetter())) {
      assertThat(ownerTag(queue)).isEqualTo(tenants.get(ns, "b-c").getMetadata().getUid());
    }
    for (var queue : java.util.List.of(second.main(), second.deadLetter())) {
      assertThat(ownerTag(queue)).isEqualTo(tenants.get(nsB, "c").getMetadata().getUid());
    }
    assertThat(tenants.get(ns, "b-c").getStatus().getSqsQueue()).isEqualTo(first.main());
    assertThat(tenants.get(nsB, "c").getStatus().getSqsDeadLetterQueue())
        .isEqualTo(second.deadLetter());
    assertThat(exists(SqsQueueNames.legacy(ns, "b-c").orElseThrow().main())).isFalse();
  }

  @Test
  void aTenantProvisionedBeforeTheNewNamesKeepsItsLegacyQueues() {
    String ns = sqsNamespace();
    var legacy = SqsQueueNames.legacy(ns, "old").orElseThrow();
    String held = sqs.createQueue(r -> r.queueName(legacy.main())).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(held).messageBody("kept"));
    var tenant = Fixtures.tenant(ns, "old", "staging", "standard", "standard");
    tenant.getMetadata().setAnnotations(Map.of(ReconciliationPause.ANNOTATION, "true"));
    harness.create(tenant);
    eventually()
        .until(
            () -> {
              var paused = tenants.get(ns, "old");
              paused.getStatus().setQueuesProvisioned(true);
              harness.client().resource(paused).updateStatus();
              return true;
            });
    tenants.edit(
        ns,
        "old",
        t -> {
          t.getMetadata().getAnnotations().remove(ReconciliationPause.ANNOTATION);
          return t;
        });

    harness.awaitReady(Tenant.class, ns, "old", true, "Provisioned");

    var status = tenants.get(ns, "old").getStatus();
    assertThat(status.getSqsQueue()).isEqualTo(legacy.main()).isEqualTo("tenant-" + ns + "-old");
    assertThat(status.getSqsDeadLetterQueue()).isEqualTo(legacy.deadLetter());
    assertThat(url(legacy.main())).isEqualTo(held);
    assertThat(exists(legacy.deadLetter())).isTrue();
    assertThat(exists(SqsQueueNames.of(ns, "old").main())).isFalse();
    assertThat(secretValue(ns, "old", "queue")).isEqualTo(legacy.main());
  }

  @Test
  void deletedTenantIsRemovedOnlyOnceItsQueueDrained() {
    String ns = sqsNamespace();
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    SqsQueueNames queues = SqsQueueNames.of(ns, "acme");
    sqs.sendMessage(r -> r.queueUrl(url(queues.main())).messageBody("pending"));

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "Draining").getMessage())
                    .contains("1 ready"));
    var message = sqs.receiveMessage(r -> r.queueUrl(url(queues.main()))).messages().get(0);
    sqs.deleteMessage(r -> r.queueUrl(url(queues.main())).receiptHandle(message.receiptHandle()));

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(exists(queues.main())).isFalse();
    assertThat(exists(queues.deadLetter())).isFalse();
  }

  @Test
  void aQueueMadeByHandIsReportedAndKeptWithItsMessageThroughDeletion() {
    String ns = sqsNamespace();
    SqsQueueNames queues = SqsQueueNames.of(ns, "acme");
    String theirs = sqs.createQueue(r -> r.queueName(queues.deadLetter())).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(theirs).messageBody("theirs"));
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);

    eventually()
        .untilAsserted(
            () -> {
              var condition = tenants.condition(ns, "acme", "QueuesReady");
              assertThat(condition.getReason()).isEqualTo("NameConflict");
              assertThat(condition.getMessage()).contains("SQS queue " + queues.deadLetter());
            });
    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(url(queues.deadLetter())).isEqualTo(theirs);
    assertThat(sqs.listQueueTags(r -> r.queueUrl(theirs)).tags()).isEmpty();
    assertThat(
            sqs.getQueueAttributes(
                    r ->
                        r.queueUrl(theirs)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
  }

  private static String sqsNamespace() {
    String ns = harness.newNamespace();
    sqsEnvironment(ns);
    return ns;
  }

  /** Secrets, an SQS Environment `staging` and WorkerPool `standard` in {@code ns}. */
  private static void sqsEnvironment(String ns) {
    harness.services().secrets(ns, "staging").forEach(harness::create);
    var environment = harness.services().environment(ns, "staging");
    var sqsSpec = new SqsSpec();
    sqsSpec.setRegion("eu-west-1");
    sqsSpec.setEndpoint(elasticMq.endpoint());
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    environment.getSpec().getBroker().setRabbitmq(null);
    environment.getSpec().getBroker().setSqs(sqsSpec);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
  }

  private static String ownerTag(String queue) {
    return sqs.listQueueTags(r -> r.queueUrl(url(queue)))
        .tags()
        .get(io.stevedore.operator.broker.SqsTenantQueues.OWNER_TAG);
  }

  private static String secretValue(String ns, String tenant, String key) {
    var secret =
        harness
            .client()
            .secrets()
            .inNamespace(ns)
            .withName(io.stevedore.operator.platform.PlatformNames.tenantSecret(tenant))
            .get();
    return new String(
        java.util.Base64.getDecoder().decode(secret.getData().get(key)),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String url(String queue) {
    return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  private static boolean exists(String queue) {
    try {
      url(queue);
      return true;
    } catch (QueueDoesNotExistException e) {
      return false;
    }
  }
}
