package io.lmi.controlplane.aws.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.StepEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The DynamoDB ledger: every operation's record, its timeline, the per-function lock, request de-duplication, and
 * assessments. Writes that must happen together (request seen + lock taken + record created) happen in one
 * transaction, so a crash or a redelivered event can never leave a lock without a record or start a second
 * operation for the same request.
 */
public final class Ledger {

    static final String LOCK_SK = "LOCK";
    static final String RECORD_SK = "RECORD";
    /** Links a migrated function and its LMI copy, both ways (key and index sort key prefix). */
    static final String LINK_PREFIX = "LINK#";
    /** Request ids are kept long enough to catch any redelivery (EventBridge retries for up to 24 hours). */
    static final Duration REQUEST_MEMORY = Duration.ofDays(30);
    private static final int CONFLICT_RETRIES = 5;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<LedgerItem> table;
    private final Clock clock;

    public Ledger(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.table = enhanced.table(tableName, TableSchema.fromBean(LedgerItem.class));
        this.clock = clock;
    }

    public String tableName() {
        return table.tableName();
    }

    // ---- starting ------------------------------------------------------------------------------------------------

    /**
     * Takes the lock of every name the operation holds (its function, and for a migration its LMI copy) and records
     * the operation, unless this request was seen before (join it) or another operation holds one of the names
     * (busy). Exactly one of concurrent starts for a function wins; all locks are taken or none.
     */
    public StartResult start(Operation operation) {
        return start(operation, null);
    }

