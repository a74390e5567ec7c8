package io.lmi.controlplane.functions.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.lambda.FunctionReader;
import io.lmi.controlplane.aws.ledger.StartResult;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.OperationKind;
import io.lmi.controlplane.core.operation.Outcome;
import io.lmi.controlplane.core.region.LmiRegions;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * First step of a migration: turns a {@code MigrationRequested} event into a running migration, or refuses it with a
 * recorded reason and no change to the account (invalid input, a function that does not exist or already runs on LMI,
 * an unsupported region, a function another operation holds). A redelivered event joins the migration it started;
 * the same execution running this step again (a retry) carries on with the migration it started.
 */
public final class StartMigrationHandler extends StepHandler<StartMigrationHandler.Input, StartMigrationHandler.Output> {

    /** The state machine's input (the EventBridge event) and this execution's ARN. */
    public record Input(JsonNode event, String executionArn) {
    }

    /** {@code outcome}: STARTED, JOINED (a redelivery) or REFUSED (function busy). */
    public record Output(String outcome, String operationId, String message) {
    }

    private final ControlPlane controlPlane;
    private final Journal journal;
    private final Settings settings;
    private final FunctionReader functions;

    public StartMigrationHandler() {
        this(ControlPlane.fromEnvironment());
    }

    StartMigrationHandler(ControlPlane controlPlane) {
        super(Input.class);
        this.controlPlane = controlPlane;
        this.journal = new Journal(controlPlane);
        this.settings = new Settings(controlPlane);
        this.functions = new FunctionReader(controlPlane.clients().configure(LambdaClient.builder()).build());
    }

    @Override
    protected Output handle(Input input, StepContext context) {
        JsonNode detail = input.event() == null ? null : input.event().get("detail");
        String eventId = input.event() == null ? null : input.event().path("id").asText(null);
        String requestId = Optional.ofNullable(detail).map(d -> d.path("requestId").asText(null)).orElse(eventId);
        String functionName = Optional.ofNullable(detail).map(d -> d.path("functionName").asText("(not given)"))
                .orElse("(not given)");
        MigrationRequest raw;
        try {
            raw = parse(detail);
        } catch (InvalidRequestException e) {
            throw refuse(functionName, requestId, detail, e, context);
        }
        String id = requestId == null ? context.requestId() : requestId;
        // A redelivery, or a function another operation holds, is answered before checks that read the account:
        // the running operation may already have changed it (its LMI copy exists, say).
        Optional<Output> seen = journal.ledger().operationForRequest(id).map(existing -> joined(existing, input.executionArn()));
        if (seen.isPresent()) {
            return seen.get();
        }
        Optional<String> holder = journal.ledger().lock(raw.name());
        if (holder.isPresent()) {
            return busy(raw, id, holder.get());
        }
        MigrationRequest request;
        try {
            request = validate(raw);
        } catch (InvalidRequestException e) {
            throw refuse(functionName, id, detail, e, context);
        }
        Operation operation = Operation.start(OperationKind.MIGRATION, request.functionName(), id, request,
                request.dryRunRequested(), journal.now());
        // Once the migration creates the alias, a rollout of the LMI copy would move the traffic it is shifting.
        operation.alsoLock(request.lmiFunctionName());
        // The execution is recorded in the start's own transaction: if this step dies right after the start and Step
        // Functions retries it, the retry finds its own execution and carries on (and the watchdog can find the
        // operation if the execution fails), instead of joining itself and leaving the function locked.
        operation.attachExecution(input.executionArn(), journal.now());
        StartResult result = journal.ledger().start(operation, request.lmiFunctionName());
        if (result instanceof StartResult.Started started) {
            accept(started.operation().id(), request);
            return new Output("STARTED", started.operation().id(), "migration started");
        }
        if (result instanceof StartResult.Joined joined) {
            return joined(joined.operationId(), input.executionArn());
        }
        return busy(request, id, ((StartResult.Busy) result).holderOperationId());
    }

