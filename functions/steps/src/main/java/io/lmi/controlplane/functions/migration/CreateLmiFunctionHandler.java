package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.lambda.FunctionReader;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.aws.lambda.NotCreatedByThisOperationException;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Creates the LMI function as a copy of the original (a standard function cannot be converted). The original is
 * read again here, not taken from the plan, so a change made to it since the plan is copied too.
 */
public final class CreateLmiFunctionHandler extends StepHandler<OperationInput, Map<String, String>> {
    public static final String RESOURCE_TYPE = "FUNCTION";
    /** A new function's $LATEST becomes ready within seconds; longer means something is wrong. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Journal journal;
    private final FunctionReader reader;
    private final LmiFunctions functions;

    public CreateLmiFunctionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    CreateLmiFunctionHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        LambdaClient lambda = controlPlane.clients().configure(LambdaClient.builder()).build();
        this.reader = new FunctionReader(lambda);
        this.functions = new LmiFunctions(lambda);
    }

    @Override
    protected Map<String, String> handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationPlan plan = operation.requireFact("plan", MigrationPlan.class);
        String providerArn = operation.requireFact("capacityProvider", Map.class).get("arn").toString();
        FunctionSnapshot original = reader.read(operation.functionName()).orElseThrow(() -> new IllegalStateException(
                "the original function " + operation.functionName() + " no longer exists"));
        String name = plan.copy().name();
        // Someone else's function of that name fails the step here, before it could be recorded as ours.
        functions.ownedBy(name, operation.id());
        journal.ledger().update(operation.id(), op -> op.recordCreated(RESOURCE_TYPE, name, null, journal.now()));
        String arn;
        try {
            arn = functions.createCopy(original, plan.copy(), providerArn, operation.id());
        } catch (NotCreatedByThisOperationException e) {
            // Someone else's function took the name since the look above: forget it, so no rollback deletes it.
            journal.ledger().update(operation.id(), op -> op.recordDeleted(RESOURCE_TYPE, name, journal.now()));
            throw e;
        }
        String state = awaitReady(plan.copy().name(), context);
        journal.step(operation.id(), "CreateLmiFunction", "created " + plan.copy().name() + " on " + providerArn
                        + " (" + plan.copy().memoryMb() + " MB, " + plan.copy().memoryGiBPerVCpu() + " GiB/vCPU, "
                        + plan.copy().perExecutionEnvironmentMaxConcurrency() + " concurrent requests per environment)"
                        + (plan.copy().dropped().isEmpty() ? "" : "; dropped: " + plan.copy().dropped()), plan.copy(),
                op -> op.fact(LmiFunctionFact.FACT, new LmiFunctionFact(plan.copy().name(), arn, null, state, null,
                        null, null), journal.now()));
        return Map.of("functionName", plan.copy().name(), "state", state);
    }

    /** Waits while $LATEST is Pending; an LMI function's $LATEST settles as ActiveNonInvocable. */
    private String awaitReady(String name, StepContext context) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            var configuration = functions.configuration(name).orElseThrow();
            String state = configuration.stateAsString();
            if (!"Pending".equals(state)) {
                if ("Failed".equals(state)) {
                    throw new IllegalStateException("the LMI function " + name + " failed to create: "
                            + configuration.stateReason() + " (" + configuration.stateReasonCodeAsString() + ")");
                }
                return state;
            }
            if (Instant.now().isAfter(deadline) || context.remainingTime().toSeconds() < 10) {
                throw new IllegalStateException("the LMI function " + name + " is still Pending after "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep(1000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
