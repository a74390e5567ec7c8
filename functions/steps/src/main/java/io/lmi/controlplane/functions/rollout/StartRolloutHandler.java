package io.lmi.controlplane.functions.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.aws.ledger.StartResult;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.rollout.RolloutRequest;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.functions.migration.LmiFunctionFact;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * First step of a rollout: turns a {@code RolloutRequested} event into a running rollout, or refuses it with a
 * recorded reason and no change (a function not on LMI, a missing alias, a version that is not a published version of
 * it, weights outside 0-1, another operation holding the function). A redelivered event joins its rollout; the same
 * execution running this step again (a retry) carries on with the rollout it started.
 */
public final class StartRolloutHandler extends StepHandler<StartRolloutHandler.Input, StartRolloutHandler.Output> {

    public record Input(JsonNode event, String executionArn) {
    }

    /**
     * {@code outcome}: STARTED, JOINED or REFUSED; {@code publish} tells the workflow to publish $LATEST first, which a
     * dry run never does ({@code dryRun} sends it straight to the plan, which names the publish it would make).
     */
    public record Output(String outcome, String operationId, boolean publish, boolean dryRun, String message) {
    }

    private final Journal journal;
    private final Settings settings;
    private final LmiFunctions functions;

    public StartRolloutHandler() {
        this(ControlPlane.fromEnvironment());
    }

