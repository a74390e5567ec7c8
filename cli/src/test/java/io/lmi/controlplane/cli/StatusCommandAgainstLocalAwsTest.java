package io.lmi.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.aws.ledger.LedgerTable;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.OperationStatus;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code ./lmi status FUNCTION} against a ledger in the local AWS: a migration is filed under the original function
 * and the rollouts of its LMI copy under the copy, yet either name shows them as one history, newest first.
 */
@ExtendWith(LocalAwsExtension.class)
class StatusCommandAgainstLocalAwsTest {
    private final LocalAws localAws;
    private final AwsClients clients;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String bus;
    private final Ledger ledger;
    private final String original = "orders-" + UUID.randomUUID().toString().substring(0, 6);

    StatusCommandAgainstLocalAwsTest(LocalAws localAws) {
        this.localAws = localAws;
        this.clients = AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
        this.dynamo = clients.configure(DynamoDbClient.builder()).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.table = LedgerTable.create(dynamo, "ledger-" + suffix);
        try (EventBridgeClient events = clients.configure(EventBridgeClient.builder()).build()) {
            this.bus = events.createEventBus(r -> r.name("bus-" + suffix)).eventBusArn().replaceAll(".*/", "");
        }
        this.ledger = new Ledger(dynamo, table, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dynamo.close();
        clients.close();
    }

    @Test
    void aFunctionAndItsLmiCopyShareOneHistoryWhicheverNameIsGiven() {
        String copy = original + "-blue";
        Instant start = Instant.now();
        Operation migration = migration(copy, true, start);
        Operation first = rollout(copy, "req-r1-" + original, start.plusSeconds(60));
        end(first, OperationStatus.PROMOTED, copy);
        Operation second = rollout(copy, "req-r2-" + original, start.plusSeconds(120));

        for (String name : List.of(original, copy)) {
            Run table = status(name);
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(ids(table)).as(name)
                    .containsExactly(second.id(), first.id(), migration.id());
        }
    }

    @Test
    void aMigrationRecordedWithoutALinkIsStillFoundThroughTheCopyItsRequestNames() {
        String copy = original + "-lmi";
        Instant start = Instant.now();
        Operation migration = migration(copy, false, start);
        Operation rollout = rollout(copy, "req-r-" + original, start.plusSeconds(60));

        Run table = status(original);

        assertThat(ids(table))
                .containsExactly(rollout.id(), migration.id());
    }

    /** A completed migration of the original to {@code copy}, linked as StartMigrationHandler links it or not. */
    private Operation migration(String copy, boolean linked, Instant at) {
        Operation migration = Operation.start(OperationKind.MIGRATION, original, "req-m-" + original,
                Map.of("functionName", original, "lmiFunctionName", copy), false, at);
        ledger.start(migration, linked ? copy : null);
        end(migration, OperationStatus.COMPLETED, original);
        return migration;
    }

    private Operation rollout(String function, String requestId, Instant at) {
        Operation rollout = Operation.start(OperationKind.ROLLOUT, function, requestId, Map.of("alias", "live"), false, at);
        ledger.start(rollout);
        return rollout;
    }

    private void end(Operation operation, OperationStatus status, String function) {
        ledger.update(operation.id(), op -> op.end(status, Outcome.of(status.name(), "done"), Instant.now()));
        ledger.releaseLock(function, operation.id());
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** The operation ids of a history table, top to bottom. */
    private static List<String> ids(Run table) {
        return table.out().lines().map(line -> line.split(" ")[0]).toList();
    }

    private Run status(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Lmi.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute("status", name, "--endpoint", localAws.endpoint().toString(), "--bus", bus,
                "--table", table);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
