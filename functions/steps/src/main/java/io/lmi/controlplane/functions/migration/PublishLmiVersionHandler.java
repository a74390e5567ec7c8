package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Publishes the LMI function's first version. Only published versions run on LMI, and publishing is what starts its
 * execution environments (three by default), so the version is Pending for minutes; the workflow polls it.
 */
public final class PublishLmiVersionHandler extends StepHandler<OperationInput, VersionPoll> {
    private final Journal journal;
    private final Settings settings;
    private final LmiFunctions functions;
    private final CapacityProviders capacityProviders;

    public PublishLmiVersionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    PublishLmiVersionHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        LambdaClient lambda = controlPlane.clients().configure(LambdaClient.builder()).build();
        this.functions = new LmiFunctions(lambda);
        this.capacityProviders = new CapacityProviders(lambda);
    }

    @Override
    protected VersionPoll handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        if (function.version() != null) {
            // A retry after the publish was recorded: publishing again would make a second version.
            return new VersionPoll(function.versionState(), function.version(), settings.pollInterval().toSeconds(), false,
                    "version " + function.version() + " already published");
        }
        capacityProviders.requireVersionSlot(functions.capacityProviderName(function.name()));
        var published = functions.publish(function.name(), "published by " + operation.id());
        journal.step(operation.id(), "PublishVersion", "published " + function.name() + ":" + published.version()
                        + " (" + published.state() + "): LMI starts its execution environments before it is Active", published,
                op -> op.fact(LmiFunctionFact.FACT, function.withVersion(published.version(), published.state(),
                        journal.now()), journal.now()));
        return new VersionPoll(published.state(), published.version(), settings.pollInterval().toSeconds(), false,
                "published version " + published.version());
    }
}
