package io.stevedore.sandbox.chaos;

import java.time.Duration;

/**
 * How big each chaos scenario is: the sizes for `./stevedore bench chaos` ({@link
 * #benchmark}, each overridable by a `chaos.*` system property), small ones for the test suite
 * ({@link #shortVersion}).
 *
 * @param workerKills SIGKILLs of worker processes during the first stream
 * @param killStreamEvents events of that stream
 * @param outageStreamEvents events of the stream each outage scenario runs
 * @param eventsPerSecond the client's rate (it holds a backlog for the workers to lose)
 * @param rabbitOutage how long RabbitMQ is stopped
 * @param dynamoOutage how long DynamoDB is unavailable
 * @param mariadbOutage how long MariaDB is stopped
 * @param tenantsCreated Tenants created while the operator is killed
 * @param tenantsDeleted of those, Tenants deleted
 * @param operatorKills SIGKILLs of the operator process meanwhile
 * @param generatedSpecs generated Tenant, WorkerPool, Environment and Promotion specs applied
 * @param settle how long the stored count may stand still before a scenario counts what is missing
 */
record ChaosSettings(
    int workerKills,
    int killStreamEvents,
    int outageStreamEvents,
    int eventsPerSecond,
    Duration rabbitOutage,
    Duration dynamoOutage,
    Duration mariadbOutage,
    int tenantsCreated,
    int tenantsDeleted,
    int operatorKills,
    int generatedSpecs,
    Duration settle) {

  /** The scenario sizes, each overridable (e.g. `-Dchaos.workerKills=5`). */
  static ChaosSettings benchmark() {
    return new ChaosSettings(
        Integer.getInteger("chaos.workerKills", 20),
        Integer.getInteger("chaos.killStreamEvents", 100_000),
        Integer.getInteger("chaos.outageStreamEvents", 40_000),
        Integer.getInteger("chaos.eventsPerSecond", 400),
        seconds("chaos.rabbitOutage", 60),
        seconds("chaos.dynamoOutage", 120),
        seconds("chaos.mariadbOutage", 60),
        Integer.getInteger("chaos.tenantsCreated", 200),
        Integer.getInteger("chaos.tenantsDeleted", 50),
        Integer.getInteger("chaos.operatorKills", 50),
        Integer.getInteger("chaos.generatedSpecs", 1000),
        seconds("chaos.settle", 120));
  }

  /** Small enough for the test suite, big enough that every fault hits work in flight. */
  static ChaosSettings shortVersion() {
    return new ChaosSettings(
        2,
        3_000,
        2_000,
        400,
        Duration.ofSeconds(4),
        Duration.ofSeconds(4),
        Duration.ofSeconds(4),
        12,
        4,
        4,
        60,
        Duration.ofSeconds(45));
  }

  private static Duration seconds(String property, long fallback) {
    return Duration.ofSeconds(Long.getLong(property, fallback));
  }
}
