package io.lmi.controlplane.functions.capacity;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.aws.lambda.NotCreatedByThisOperationException;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Provides the capacity the plan chose: reuses the Active provider it found, or creates one (recorded in the ledger
 * before the call, so cleanup finds it whatever happens next; tagged with the operation, so cleanup deletes only its
 * own). A provider of the wanted name that another operation or the team made is never recorded as created.
 * Creation answers Pending; the workflow polls.
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
        String name = choice.reuse() ? CapacityProviders.nameFor(choice.settings(), choice.configuration())
                : choice.name();
        Optional<CapacityProviders.View> existing = providers.find(name);
        String creator = existing.map(providers::creator).orElse(null);
        if (existing.isPresent() && !operation.id().equals(creator)) {
            // Someone else's (the team's own, or another migration's on the same network): never ours to delete.
            return reuseOrRefuse(operation, choice, existing.get(), creator, poll);
        }
        journal.ledger().update(operation.id(), op -> op.recordCreated(RESOURCE_TYPE, name, null, journal.now()));
        CapacityProviders.View created;
        try {
            created = providers.create(name, choice.settings(), choice.configuration(), operation.id(),
                    Map.of("lmi:managed-by", "lmi-control-plane"));
        } catch (NotCreatedByThisOperationException e) {
            // Created by someone else between the look and the create: forget it before anything can roll it back.
            journal.ledger().update(operation.id(), op -> op.recordDeleted(RESOURCE_TYPE, name, journal.now()));
            return reuseOrRefuse(operation, choice, providers.find(name).orElseThrow(() -> e), e.owner(), poll);
        }
        journal.step(operation.id(), "CapacityProvider", "creating capacity provider " + name + " ("
                        + choice.configuration().architecture() + ", MaxVCpuCount " + choice.configuration().maxVCpuCount()
                        + ", subnets " + choice.settings().subnetIds() + "): " + created.state(), created,
                op -> op.fact(CapacityProviderFact.FACT, new CapacityProviderFact(name, created.arn(), true,
                        journal.now(), created.state()), journal.now()));
        return new PollResult(created.state(), poll, false, "creating " + name);
    }

    /**
     * A provider of the wanted name that this migration did not create: used as is (not recorded as created, so no
     * rollback deletes it) when it is Active with the planned network, role and architecture; refused otherwise.
     */
    private PollResult reuseOrRefuse(Operation operation, MigrationPlan.CapacityProviderChoice choice,
                                     CapacityProviders.View view, String owner, long poll) {
        boolean matches = CapacityProviders.matches(view, choice.settings(), choice.configuration());
        if (!view.isActive() || !matches) {
            String misfit = CapacityProviders.fits(view, choice.configuration());
            throw new IllegalStateException("capacity provider " + view.name() + " already exists and was not created by "
                    + operation.id() + " (" + NotCreatedByThisOperationException.describeOwner(owner) + ") and it is "
                    + (matches ? view.state() : misfit != null ? "too small or too narrow for this function: " + misfit
                    : "not on the planned network and operator role")
                    + ": " + (matches ? "retry once it is Active (it will be reused), or " : "")
                    + "name another capacityProvider.name");
        }
        journal.step(operation.id(), "CapacityProvider", "reusing Active capacity provider " + view.name() + ", which "
                        + "this migration did not create (" + NotCreatedByThisOperationException.describeOwner(owner)
                        + "): a rollback leaves it", view,
                op -> op.fact(CapacityProviderFact.FACT, new CapacityProviderFact(view.name(), view.arn(), false,
                        journal.now(), view.state()), journal.now()));
        return new PollResult(view.state(), poll, false, "reused " + view.name());
    }
}
