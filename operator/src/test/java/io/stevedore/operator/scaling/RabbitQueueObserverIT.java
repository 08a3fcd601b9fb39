package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.broker.LocalRabbit;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ source against the machine's broker: exact ready counts by passive declare, in
 * flight and consumers of several queues from one management listing of the vhost.
 */
class RabbitQueueObserverIT {
  private static EmbeddedKubernetes kubernetes;
  private final String ns = "observe-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void api() {
    kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @Test
  void readyIsExactAndInFlightComesFromTheManagementListingOfEveryQueue() throws Exception {
    var acme = TenantQueues.of(ns, "acme");
    var globex = TenantQueues.of(ns, "globex");
    LocalRabbit.declareTenantQueues(acme);
    LocalRabbit.declareTenantQueues(globex);
    var factory = new ConnectionFactory();
    factory.setUri(LocalRabbit.AMQP);
    try (var platform = platform();
        Connection connection = factory.newConnection("RabbitQueueObserverIT")) {
      Channel channel = connection.createChannel();
      publish(channel, acme.main(), 5);
      publish(channel, globex.main(), 4);
      // A consumer that takes 3 of globex's messages and acknowledges none of them.
      channel.basicQos(3);
      channel.basicConsume(globex.main(), false, new DefaultConsumer(channel));
      var observer = new RabbitQueueObserver(platform, Clock.systemUTC());
      var environment = environment();
      var queues = List.of(acme.main(), globex.main());

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                QueueDepth depth = observer.observe(environment, queues);
                assertThat(depth.ready()).isEqualTo(5 + 1);
                assertThat(depth.consumers()).hasValue(1);
                assertThat(depth.unacked()).hasValue(3);
              });
    } finally {
      LocalRabbit.deleteTenantQueues(acme);
      LocalRabbit.deleteTenantQueues(globex);
    }
  }

  @Test
  void aMissingQueueIsQueueMissingNeverAnEmptyQueue() throws Exception {
    try (var platform = platform()) {
      var observer = new RabbitQueueObserver(platform, Clock.systemUTC());

      assertThatThrownBy(
              () -> observer.observe(environment(), List.of(TenantQueues.of(ns, "gone").main())))
          .isInstanceOfSatisfying(
              QueueObserver.ObservationException.class,
              e -> assertThat(e.failure().kind()).isEqualTo(ObservationFailure.Kind.QueueMissing));
    }
  }

  private PlatformClients platform() {
    return new PlatformClients(
        kubernetes.client(), "RabbitQueueObserverIT", PodAddresses.CLUSTER, Clock.systemUTC());
  }

  private Environment environment() {
    if (kubernetes.client().namespaces().withName(ns).get() == null) {
      kubernetes.createNamespace(ns);
    }
    var environment = Fixtures.environment(ns, "staging");
    var secret = Fixtures.onLocalRabbit(environment);
    if (kubernetes.client().resource(secret).get() == null) {
      kubernetes.client().resource(secret).create();
    }
    return environment;
  }

  private static void publish(Channel channel, String queue, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
    }
  }
}