    /**
     * {@link #start(Operation)}, and when {@code copyName} is given (a migration's LMI copy), links the function and
     * its copy once the start succeeded, so that {@link #combinedHistory} finds the one from the other.
     */
    public StartResult start(Operation operation, String copyName) {
        List<String> names = operation.lockedNames();
        var transaction = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(table, putIfAbsent(requestItem(operation.requestId(), operation.id())))
                .addPutItem(table, putIfAbsent(lockItem(names.get(0), operation)))
                .addPutItem(table, putIfAbsent(recordItem(operation)));
        names.subList(1, names.size()).forEach(name -> transaction.addPutItem(table, putIfAbsent(lockItem(name, operation))));
        try {
            enhanced.transactWriteItems(transaction.build());
            operation.version(1L);
            if (copyName != null && !copyName.equals(operation.functionName())) {
                link(operation.functionName(), copyName);
                link(copyName, operation.functionName());
            }
            return new StartResult.Started(operation);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return new StartResult.Joined(requestOwner(operation.requestId()));
            }
            for (int i = 0; i < names.size(); i++) {
                // Item 1 is the first lock, item 2 the record, items 3 on the other locks.
                if (failed(reasons, i == 0 ? 1 : i + 2)) {
                    return new StartResult.Busy(lock(names.get(i)).orElse("(released meanwhile)"));
                }
            }
            throw e;
        }
    }

    private LedgerItem lockItem(String functionName, Operation operation) {
        LedgerItem lock = new LedgerItem();
        lock.setPk(lockKey(functionName));
        lock.setSk(LOCK_SK);
        lock.setItemType("LOCK");
        lock.setFunctionName(functionName);
        lock.setOperationId(operation.id());
        lock.setStatus(operation.kind().name());
        lock.setUpdatedAt(clock.instant().toString());
        return lock;
    }

    /**
     * Records a request that was refused before anything started. A redelivery of the same request finds the first
     * refusal and returns it, so a refusal is recorded once.
     */
    public Operation recordRefusal(Operation refused) {
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, putIfAbsent(requestItem(refused.requestId(), refused.id())))
                    .addPutItem(table, putIfAbsent(recordItem(refused)))
                    .build());
            refused.version(1L);
            return refused;
        } catch (TransactionCanceledException e) {
            if (failed(e.cancellationReasons(), 0)) {
                return load(requestOwner(refused.requestId()));
            }
            throw e;
        }
    }

    /** Which operation a request id started, if any. */
    public Optional<String> operationForRequest(String requestId) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(requestKey(requestId)).sortValue(RECORD_SK).build()))
                .map(LedgerItem::getOperationId);
    }

    /** The operation that holds {@code functionName}, if one does. */
    public Optional<String> lock(String functionName) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(lockKey(functionName)).sortValue(LOCK_SK).build()))
                .map(LedgerItem::getOperationId);
    }

    /** Releases every name {@code operation} holds (see {@link Operation#lockedNames()}). */
    public void releaseLocks(Operation operation) {
        operation.lockedNames().forEach(name -> releaseLock(name, operation.id()));
    }

    /** Releases the lock if {@code operationId} holds it (a no-op otherwise, so ending twice is harmless). */
    public void releaseLock(String functionName, String operationId) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(lockKey(functionName)).sortValue(LOCK_SK).build())
                    .conditionExpression(Expression.builder().expression("operationId = :id")
                            .putExpressionValue(":id", AttributeValue.fromS(operationId)).build())
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Not held by this operation (already released, or never taken): nothing to release.
        }
    }

    // ---- records -------------------------------------------------------------------------------------------------

    public Optional<Operation> find(String operationId) {
        LedgerItem item = table.getItem(Key.builder().partitionValue(operationKey(operationId)).sortValue(RECORD_SK).build());
        if (item == null) {
            return Optional.empty();
        }
        Operation operation = Json.read(item.getDocument(), Operation.class, "ledger record " + operationId);
        operation.version(item.getVersion());
        return Optional.of(operation);
    }

    public Operation load(String operationId) {
        return find(operationId).orElseThrow(() -> new IllegalArgumentException(
                "no operation " + operationId + " in ledger " + table.tableName()));
    }

    /** Saves a record read earlier; fails with a conditional-check error if someone saved it in between. */
    public void save(Operation operation) {
        LedgerItem item = recordItem(operation);
        item.setVersion(operation.version());
        LedgerItem saved = table.updateItem(item);
        operation.version(saved.getVersion());
    }

    /**
     * Reads, changes and saves a record, re-reading and re-applying the change when another writer got in first
     * (a manual abort arriving while a step saves, say). The change must be safe to apply again to a fresher record.
     */
    public Operation update(String operationId, Consumer<Operation> change) {
        ConditionalCheckFailedException last = null;
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Operation operation = load(operationId);
            change.accept(operation);
            try {
                save(operation);
                return operation;
            } catch (ConditionalCheckFailedException e) {
                last = e;
            }
        }
        throw new LedgerConflictException("operation " + operationId + " kept changing under us; gave up after "
                + CONFLICT_RETRIES + " attempts", last);
    }

    // ---- timeline ------------------------------------------------------------------------------------------------

    public void appendStep(String operationId, StepEntry entry) {
        LedgerItem item = new LedgerItem();
        item.setPk(operationKey(operationId));
        // Time first, so that a query returns the timeline in order; a random suffix keeps equal instants apart.
        item.setSk("STEP#" + entry.at() + "#" + UUID.randomUUID().toString().substring(0, 8));
        item.setItemType("STEP");
        item.setOperationId(operationId);
        item.setStatus(entry.status());
        item.setUpdatedAt(entry.at().toString());
        item.setDocument(Json.write(entry));
        table.putItem(item);
    }

    public List<StepEntry> timeline(String operationId) {
        List<StepEntry> entries = new ArrayList<>();
        table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(operationKey(operationId)).sortValue("STEP#").build()))
                        .build())
                .items().forEach(item -> entries.add(Json.read(item.getDocument(), StepEntry.class, "timeline entry")));
        return entries;
    }

    // ---- queries -------------------------------------------------------------------------------------------------

    /** A function's migrations and rollouts, newest first. */
    public List<Operation> history(String functionName) {
        List<Operation> operations = new ArrayList<>();
        DynamoDbIndex<LedgerItem> index = table.index(LedgerItem.BY_FUNCTION);
        index.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(functionKey(functionName)).sortValue("OPERATION#").build()))
                        .scanIndexForward(false)
                        .build())
                .forEach(page -> page.items().forEach(item -> {
                    Operation operation = Json.read(item.getDocument(), Operation.class, "ledger record");
                    operation.version(item.getVersion());
                    operations.add(operation);
                }));
        operations.sort(Comparator.comparing(Operation::startedAt).reversed());
        return operations;
    }

    /**
     * The migrations and rollouts of a function and of the function it was copied to or from by a migration, newest
     * first, whichever of the two names is given: a migration is filed under the original, its copy's rollouts under
     * the copy, and a person asking about either wants the whole story.
     */
    public List<Operation> combinedHistory(String functionName) {
        Set<String> names = new LinkedHashSet<>(List.of(functionName));
        names.addAll(linkedFunctions(functionName));
        Map<String, Operation> byId = new LinkedHashMap<>();
        for (String name : List.copyOf(names)) {
            for (Operation operation : history(name)) {
                byId.putIfAbsent(operation.id(), operation);
                // Migrations recorded before links existed still name their copy in their request.
                String copy = operation.kind() == OperationKind.MIGRATION
                        ? operation.requestDocument().path("lmiFunctionName").asText("") : "";
                if (!copy.isEmpty() && names.add(copy)) {
                    history(copy).forEach(other -> byId.putIfAbsent(other.id(), other));
                }
            }
        }
        List<Operation> operations = new ArrayList<>(byId.values());
        operations.sort(Comparator.comparing(Operation::startedAt).reversed());
        return operations;
    }

    /** The functions a migration linked to {@code functionName}: its LMI copy, or the original it was copied from. */
    public List<String> linkedFunctions(String functionName) {
        List<String> names = new ArrayList<>();
        table.index(LedgerItem.BY_FUNCTION).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(functionKey(functionName)).sortValue(LINK_PREFIX).build()))
                        .build())
                .forEach(page -> page.items().forEach(item -> names.add(item.getFunctionName())));
        return names;
    }

    /** Operations that have not ended, oldest first. */
    public List<Operation> active() {
        List<Operation> operations = new ArrayList<>();
        table.index(LedgerItem.ACTIVE).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue("ACTIVE").build()))
                        .build())
                .forEach(page -> page.items().forEach(item ->
                        operations.add(Json.read(item.getDocument(), Operation.class, "ledger record"))));
        return operations;
    }

    // ---- other documents (assessments, schedules) ----------------------------------------------------------------

    /** Stores a document of a function (an assessment, a schedule) under {@code kind}, findable by function. */
    public void putDocument(String kind, String id, String functionName, String status, JsonNode document) {
        LedgerItem item = new LedgerItem();
        item.setPk(kind + "#" + id);
        item.setSk(RECORD_SK);
        item.setItemType(kind);
        item.setFunctionName(functionName);
        item.setStatus(status);
        item.setOperationId(id);
        Instant now = clock.instant();
        item.setUpdatedAt(now.toString());
        item.setGsi1pk(functionKey(functionName));
        item.setGsi1sk(kind + "#" + now + "#" + id);
        item.setDocument(Json.write(document));
        LedgerItem existing = table.getItem(Key.builder().partitionValue(item.getPk()).sortValue(RECORD_SK).build());
        if (existing != null) {
            item.setVersion(existing.getVersion());
            item.setGsi1sk(existing.getGsi1sk());
        }
        table.putItem(item);
    }

    public Optional<JsonNode> document(String kind, String id) {
        return Optional.ofNullable(table.getItem(Key.builder().partitionValue(kind + "#" + id).sortValue(RECORD_SK).build()))
                .map(item -> Json.read(item.getDocument(), JsonNode.class, kind + " " + id));
    }

    /** A function's documents of {@code kind}, newest first. */
    public List<JsonNode> documents(String kind, String functionName) {
        List<JsonNode> documents = new ArrayList<>();
        table.index(LedgerItem.BY_FUNCTION).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                                .partitionValue(functionKey(functionName)).sortValue(kind + "#").build()))
                        .scanIndexForward(false)
                        .build())
                .forEach(page -> page.items().forEach(item ->
                        documents.add(Json.read(item.getDocument(), JsonNode.class, kind))));
        return documents;
    }

    public void deleteDocument(String kind, String id) {
        table.deleteItem(Key.builder().partitionValue(kind + "#" + id).sortValue(RECORD_SK).build());
    }

    // ---- items ---------------------------------------------------------------------------------------------------

    private LedgerItem recordItem(Operation operation) {
        LedgerItem item = new LedgerItem();
        item.setPk(operationKey(operation.id()));
        item.setSk(RECORD_SK);
        item.setItemType(operation.kind().name());
        item.setFunctionName(operation.functionName());
        item.setStatus(operation.status().name());
        item.setOperationId(operation.id());
        item.setUpdatedAt(operation.updatedAt().toString());
        item.setGsi1pk(functionKey(operation.functionName()));
        item.setGsi1sk("OPERATION#" + operation.startedAt() + "#" + operation.id());
        if (operation.isActive()) {
            // Sparse index: only running operations appear in it, so "what is running now" is one cheap query.
            item.setGsi2pk("ACTIVE");
            item.setGsi2sk(operation.startedAt() + "#" + operation.id());
        }
        item.setDocument(Json.write(operation));
        return item;
    }

    /**
     * Writes the link unless it exists: a second migration of the same function (after a rollback) links the same
     * two names. Not part of the start's transaction, where the existing link's version check would cancel the
     * start; a link lost to a crash in between is found again through the migration's request (lmiFunctionName).
     */
    private void link(String from, String to) {
        try {
            table.putItem(linkItem(from, to));
        } catch (ConditionalCheckFailedException e) {
            // Linked by an earlier migration: the same link.
        }
    }

    /** Found under {@code from}'s function key; names {@code to}. */
    private LedgerItem linkItem(String from, String to) {
        LedgerItem item = new LedgerItem();
        item.setPk(LINK_PREFIX + from + "#" + to);
        item.setSk(RECORD_SK);
        item.setItemType("LINK");
        item.setFunctionName(to);
        item.setUpdatedAt(clock.instant().toString());
        item.setGsi1pk(functionKey(from));
        item.setGsi1sk(LINK_PREFIX + to);
        return item;
    }

    private LedgerItem requestItem(String requestId, String operationId) {
        LedgerItem item = new LedgerItem();
        item.setPk(requestKey(requestId));
        item.setSk(RECORD_SK);
        item.setItemType("REQUEST");
        item.setOperationId(operationId);
        item.setUpdatedAt(clock.instant().toString());
        item.setExpiresAt(clock.instant().plus(REQUEST_MEMORY).getEpochSecond());
        return item;
    }

    private String requestOwner(String requestId) {
        return operationForRequest(requestId).orElseThrow(() -> new IllegalStateException(
                "request " + requestId + " was recorded and then vanished"));
    }

    private static TransactPutItemEnhancedRequest<LedgerItem> putIfAbsent(LedgerItem item) {
        return TransactPutItemEnhancedRequest.builder(LedgerItem.class).item(item)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                .build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static String operationKey(String id) {
        return "OPERATION#" + id;
    }

    static String lockKey(String functionName) {
        return "LOCK#" + functionName;
    }

    static String requestKey(String requestId) {
        return "REQUEST#" + requestId;
    }

    static String functionKey(String functionName) {
        return "FUNCTION#" + functionName;
    }
}
