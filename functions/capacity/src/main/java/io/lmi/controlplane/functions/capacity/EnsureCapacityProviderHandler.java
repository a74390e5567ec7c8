package io.lmi.controlplane.functions.capacity;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Provides the capacity the plan chose: reuses the Active provider it found, or creates one (recorded in the ledger
 * before the call, so cleanup finds it whatever happens next). Creation answers Pending; the workflow polls.
 */
public final class EnsureCapacityProviderHandler extends StepHandler<OperationInput, PollResult> {
    public static final String RESOURCE_TYPE = "CAPACITY_PROVIDER";

    private final Journal journal;
    private final Settings settings;
    private final CapacityProviders providers;

    public EnsureCapacityProviderHandler() {
        this(ControlPlane.fromEnvironment());
    }

    EnsureCapacityProviderHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        this.providers = new CapacityProviders(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected PollResult handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationPlan.CapacityProviderChoice choice = operation.requireFact("plan", MigrationPlan.class).capacityProvider();
        long poll = settings.pollInterval().toSeconds();
        if (choice.reuse()) {
            var existing = providers.find(choice.name());
            if (existing.isPresent() && existing.get().isActive()) {
                var view = existing.get();
                journal.step(operation.id(), "CapacityProvider", "reusing Active capacity provider " + view.name(), view,
                        op -> op.fact(CapacityProviderFact.FACT, new CapacityProviderFact(view.name(), view.arn(), false,
                                journal.now(), view.state()), journal.now()));
                return new PollResult(view.state(), poll, false, "reused " + view.name());
            }
            // It went away or changed state since the plan: create our own rather than attach to something not ready.
        }
        String name = choice.reuse() ? CapacityProviders.nameFor(choice.settings(), choice.configuration().architecture())
                : choice.name();
        journal.ledger().update(operation.id(), op -> op.recordCreated(RESOURCE_TYPE, name, null, journal.now()));
        var created = providers.create(name, choice.settings(), choice.configuration(),
                Map.of(LmiFunctions.OPERATION_TAG, operation.id(), "lmi:managed-by", "lmi-control-plane"));
        journal.step(operation.id(), "CapacityProvider", "creating capacity provider " + name + " ("
                        + choice.configuration().architecture() + ", MaxVCpuCount " + choice.configuration().maxVCpuCount()
                        + ", subnets " + choice.settings().subnetIds() + "): " + created.state(), created,
                op -> op.fact(CapacityProviderFact.FACT, new CapacityProviderFact(name, created.arn(), true,
                        journal.now(), created.state()), journal.now()));
        return new PollResult(created.state(), poll, false, "creating " + name);
    }
}
