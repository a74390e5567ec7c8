package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.aws.ledger.LedgerItem;
import io.lmi.controlplane.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The capacity schedules' part of the ledger table (template.yaml's LedgerTable, the same item shape as
 * {@link io.lmi.controlplane.aws.ledger.Ledger}'s documents, so {@code Ledger.document("SCHEDULE", key)} and
 * {@code Ledger.documents("SCHEDULE_CHANGE", function)} read them too):
 * <pre>
 *   SCHEDULE#&lt;key&gt;          / RECORD          the stored schedule (versioned: concurrent writers cannot lose updates)
 *   SCHEDULE#&lt;key&gt;          / CHANGE#&lt;at&gt;#..  each change of a scaling config, who/when/from/to (expires)
 *   SCHEDULE#&lt;key&gt;          / DRIFT#&lt;at&gt;#..   each drift found (expires)
 *   SCHEDULE_REQUEST#&lt;id&gt;   / RECORD          the outcome of one request (expires)
 *   SCHEDULE_LOCK#&lt;key&gt;     / LOCK            held while a request or a version move changes the schedule
 * </pre>
 * Stored schedules also carry {@code gsi2pk = SCHEDULE} in the sparse "active" index, so listing every schedule is one
 * query (the operations' "what is running now" uses the partition {@code ACTIVE} there; the two never mix). Changes,
 * drifts and requests carry {@code gsi1pk = FUNCTION#<name>}: a function's history is one query of "by-function".
 */
public final class ScheduleLedger {
    static final String SCHEDULE = "SCHEDULE";
    static final String CHANGE = "SCHEDULE_CHANGE";
    static final String DRIFT = "SCHEDULE_DRIFT";
    static final String REQUEST = "SCHEDULE_REQUEST";
    static final String LOCK = "SCHEDULE_LOCK";
    private static final String RECORD_SK = "RECORD";
    private static final String LOCK_SK = "LOCK";
    private static final String BY_FUNCTION = "by-function";
    private static final String LISTED = "active";

    /**
     * How long change, drift and request records are kept (DynamoDB TTL): 400 days, so a year-on-year look at a
     * function's capacity (last year's holiday season) still finds them, and the history stays bounded.
     */
    public static final Duration HISTORY_RETENTION = Duration.ofDays(400);
    /**
     * How long a schedule's lock lasts if its holder dies without releasing it: 5 minutes, more than twice the
     * control plane's function timeout (120 s), so a live holder never loses it and a dead one blocks only briefly.
     */
    public static final Duration LOCK_LEASE = Duration.ofMinutes(5);

    /** A stored schedule and the item version it was read at (for a conditional write back). */
    public record Versioned(StoredSchedule schedule, long version) {
    }

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<LedgerItem> table;
    private final Clock clock;

    public ScheduleLedger(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build()
                .table(tableName, TableSchema.fromBean(LedgerItem.class));
        this.clock = clock;
    }

    public String tableName() {
        return table.tableName();
    }

    // ---- stored schedules ----------------------------------------------------------------------------------------

    public Optional<Versioned> find(String key) {
        LedgerItem item = table.getItem(key(SCHEDULE + "#" + key, RECORD_SK));
        return Optional.ofNullable(item).map(i -> new Versioned(
                Json.read(i.getDocument(), StoredSchedule.class, "stored schedule " + key), i.getVersion()));
    }

    /**
     * Writes the schedule if the item is still at {@code expectedVersion} (null: it must not exist yet).
     *
     * @throws ScheduleConflictException when someone wrote it in between
     */
    public void save(StoredSchedule schedule, Long expectedVersion) {
        LedgerItem item = new LedgerItem();
        item.setPk(SCHEDULE + "#" + schedule.key());
        item.setSk(RECORD_SK);
        item.setItemType(SCHEDULE);
        item.setFunctionName(schedule.functionName());
        item.setStatus("ACTIVE");
        item.setOperationId(schedule.key());
        item.setUpdatedAt(schedule.updatedAt().toString());
        if (schedule.functionName() != null) {
            item.setGsi1pk("FUNCTION#" + schedule.functionName());
            item.setGsi1sk(SCHEDULE + "#" + schedule.appliedAt() + "#" + schedule.key());
        }
        item.setGsi2pk(SCHEDULE);
        item.setGsi2sk(schedule.key());
        item.setDocument(Json.write(schedule));
        item.setVersion(expectedVersion);
        try {
            // The enhanced client's version extension makes this conditional on the version read (or on absence).
            table.putItem(item);
        } catch (ConditionalCheckFailedException e) {
            throw new ScheduleConflictException("the capacity schedule " + schedule.key()
                    + " was changed by someone else meanwhile", e);
        }
    }

    public void delete(String key, long expectedVersion) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder().key(key(SCHEDULE + "#" + key, RECORD_SK))
                    .conditionExpression(Expression.builder().expression("version = :v")
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new ScheduleConflictException("the capacity schedule " + key + " was changed by someone else meanwhile", e);
        }
    }

    /** Every stored schedule, by key. */
    public List<StoredSchedule> all() {
        List<StoredSchedule> schedules = new ArrayList<>();
        table.index(LISTED).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(SCHEDULE).build()))
                        .build())
                .forEach(page -> page.items().forEach(item -> schedules.add(
                        Json.read(item.getDocument(), StoredSchedule.class, "stored schedule " + item.getOperationId()))));
        return schedules;
    }

    // ---- history -------------------------------------------------------------------------------------------------

    public void recordChange(ScheduleChange change) {
        history(CHANGE, "CHANGE", change.schedule(), change.function(), change.at(), change.outcome().name(),
                Json.write(change));
    }

    public void recordDrift(DriftReport drift) {
        history(DRIFT, "DRIFT", drift.schedule(), drift.function(), drift.at(), "DRIFT", Json.write(drift));
    }

    /** The changes a schedule made, oldest first. */
    public List<ScheduleChange> changes(String key) {
        return historyOf(key, "CHANGE", ScheduleChange.class);
    }

    public List<DriftReport> drifts(String key) {
        return historyOf(key, "DRIFT", DriftReport.class);
    }

    private void history(String type, String sortPrefix, String scheduleKey, String function, Instant at, String status,
                         String document) {
        String suffix = at + "#" + UUID.randomUUID().toString().substring(0, 8);
        LedgerItem item = new LedgerItem();
        item.setPk(SCHEDULE + "#" + scheduleKey);
        // Time first, so a query returns them in order; the random part keeps equal instants apart.
        item.setSk(sortPrefix + "#" + suffix);
        item.setItemType(type);
        item.setFunctionName(function);
        item.setStatus(status);
        item.setOperationId(scheduleKey);
        item.setUpdatedAt(at.toString());
        item.setGsi1pk("FUNCTION#" + function);
        item.setGsi1sk(type + "#" + suffix);
        item.setExpiresAt(at.plus(HISTORY_RETENTION).getEpochSecond());
        item.setDocument(document);
        table.putItem(item);
    }

    private <T> List<T> historyOf(String key, String sortPrefix, Class<T> type) {
        List<T> entries = new ArrayList<>();
        table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(SCHEDULE + "#" + key).sortValue(sortPrefix + "#").build()))
                        .build())
                .items().forEach(item -> entries.add(Json.read(item.getDocument(), type, sortPrefix.toLowerCase())));
        return entries;
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    public Optional<ScheduleRequestRecord> request(String requestId) {
        return Optional.ofNullable(table.getItem(key(REQUEST + "#" + requestId, RECORD_SK)))
                .map(item -> Json.read(item.getDocument(), ScheduleRequestRecord.class, "schedule request " + requestId));
    }

    /** Writes (or rewrites, after a failed attempt) the outcome of a request. */
    public void recordRequest(ScheduleRequestRecord record) {
        Key key = key(REQUEST + "#" + record.requestId(), RECORD_SK);
        LedgerItem existing = table.getItem(key);
        LedgerItem item = new LedgerItem();
        item.setPk(REQUEST + "#" + record.requestId());
        item.setSk(RECORD_SK);
        item.setItemType(REQUEST);
        item.setFunctionName(record.function());
        item.setStatus(record.status().name());
        item.setOperationId(record.requestId());
        Instant at = record.finishedAt() == null ? clock.instant() : record.finishedAt();
        item.setUpdatedAt(at.toString());
        if (record.function() != null) {
            item.setGsi1pk("FUNCTION#" + record.function());
            // A rewritten outcome keeps its place in the function's history.
            item.setGsi1sk(existing != null && existing.getGsi1sk() != null ? existing.getGsi1sk()
                    : REQUEST + "#" + at + "#" + record.requestId());
        }
        item.setExpiresAt(at.plus(HISTORY_RETENTION).getEpochSecond());
        item.setDocument(Json.write(record));
        item.setVersion(existing == null ? null : existing.getVersion());
        table.putItem(item);
    }

    // ---- lock ----------------------------------------------------------------------------------------------------

    /**
     * Takes the schedule's lock for {@code holder} unless someone else holds an unexpired one. Taking a lock one
     * already holds succeeds (a retried request).
     */
    public boolean lock(String key, String holder) {
        Instant now = clock.instant();
        try {
            dynamo.putItem(r -> r.tableName(table.tableName())
                    .item(Map.of("pk", AttributeValue.fromS(LOCK + "#" + key), "sk", AttributeValue.fromS(LOCK_SK),
                            "itemType", AttributeValue.fromS(LOCK), "operationId", AttributeValue.fromS(holder),
                            "updatedAt", AttributeValue.fromS(now.toString()),
                            "expiresAt", AttributeValue.fromN(Long.toString(now.plus(LOCK_LEASE).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now OR operationId = :holder")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                            ":holder", AttributeValue.fromS(holder))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Who holds the schedule's unexpired lock, if anyone. */
    public Optional<String> lockHolder(String key) {
        var item = dynamo.getItem(r -> r.tableName(table.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(LOCK + "#" + key), "sk", AttributeValue.fromS(LOCK_SK)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        return expiresAt < clock.instant().getEpochSecond() ? Optional.empty()
                : Optional.of(item.get("operationId").s());
    }

    /** Releases the lock if {@code holder} holds it; a no-op otherwise. */
    public void unlock(String key, String holder) {
        try {
            dynamo.deleteItem(r -> r.tableName(table.tableName())
                    .key(Map.of("pk", AttributeValue.fromS(LOCK + "#" + key), "sk", AttributeValue.fromS(LOCK_SK)))
                    .conditionExpression("operationId = :holder")
                    .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))));
        } catch (ConditionalCheckFailedException e) {
            // Not ours any more (it expired and someone else took it): nothing to release.
        }
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