    private void accept(String operationId, MigrationRequest request) {
        journal.step(operationId, "Accepted", (request.dryRunRequested() ? "dry run of the migration of " : "migrating ")
                + request.functionName() + " to " + request.lmiFunctionName() + " in steps " + request.steps()
                + " with " + request.bake() + " bake time", request);
    }

    private Output joined(String operationId, String executionArn) {
        Operation existing = journal.ledger().load(operationId);
        if (executionArn != null && existing.executionArn().filter(executionArn::equals).isPresent()) {
            // Step Functions retried this step after it had started the operation (a timed-out sandbox, a Lambda
            // service error): this execution is the one that runs it, so it carries on rather than joining itself.
            if (!existing.status().isTerminal() && journal.ledger().timeline(operationId).stream()
                    .noneMatch(step -> "Accepted".equals(step.step()))) {
                accept(operationId, existing.request(MigrationRequest.class));
            }
            return new Output("STARTED", existing.id(), "migration started (this step ran again after a retry)");
        }
        boolean refusal = existing.status().isTerminal() && existing.executionArn().isEmpty();
        return new Output(refusal ? "REFUSED" : "JOINED", existing.id(), refusal
                ? "this request was refused before: " + existing.outcome().map(Outcome::message).orElse("")
                : "this request already started " + existing.id() + "; this delivery joins it");
    }

    private Output busy(MigrationRequest request, String requestId, String holder) {
        String message = request.name() + " is busy: " + holder
                + " is running on it (one migration or rollout per function at a time); retry when it ends, or abort it";
        Operation refused = journal.refuse(Operation.refused(OperationKind.MIGRATION, request.name(), requestId,
                Json.tree(request), new Outcome("FUNCTION_BUSY", message, Json.tree(java.util.Map.of("heldBy", holder))),
                journal.now()));
        return new Output("REFUSED", refused.id(), message);
    }

    private InvalidRequestException refuse(String functionName, String requestId, JsonNode detail,
                                           InvalidRequestException e, StepContext context) {
        journal.refuse(Operation.refused(OperationKind.MIGRATION, functionName,
                requestId == null ? context.requestId() : requestId, detail,
                new Outcome("INVALID_REQUEST", e.getMessage(), Json.tree(e.errors())), journal.now()));
        return e;
    }

    /** The request as sent, checked on its own (fields, ranges, formats). */
    private static MigrationRequest parse(JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw InvalidRequestException.of("migration request", "detail", "is missing",
                    "put the request in the event's detail, e.g. {\"functionName\": \"orders\"}");
        }
        MigrationRequest raw = Json.convert(detail, MigrationRequest.class, "migration request");
        raw.validate();
        return raw;
    }

    /** Everything the account can tell without changing anything; each problem names its field and fix. */
    private MigrationRequest validate(MigrationRequest raw) {
        MigrationRequest request = raw.withDefaults(settings.capacityProviderDefaults(), settings.gateDefaults());
        Validator v = new Validator("migration request");
        String region = controlPlane.region();
        v.check(request.region() == null || request.region().equals(region), "region",
                "'" + request.region() + "' is not this control plane's region " + region,
                "send the request to the control plane deployed in " + request.region());
        v.check(LmiRegions.isSupported(region), "region", region + " does not offer Lambda Managed Instances",
                "migrate functions in a Region where LMI is available");
        request.validateComplete(v);
        Optional<FunctionSnapshot> function = functions.read(request.functionName());
        if (function.isEmpty()) {
            v.check(false, "functionName", "no function " + request.functionName() + " in " + region,
                    "check the name and the Region");
        } else {
            v.check(!function.get().onLmi(), "functionName", request.functionName() + " already runs on LMI",
                    "ship new versions of it with a rollout (RolloutRequested) instead");
        }
        functions.read(request.lmiFunctionName()).ifPresent(existing -> v.check(false, "lmiFunctionName",
                "a function named " + request.lmiFunctionName() + " already exists"
                        + (existing.tags().containsKey("lmi:operation") ? " (left by " + existing.tags().get("lmi:operation") + ")" : ""),
                "choose another lmiFunctionName, or delete that function first"));
        v.throwIfInvalid();
        return request;
    }
}
