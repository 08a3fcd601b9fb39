package io.stevedore.operator.storage;

import io.stevedore.contract.RecordTable;
import io.stevedore.operator.platform.NameConflictException;
import io.stevedore.operator.platform.ResourceOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Tenant record tables in DynamoDB, laid out as {@link RecordTable} says (on demand, TTL on {@link
 * RecordTable#EXPIRES_AT}); every call returns at once, so a table that is still being created is a
 * state to look at again later, never a wait.
 */
public final class RecordTables {
  /**
   * The item that records the Tenant a table was made for (attribute {@link #OWNER_UID}): an item
   * rather than a tag, since it travels with the table's data through backup, restore and export
   * (tags do not), and DynamoDB Local, which cannot read tags, keeps it too. Its keys are ones no
   * event has: event sort keys start with a timestamp.
   */
  public static final String OWNER_DEVICE = RecordTable.OWNER_DEVICE;

  public static final String OWNER_SORT_KEY = "#owner";
  public static final String OWNER_UID = "tenantUid";

  private static final Duration CLOCK_LEEWAY = Duration.ofSeconds(5);

  /** Where a table stands after {@link #ensure}. */
  public enum State {
    /** It is being created (or updated). */
    CREATING,
    /** It is ACTIVE with TTL enabled (or being enabled). */
    ACTIVE,
    /** It is being deleted; it is created again once it is gone. */
    DELETING
  }

  /**
   * What {@link #ensure} found.
   *
   * @param state the table's state now
   * @param created whether it was missing and created by this call
   */
  public record Ensured(State state, boolean created) {}

  /**
   * What a look at a table found.
   *
   * @param state the table's state
   * @param ttlEnabled whether TTL is enabled (or being enabled); only looked at on an ACTIVE table
   */
  public record Observed(State state, boolean ttlEnabled) {}

  private RecordTables() {}

  /** The table as it is, without changing anything; empty when it does not exist. */
  public static java.util.Optional<Observed> observe(DynamoDbClient dynamo, String table) {
    TableStatus status;
    try {
      status = describe(dynamo, table);
    } catch (ResourceNotFoundException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        switch (status) {
          case ACTIVE -> new Observed(State.ACTIVE, ttlEnabled(dynamo, table));
          case DELETING -> new Observed(State.DELETING, false);
          default -> new Observed(State.CREATING, false);
        });
  }

  /**
   * Creates the table (recording its owner) if it is missing and enables TTL once it is ACTIVE; an
   * ACTIVE table that exists is changed only when it is the owner's (one made before owners were
   * recorded is marked now), else {@link io.stevedore.operator.platform.NameConflictException}.
   *
   * @param probablyMissing the tenant never had a table: create first, rather than look first
   */
  public static Ensured ensure(
      DynamoDbClient dynamo,
      String table,
      boolean probablyMissing,
      ResourceOwner owner,
      Instant ownerCreated) {
    if (probablyMissing) {
      var createdAs = create(dynamo, table);
      if (createdAs != null) {
        return new Ensured(settleNew(dynamo, table, createdAs, owner), true);
      }
    }
    TableDescription existing;
    try {
      existing = dynamo.describeTable(r -> r.tableName(table)).table();
    } catch (ResourceNotFoundException e) {
      var createdAs = create(dynamo, table);
      return createdAs == null
          ? new Ensured(State.CREATING, false)
          : new Ensured(settleNew(dynamo, table, createdAs, owner), true);
    }
    if (existing.tableStatus() == TableStatus.ACTIVE) {
      requireOwner(dynamo, table, owner.orMadeBefore(createdSince(existing, ownerCreated)));
    }
    return new Ensured(settle(dynamo, table, existing.tableStatus(), false), false);
  }

  /**
   * Whether the table was made after its would-be owner (a few seconds' leeway for clocks): the
   * owner item can only be written once the table is ACTIVE, so a table the owner created whose
   * answer was lost (a timeout) records none; one older than the owner is never its own.
   */
  private static boolean createdSince(TableDescription table, Instant ownerCreated) {
    return ownerCreated != null
        && table.creationDateTime() != null
        && !table.creationDateTime().isBefore(ownerCreated.minus(CLOCK_LEEWAY));
  }

  /** Settles a table this call created: once ACTIVE, it records its owner. */
  private static State settleNew(
      DynamoDbClient dynamo, String table, TableStatus status, ResourceOwner owner) {
    if (status == TableStatus.ACTIVE) {
      recordOwner(dynamo, table, owner);
    }
    return settle(dynamo, table, status, true);
  }

  /** Fails unless the table is the owner's; marks one made before owners were recorded. */
  private static void requireOwner(DynamoDbClient dynamo, String table, ResourceOwner owner) {
    Optional<String> recorded = recordedOwner(dynamo, table);
    owner.require("DynamoDB table " + table, recorded);
    if (owner.claims(recorded)) {
      recordOwner(dynamo, table, owner);
    }
  }

  /** The owner the table records; a table with other keys is no tenant table at all. */
  private static Optional<String> recordedOwner(DynamoDbClient dynamo, String table) {
    try {
      var item = dynamo.getItem(r -> r.tableName(table).key(ownerKey()).consistentRead(true));
      return Optional.ofNullable(item.item().get(OWNER_UID)).map(AttributeValue::s);
    } catch (DynamoDbException e) {
      if (e.statusCode() == 400 && !(e instanceof ResourceNotFoundException)) {
        throw new NameConflictException(
            "DynamoDB table " + table, "its keys are not a tenant table's: made by someone else");
      }
      throw e;
    }
  }

  private static void recordOwner(DynamoDbClient dynamo, String table, ResourceOwner owner) {
    Map<String, AttributeValue> item = new HashMap<>(ownerKey());
    item.put(OWNER_UID, AttributeValue.fromS(owner.uid()));
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(" + RecordTable.DEVICE_ID + ")"));
    } catch (ConditionalCheckFailedException e) {
      // Recorded already (by a retry, or another replica): whose, the next look tells.
    }
  }

  private static Map<String, AttributeValue> ownerKey() {
    return Map.of(
        RecordTable.DEVICE_ID, AttributeValue.fromS(OWNER_DEVICE),
        RecordTable.TIME_EVENT, AttributeValue.fromS(OWNER_SORT_KEY));
  }

  private static TableStatus describe(DynamoDbClient dynamo, String table) {
    return dynamo.describeTable(r -> r.tableName(table)).table().tableStatus();
  }

  /**
   * @param fresh created by this call: TTL is known to be off, no need to ask
   */
  private static State settle(
      DynamoDbClient dynamo, String table, TableStatus status, boolean fresh) {
    return switch (status) {
      case ACTIVE -> {
        enableTtl(dynamo, table, fresh);
        yield State.ACTIVE;
      }
      case DELETING -> State.DELETING;
      default -> State.CREATING;
    };
  }

  /** Whether the table exists (in any state). */
  public static boolean exists(DynamoDbClient dynamo, String table) {
    try {
      dynamo.describeTable(r -> r.tableName(table));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  /**
   * Deletes the table if it is the owner's; a table that does not exist is already deleted.
   *
   * @return false when the table exists and is not the owner's (it is left as it is)
   */
  public static boolean delete(
      DynamoDbClient dynamo, String table, ResourceOwner owner, Instant ownerCreated) {
    try {
      var existing = dynamo.describeTable(r -> r.tableName(table)).table();
      var made = owner.orMadeBefore(createdSince(existing, ownerCreated));
      boolean owned =
          existing.tableStatus() == TableStatus.ACTIVE
              ? made.owns(recordedOwner(dynamo, table))
              : made.madeBefore();
      if (!owned) {
        return false;
      }
      dynamo.deleteTable(r -> r.tableName(table));
    } catch (NameConflictException e) {
      return false;
    } catch (ResourceNotFoundException e) {
      // Already gone.
    } catch (ResourceInUseException e) {
      // Being created or deleted: the next look finds it again or not at all.
    }
    return true;
  }

  /**
   * Creates the table; its status as created (some stores make it ACTIVE at once), or null when it
   * existed.
   */
  private static TableStatus create(DynamoDbClient dynamo, String table) {
    try {
      return dynamo
          .createTable(
              t ->
                  t.tableName(table)
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .attributeDefinitions(
                          a ->
                              a.attributeName(RecordTable.DEVICE_ID)
                                  .attributeType(ScalarAttributeType.S),
                          a ->
                              a.attributeName(RecordTable.TIME_EVENT)
                                  .attributeType(ScalarAttributeType.S))
                      .keySchema(
                          k -> k.attributeName(RecordTable.DEVICE_ID).keyType(KeyType.HASH),
                          k -> k.attributeName(RecordTable.TIME_EVENT).keyType(KeyType.RANGE)))
          .tableDescription()
          .tableStatus();
    } catch (ResourceInUseException e) {
      // It exists: whose it is, the caller's look tells.
      return null;
    }
  }

  private static boolean ttlEnabled(DynamoDbClient dynamo, String table) {
    var ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
    TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
    return status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
  }

  private static void enableTtl(DynamoDbClient dynamo, String table, boolean fresh) {
    if (!fresh && ttlEnabled(dynamo, table)) {
      return;
    }
    dynamo.updateTimeToLive(
        r ->
            r.tableName(table)
                .timeToLiveSpecification(
                    s -> s.attributeName(RecordTable.EXPIRES_AT).enabled(true)));
  }
}