    StartRolloutHandler(ControlPlane controlPlane) {
        super(Input.class);
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected Output handle(Input input, StepContext context) {
        JsonNode detail = input.event() == null ? null : input.event().get("detail");
        String requestId = Optional.ofNullable(detail).map(d -> d.path("requestId").asText(null))
                .or(() -> Optional.ofNullable(input.event()).map(e -> e.path("id").asText(null))).orElse(context.requestId());
        String functionName = Optional.ofNullable(detail).map(d -> d.path("functionName").asText("(not given)"))
                .orElse("(not given)");
        RolloutRequest raw;
        try {
            if (detail == null || !detail.isObject()) {
                throw InvalidRequestException.of("rollout request", "detail", "is missing",
                        "put the request in the event's detail, e.g. {\"functionName\": \"orders-lmi\", \"alias\": \"live\", \"publish\": true}");
            }
            raw = Json.convert(detail, RolloutRequest.class, "rollout request");
            raw.validate();
        } catch (InvalidRequestException e) {
            throw refuse(functionName, requestId, detail, e);
        }
        Optional<String> seen = journal.ledger().operationForRequest(requestId);
        if (seen.isPresent()) {
            Operation existing = journal.ledger().load(seen.get());
            if (input.executionArn() != null && existing.executionArn().filter(input.executionArn()::equals).isPresent()) {
                // Step Functions retried this step after it had started the rollout (a timed-out sandbox, a Lambda
                // service error): this execution is the one that runs it, so it carries on rather than joining itself.
                RolloutRequest started = existing.request(RolloutRequest.class);
                if (!existing.status().isTerminal() && journal.ledger().timeline(existing.id()).stream()
                        .noneMatch(step -> "Accepted".equals(step.step()))) {
                    accept(existing.id(), started, existing.fact("previousVersion", String.class).orElse("?"));
                }
                boolean dryRun = started.dryRunRequested();
                return new Output("STARTED", existing.id(), started.publishes() && !dryRun, dryRun,
                        "rollout started (this step ran again after a retry)");
            }
            boolean refusal = existing.status().isTerminal() && existing.executionArn().isEmpty();
            return new Output(refusal ? "REFUSED" : "JOINED", existing.id(), false, false, "this request was seen before: " + existing.id());
        }
        Optional<String> holder = journal.ledger().lock(raw.functionName());
        if (holder.isPresent()) {
            return busy(raw, requestId, holder.get());
        }
        RolloutRequest request = raw.withDefaults(settings.gateDefaults());
        String aliasArn;
        String currentVersion;
        try {
            var checked = check(request);
            aliasArn = checked.getKey();
            currentVersion = checked.getValue();
        } catch (InvalidRequestException e) {
            throw refuse(functionName, requestId, detail, e);
        }
        Operation operation = Operation.start(OperationKind.ROLLOUT, request.functionName(), requestId, request,
                request.dryRunRequested(), journal.now());
        String functionArn = aliasArn.substring(0, aliasArn.lastIndexOf(':'));
        // The execution and what later steps read are recorded in the start's own transaction: if this step dies
        // right after the start and Step Functions retries it, the retry finds its own execution and carries on with
        // everything it needs (and the watchdog can find the operation), instead of joining itself.
        operation.attachExecution(input.executionArn(), journal.now());
        operation.fact(LmiFunctionFact.FACT, new LmiFunctionFact(request.functionName(), functionArn,
                request.publishes() ? null : request.version(), null, journal.now(), request.alias(), aliasArn), journal.now());
        operation.fact("previousVersion", currentVersion, journal.now());
        StartResult result = journal.ledger().start(operation);
        if (result instanceof StartResult.Busy busy) {
            return busy(request, requestId, busy.holderOperationId());
        }
        if (result instanceof StartResult.Joined joined) {
            return new Output("JOINED", joined.operationId(), false, false, "this request already started " + joined.operationId());
        }
        accept(operation.id(), request, currentVersion);
        boolean dryRun = request.dryRunRequested();
        return new Output("STARTED", operation.id(), request.publishes() && !dryRun, dryRun, "rollout started");
    }

    private void accept(String operationId, RolloutRequest request, String currentVersion) {
        journal.step(operationId, "Accepted", (request.dryRunRequested() ? "dry run of the rollout of " : "rolling out ")
                + (request.publishes() ? "a new version published from $LATEST" : "version " + request.version())
                + " of " + request.functionName() + " behind " + request.alias() + " (now on version " + currentVersion
                + ") in steps " + request.percentSteps() + " with " + request.bake() + " bake time", request);
    }

    /** The function, the alias and the version as the account has them; returns the alias ARN and its version. */
    private Map.Entry<String, String> check(RolloutRequest request) {
        Validator v = new Validator("rollout request");
        var function = functions.configuration(request.functionName());
        if (function.isEmpty()) {
            v.check(false, "functionName", "no function " + request.functionName(), "check the name and the Region");
            v.throwIfInvalid();
        }
        v.check(function.get().capacityProviderConfig() != null, "functionName", request.functionName()
                + " does not run on LMI", "migrate it first (MigrationRequested); rollouts ship versions of LMI functions");
        var alias = functions.alias(request.functionName(), request.alias());
        v.check(alias.isPresent(), "alias", "no alias " + request.alias() + " on " + request.functionName(),
                "name the alias its callers invoke (the migration creates 'live')");
        v.throwIfInvalid();
        String current = alias.get().version();
        v.check(current.matches("[0-9]+"), "alias", request.alias() + " points to " + current,
                "point it to a published version first; weights need numbered versions");
        v.check(alias.get().canaryVersion() == null, "alias", request.alias() + " already sends "
                + Math.round(alias.get().canaryWeight() * 100) + "% to version " + alias.get().canaryVersion(),
                "finish or undo that shift first");
        if (!request.publishes()) {
            var version = functions.configuration(request.functionName(), request.version());
            v.check(version.isPresent(), "version", "no version " + request.version() + " of " + request.functionName(),
                    "publish it first, or use publish: true");
            v.check(!request.version().equals(current), "version", request.alias() + " already points to version "
                    + current, "roll out a newer version");
            version.ifPresent(c -> v.check(c.capacityProviderConfig() != null, "version", "version " + request.version()
                    + " does not run on LMI", "roll out a version of the LMI function"));
        }
        v.throwIfInvalid();
        return Map.entry(alias.get().arn(), current);
    }

    private Output busy(RolloutRequest request, String requestId, String holder) {
        String message = request.functionName() + " is busy: " + holder
                + " is running on it (one migration or rollout per function at a time); retry when it ends, or abort it";
        Operation refused = journal.refuse(Operation.refused(OperationKind.ROLLOUT, request.functionName(), requestId,
                Json.tree(request), new Outcome("FUNCTION_BUSY", message, Json.tree(Map.of("heldBy", holder))), journal.now()));
        return new Output("REFUSED", refused.id(), false, false, message);
    }

    private InvalidRequestException refuse(String functionName, String requestId, JsonNode detail, InvalidRequestException e) {
        journal.refuse(Operation.refused(OperationKind.ROLLOUT, functionName, requestId, detail,
                new Outcome("INVALID_REQUEST", e.getMessage(), Json.tree(e.errors())), journal.now()));
        return e;
    }
}
