package io.stevedore.runtime.testing;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What a worker runs against, on this machine: DynamoDB Local, a throwaway MariaDB database, the
 * machine's RabbitMQ and a tenant directory file. Tenants get their queues and table as the
 * operator provisions them; workers are started in-process as the operator would start the pod.
 */
public final class WorkerTestPlatform implements AutoCloseable {
  public final LocalDynamoDb dynamo;
  public final TestDatabase database;
  public final TestTenants tenants;
  public final RabbitTestBroker broker;
  private final JdbcTemplate jdbc;
  private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
  private final List<TenantQueues> provisioned = new ArrayList<>();

  private WorkerTestPlatform() throws IOException {
    this.dynamo = LocalDynamoDb.start();
    this.database = TestDatabase.create();
    this.tenants = new TestTenants(Files.createTempDirectory("tenants"));
    this.broker = RabbitTestBroker.connect();
    this.jdbc =
        new JdbcTemplate(
            new DriverManagerDataSource(
                database.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD));
  }

  public static WorkerTestPlatform start() {
    try {
      return new WorkerTestPlatform();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tenant in the directory, with its queues declared and its record table created. */
  public TestTenant addTenant(String name) {
    TestTenant tenant = addTenantWithoutTable(name);
    RecordTables.create(dynamo.client(), tenant.entry().table());
    return tenant;
  }

  /**
   * Declares the queues and creates the table of a tenant that is not in the directory yet, so that
   * a running worker starts consuming only once {@code tenants.add(name, …)} lists it.
   */
  public TenantDirectory.Entry provision(String name) {
    TenantQueues queues = TenantQueues.of(tenants.namespace(), name);
    String table = RecordTable.name(TestTenants.TABLE_PREFIX, tenants.namespace(), name);
    broker.declare(queues);
    provisioned.add(queues);
    RecordTables.create(dynamo.client(), table);
    return new TenantDirectory.Entry(
        name, tenants.namespace(), queues.main(), table, 0, 30, List.of(), false);
  }

  /** A tenant in the directory with the given worker weight, its queues and table provisioned. */
  public TestTenant addTenant(String name, int workerWeight) {
    TestTenant tenant = tenants.add(name, 1000, workerWeight);
    broker.declare(tenant.queues());
    RecordTables.create(dynamo.client(), tenant.entry().table());
    return tenant;
  }

  /** A tenant whose table the operator has not created (or that was deleted). */
  public TestTenant addTenantWithoutTable(String name) {
    TestTenant tenant = tenants.add(name, 1000);
    broker.declare(tenant.queues());
    return tenant;
  }

  /** Starts the runtime in role worker; {@code overrides} are extra environment variables. */
  public ConfigurableApplicationContext startWorker(Map<String, String> overrides) {
    Map<String, String> environment = new HashMap<>(Map.of("STEVEDORE_WORKER_DRAIN_SECONDS", "30"));
    environment.putAll(overrides);
    return start("worker", environment);
  }

  /** Starts the runtime in role ingest on the same stores and tenant directory. */
  public ConfigurableApplicationContext startIngest(Map<String, String> overrides) {
    return start("ingest", overrides);
  }

  private ConfigurableApplicationContext start(String role, Map<String, String> overrides) {
    Map<String, String> environment =
        new HashMap<>(RunningRuntime.platform(database, tenants.file()));
    environment.put("STEVEDORE_ROLE", role);
    environment.put("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", dynamo.endpoint());
    environment.put("STEVEDORE_TENANTS_RELOAD_INTERVAL", "PT0.1S");
    environment.putAll(overrides);
    var context = RunningRuntime.run(environment);
    workers.add(context);
    return context;
  }

  /** The worker database (tables exist once a worker has started: Flyway creates them). */
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  public void addRule(TestTenant tenant, int position, String ruleJson) {
    jdbc.update(
        "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE rule = VALUES(rule)",
        tenant.entry().namespace(),
        tenant.name(),
        position,
        ruleJson);
  }

  public List<Map<String, Object>> processingLog(TestTenant tenant) {
    return jdbc.queryForList(
        "SELECT * FROM processing_log WHERE namespace = ? AND tenant = ? ORDER BY id",
        tenant.entry().namespace(),
        tenant.name());
  }

  /** Event records in the tenant's table (a full count, through every page). */
  public int itemCount(TestTenant tenant) {
    return dynamo.client().scanPaginator(records(tenant).select(Select.COUNT).build()).stream()
        .mapToInt(page -> page.count())
        .sum();
  }

  /** The tenant's event records, without the platform's own items (reserved device ids). */
  public List<Map<String, AttributeValue>> items(TestTenant tenant) {
    return dynamo.client().scanPaginator(records(tenant).build()).items().stream().toList();
  }

  private static ScanRequest.Builder records(TestTenant tenant) {
    return ScanRequest.builder()
        .tableName(tenant.entry().table())
        .filterExpression("NOT begins_with(#d, :reserved)")
        .expressionAttributeNames(Map.of("#d", RecordTable.DEVICE_ID))
        .expressionAttributeValues(
            Map.of(":reserved", AttributeValue.fromS(RecordTable.RESERVED_DEVICE_PREFIX)));
  }

  @Override
  public void close() {
    workers.forEach(ConfigurableApplicationContext::close);
    tenants.all().forEach(tenant -> broker.delete(tenant.queues()));
    provisioned.forEach(broker::delete);
    broker.close();
    database.close();
    dynamo.close();
  }
}
