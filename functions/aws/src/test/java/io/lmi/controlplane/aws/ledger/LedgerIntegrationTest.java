package io.lmi.controlplane.aws.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.LocalAwsClients;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ExtendWith(LocalAwsExtension.class)
class LedgerIntegrationTest {

    private final AwsClients clients;
    private DynamoDbClient dynamo;
    private Ledger ledger;

    LedgerIntegrationTest(AwsTarget target) {
        this.clients = LocalAwsClients.of(target);
    }

    @BeforeEach
    void createTable() {
        dynamo = clients.configure(DynamoDbClient.builder()).build();
        ledger = new Ledger(dynamo, LedgerTable.create(dynamo), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dynamo.close();
        clients.close();
    }

    @Test
    void startTakesTheLockAndRecordsTheOperation() {
        Operation migration = migration("orders", "req-1");

        assertThat(ledger.start(migration)).isInstanceOf(StartResult.Started.class);

        assertThat(ledger.lock("orders")).contains(migration.id());
        assertThat(ledger.load(migration.id()).status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(ledger.active()).extracting(Operation::id).contains(migration.id());
    }

    @Test
    void aRedeliveredRequestJoinsTheOperationItStarted() {
        Operation first = migration("orders", "req-2");
        ledger.start(first);

        StartResult again = ledger.start(migration("orders", "req-2"));

        assertThat(again).isEqualTo(new StartResult.Joined(first.id()));
        assertThat(ledger.history("orders")).hasSize(1);
    }

    @Test
    void aSecondRequestForABusyFunctionIsRefusedAndNamesTheHolder() {
        Operation first = migration("orders", "req-3");
        ledger.start(first);

        StartResult second = ledger.start(migration("orders", "req-4"));

        assertThat(second).isEqualTo(new StartResult.Busy(first.id()));
        assertThat(ledger.operationForRequest("req-4")).isEmpty();
    }

    @Test
    void concurrentStartsForOneFunctionLetExactlyOneIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StartResult>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String request = "race-" + i;
                starts.add(() -> ledger.start(migration("race", request)));
            }
            long started = 0;
            for (Future<StartResult> result : pool.invokeAll(starts)) {
                if (result.get() instanceof StartResult.Started) {
                    started++;
                }
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endingReleasesTheLockAndLeavesTheActiveIndex() {
        Operation migration = migration("payments", "req-5");
        ledger.start(migration);

        Operation ended = ledger.update(migration.id(), op -> op.end(OperationStatus.COMPLETED,
                Outcome.of("COMPLETED", "all triggers moved"), Instant.now()));
        ledger.releaseLock("payments", migration.id());

        assertThat(ended.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(ledger.lock("payments")).isEmpty();
        assertThat(ledger.active()).extracting(Operation::id).doesNotContain(migration.id());
        assertThat(ledger.start(migration("payments", "req-6"))).isInstanceOf(StartResult.Started.class);
    }

    @Test
    void aMigrationAlsoHoldsItsLmiCopySoARolloutOfTheCopyIsBusyUntilBothAreReleased() {
        Operation migration = migration("billing", "req-20");
        migration.alsoLock("billing-lmi");
        assertThat(ledger.start(migration)).isInstanceOf(StartResult.Started.class);

        assertThat(ledger.lock("billing")).contains(migration.id());
        assertThat(ledger.lock("billing-lmi")).contains(migration.id());
        Operation rollout = Operation.start(OperationKind.ROLLOUT, "billing-lmi", "req-21", Map.of("alias", "live"),
                false, Instant.now());
        assertThat(ledger.start(rollout)).isEqualTo(new StartResult.Busy(migration.id()));
        Operation intoTheSameCopy = migration("billing-v2", "req-22");
        intoTheSameCopy.alsoLock("billing-lmi");
        assertThat(ledger.start(intoTheSameCopy)).as("all locks or none").isEqualTo(new StartResult.Busy(migration.id()));
        assertThat(ledger.lock("billing-v2")).as("the loser took no lock").isEmpty();
        assertThat(ledger.load(migration.id()).lockedNames()).containsExactly("billing", "billing-lmi");

        ledger.releaseLocks(ledger.load(migration.id()));

        assertThat(ledger.lock("billing")).isEmpty();
        assertThat(ledger.lock("billing-lmi")).isEmpty();
        assertThat(ledger.start(Operation.start(OperationKind.ROLLOUT, "billing-lmi", "req-23", Map.of("alias", "live"),
                false, Instant.now()))).isInstanceOf(StartResult.Started.class);
    }

    @Test
    void aSecondMigrationOfAFunctionWhoseCopyIsLinkedStartsAndKeepsOneLink() {
        Operation first = migration("relinked", "req-31");
        first.alsoLock("relinked-lmi");
        assertThat(ledger.start(first, "relinked-lmi")).isInstanceOf(StartResult.Started.class);
        ledger.update(first.id(), op -> op.end(OperationStatus.ROLLED_BACK, Outcome.of("ROLLED_BACK", "alarm"),
                Instant.now()));
        ledger.releaseLocks(first);

        Operation second = migration("relinked", "req-32");
        second.alsoLock("relinked-lmi");

        assertThat(ledger.start(second, "relinked-lmi")).isInstanceOf(StartResult.Started.class);
        assertThat(ledger.combinedHistory("relinked-lmi")).extracting(Operation::id)
                .containsExactlyInAnyOrder(first.id(), second.id());
    }

    @Test
    void releasingSomeoneElsesLockDoesNothing() {
        Operation holder = migration("inventory", "req-7");
        ledger.start(holder);

        ledger.releaseLock("inventory", "mig-not-the-holder");

        assertThat(ledger.lock("inventory")).contains(holder.id());
    }

    @Test
    void aStaleSaveIsRejectedAndUpdateReappliesTheChange() {
        Operation migration = migration("search", "req-8");
        ledger.start(migration);
        Operation stale = ledger.load(migration.id());
        ledger.update(migration.id(), op -> op.step("CreateCapacityProvider", Instant.now()));

        stale.step("Assess", Instant.now());
        assertThatThrownBy(() -> ledger.save(stale)).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(ledger.load(migration.id()).currentStep()).isEqualTo("CreateCapacityProvider");
    }

    @Test
    void aRefusalIsRecordedOncePerRequest() {
        Operation refused = Operation.refused(OperationKind.MIGRATION, "orders", "req-9", null,
                Outcome.of("INVALID_REQUEST", "steps[0]: 0 is out of range"), Instant.now());

        Operation first = ledger.recordRefusal(refused);
        Operation again = ledger.recordRefusal(Operation.refused(OperationKind.MIGRATION, "orders", "req-9", null,
                Outcome.of("INVALID_REQUEST", "steps[0]: 0 is out of range"), Instant.now()));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(ledger.lock("orders")).isEmpty();
        assertThat(ledger.load(first.id()).outcome()).map(Outcome::code).contains("INVALID_REQUEST");
    }

    @Test
    void timelineComesBackInOrder() {
        Operation migration = migration("timeline", "req-10");
        ledger.start(migration);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        ledger.appendStep(migration.id(), new StepEntry(t0.plusSeconds(2), "Shift", "SUCCEEDED", "10%", null));
        ledger.appendStep(migration.id(), new StepEntry(t0, "Validate", "SUCCEEDED", "ok", null));
        ledger.appendStep(migration.id(), new StepEntry(t0.plusSeconds(1), "Assess", "SUCCEEDED", "RECOMMEND_LMI", null));

        assertThat(ledger.timeline(migration.id())).extracting(StepEntry::step)
                .containsExactly("Validate", "Assess", "Shift");
    }

    @Test
    void historyListsAFunctionsOperationsNewestFirstAndFactsRoundTrip() {
        Operation older = migration("history", "req-11");
        ledger.start(older);
        ledger.update(older.id(), op -> {
            op.fact("capacityProvider", Map.of("name", "lmi-arm64", "created", true), Instant.now());
            op.end(OperationStatus.ROLLED_BACK, Outcome.of("ALARM", "errors"), Instant.now());
        });
        ledger.releaseLock("history", older.id());
        Operation newer = Operation.start(OperationKind.ROLLOUT, "history", "req-12", Map.of("alias", "live"), false,
                Instant.now().plusSeconds(5));
        ledger.start(newer);

        List<Operation> history = ledger.history("history");

        assertThat(history).extracting(Operation::id).containsExactly(newer.id(), older.id());
        assertThat(history.get(1).fact("capacityProvider", Map.class)).hasValueSatisfying(cp ->
                assertThat(cp).containsEntry("name", "lmi-arm64"));
    }

    private static Operation migration(String function, String requestId) {
        return Operation.start(OperationKind.MIGRATION, function, requestId,
                Map.of("functionName", function, "id", UUID.randomUUID().toString()), false, Instant.now());
    }
}
