package io.lmi.controlplane.functions.capacity;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationAbortedException;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** One poll of the capacity provider's state, bounded by the deployment's timeout (there is no SDK waiter for it). */
public final class CheckCapacityProviderHandler extends StepHandler<OperationInput, PollResult> {
    private final Journal journal;
    private final Settings settings;
    private final CapacityProviders providers;

    public CheckCapacityProviderHandler() {
        this(ControlPlane.fromEnvironment());
    }

    CheckCapacityProviderHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        this.providers = new CapacityProviders(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected PollResult handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        OperationAbortedException.throwIfRequested(operation, "waiting for the capacity provider");
        CapacityProviderFact fact = operation.requireFact(CapacityProviderFact.FACT, CapacityProviderFact.class);
        String state = providers.find(fact.name()).map(CapacityProviders.View::state).orElse("Missing");
        Duration waited = Duration.between(fact.waitingSince(), journal.now());
        boolean timedOut = !"Active".equals(state) && waited.compareTo(settings.capacityProviderTimeout()) > 0;
        if (!state.equals(fact.state()) || timedOut) {
            journal.step(operation.id(), "CapacityProvider", "capacity provider " + fact.name() + " is " + state
                            + " after " + waited.toSeconds() + " s" + (timedOut ? " (timed out)" : ""), null,
                    op -> op.fact(CapacityProviderFact.FACT, new CapacityProviderFact(fact.name(), fact.arn(), fact.created(),
                            fact.waitingSince(), state), journal.now()));
        }
        return new PollResult(state, settings.pollInterval().toSeconds(), timedOut,
                fact.name() + " " + state + " after " + waited.toSeconds() + " s");
    }
}
