package io.stevedore.operator.simulated;

import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.broker.QueueSurvey;
import io.stevedore.operator.broker.TenantQueueBroker;
import io.stevedore.operator.platform.ResourceOwner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory broker's queues: a declaration creates what is missing and changes nothing that
 * exists, each queue records the Tenant it was made for (as RabbitMQ's owner argument does), and a
 * queue of another owner is a name conflict. Queues hold no messages.
 */
public final class SimulatedQueues {
  /** The owner UID each queue records, by name. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /** The queues of one tenant, declared with {@code settings} for {@code owner}. */
  public TenantQueueBroker forTenant(RabbitQueueSettings settings, ResourceOwner owner) {
    return new TenantQueueBroker() {
      @Override
      public QueueSurvey survey(TenantQueues queues) {
        return new QueueSurvey(missing(settings, queues), describe(settings));
      }

      @Override
      public QueueSurvey ensureQueues(TenantQueues queues) {
        List<String> missing = missing(settings, queues);
        // Only the queues that exist record an owner to check.
        requireOwned(
            names(settings, queues).stream().filter(q -> !missing.contains(q)).toList(), owner);
        missing.forEach(q -> owners.putIfAbsent(q, owner.uid()));
        return new QueueSurvey(missing, describe(settings));
      }

      @Override
      public QueueSurvey declareQueues(TenantQueues queues) {
        List<String> all = names(settings, queues);
        all.forEach(q -> owners.putIfAbsent(q, owner.uid()));
        requireOwned(all, owner);
        return new QueueSurvey(all, describe(settings));
      }

      @Override
      public QueueBacklog backlog(TenantQueues queues) {
        return new QueueBacklog(0, 0, 0, 0, 0);
      }

      @Override
      public void deleteQueues(TenantQueues queues, boolean evenIfNotEmpty) {
        for (String queue : names(settings, queues)) {
          owners.computeIfPresent(
              queue, (q, recorded) -> owner.uid().equals(recorded) ? null : recorded);
        }
      }
    };
  }

  /** How many queues exist. */
  public int count() {
    return owners.size();
  }

  /** Deletes a queue out of band (as a person with the broker's admin rights would). */
  public void deleteOutOfBand(String queue) {
    owners.remove(queue);
  }

  /** Makes a queue for someone else (another Tenant's UID, or a person's). */
  public void declareForeign(String queue, String ownerUid) {
    owners.put(queue, ownerUid);
  }

  private List<String> missing(RabbitQueueSettings settings, TenantQueues queues) {
    return names(settings, queues).stream().filter(q -> !owners.containsKey(q)).toList();
  }

  private void requireOwned(List<String> existing, ResourceOwner owner) {
    for (String queue : existing) {
      owner.require("RabbitMQ queue " + queue, Optional.ofNullable(owners.get(queue)));
    }
  }

  private static List<String> names(RabbitQueueSettings settings, TenantQueues queues) {
    return settings.declarations(queues).stream()
        .map(RabbitQueueSettings.Declaration::queue)
        .toList();
  }

  private static String describe(RabbitQueueSettings settings) {
    return settings.type() == RabbitQueueSettings.QueueType.QUORUM
        ? "quorum queues (delivery limit " + settings.deliveryLimit() + ")"
        : "classic queues";
  }
}
