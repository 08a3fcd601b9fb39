package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.sandbox.aws.LocalSqs;
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

    TenantQueues queues = TenantQueues.of(ns, "acme");
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
  }

  @Test
  void deletedTenantIsRemovedOnlyOnceItsQueueDrained() {
    String ns = sqsNamespace();
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "acme");
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
    TenantQueues queues = TenantQueues.of(ns, "acme");
    String theirs =
        sqs.createQueue(r -> r.queueName(TenantQueues.sqsName(queues.deadLetter()))).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(theirs).messageBody("theirs"));
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);

    eventually()
        .untilAsserted(
            () -> {
              var condition = tenants.condition(ns, "acme", "QueuesReady");
              assertThat(condition.getReason()).isEqualTo("NameConflict");
              assertThat(condition.getMessage())
                  .contains("SQS queue " + TenantQueues.sqsName(queues.deadLetter()));
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
    return ns;
  }

  private static String url(String queue) {
    return sqs.getQueueUrl(r -> r.queueName(TenantQueues.sqsName(queue))).queueUrl();
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
