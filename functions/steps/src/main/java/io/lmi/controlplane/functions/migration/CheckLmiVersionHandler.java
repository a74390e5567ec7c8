package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.lambda.LmiFunctions;
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

/** One poll of the published version, bounded by the deployment's publish timeout. */
public final class CheckLmiVersionHandler extends StepHandler<OperationInput, VersionPoll> {
    private final Journal journal;
    private final Settings settings;
    private final LmiFunctions functions;

    public CheckLmiVersionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    CheckLmiVersionHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected VersionPoll handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        OperationAbortedException.throwIfRequested(operation, "waiting for the LMI version");
        LmiFunctionFact function = operation.requireFact(LmiFunctionFact.FACT, LmiFunctionFact.class);
        var version = functions.version(function.name(), function.version());
        Duration waited = Duration.between(function.waitingSince(), journal.now());
        boolean timedOut = !"Active".equals(version.state()) && waited.compareTo(settings.publishTimeout()) > 0;
        String message = function.name() + ":" + function.version() + " is " + version.state() + " after "
                + waited.toSeconds() + " s"
                + (version.stateReason() == null ? "" : " (" + version.stateReason() + ", " + version.stateReasonCode() + ")")
                + (timedOut ? "; gave up after " + settings.publishTimeout().toMinutes() + " min (PUBLISH_TIMEOUT)" : "");
        if (!version.state().equals(function.versionState()) || timedOut) {
            journal.step(operation.id(), "PublishVersion", message, version,
                    op -> op.fact(LmiFunctionFact.FACT, function.withState(version.state()), journal.now()));
        }
        return new VersionPoll(version.state(), function.version(), settings.pollInterval().toSeconds(), timedOut, message);
    }
}
