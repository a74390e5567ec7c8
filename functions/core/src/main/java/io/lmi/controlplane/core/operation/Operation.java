package io.lmi.controlplane.core.operation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger record of one migration or rollout: the request as accepted, where it stands, what it created, why it
 * ended. Handlers load it, change it through the methods below, and save it under optimistic locking, so two writers
 * never silently overwrite each other.
 *
 * <p>Step results that later steps need (the capacity provider used, the LMI function, the trigger plan, ...) are
 * kept as named facts: typed at the point of use, stored as JSON so the record stays readable in the console.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Operation {
    private final String id;
    private final OperationKind kind;
    private final String functionName;
    private final String requestId;
    private final JsonNode request;
    private final boolean dryRun;
    private final Instant startedAt;
    private OperationStatus status;
    private Instant updatedAt;
    private Instant endedAt;
    private String executionArn;
    private String currentStep;
    private Integer trafficPercent;
    private Outcome outcome;
    private final List<CreatedResource> created;
    private Control control;
    private final ObjectNode facts;
    /** Other function names this operation holds besides its own (a migration also holds its LMI copy's name). */
    private final List<String> alsoLocked;
    /** Optimistic-locking version: the ledger's, not ours to change. */
    @JsonIgnore
    private Long version;

    @JsonCreator
    Operation(@JsonProperty("id") String id, @JsonProperty("kind") OperationKind kind,
              @JsonProperty("functionName") String functionName, @JsonProperty("requestId") String requestId,
              @JsonProperty("request") JsonNode request, @JsonProperty("dryRun") boolean dryRun,
              @JsonProperty("startedAt") Instant startedAt, @JsonProperty("status") OperationStatus status,
              @JsonProperty("updatedAt") Instant updatedAt, @JsonProperty("endedAt") Instant endedAt,
              @JsonProperty("executionArn") String executionArn, @JsonProperty("currentStep") String currentStep,
              @JsonProperty("trafficPercent") Integer trafficPercent, @JsonProperty("outcome") Outcome outcome,
              @JsonProperty("created") List<CreatedResource> created, @JsonProperty("control") Control control,
              @JsonProperty("facts") ObjectNode facts, @JsonProperty("alsoLocked") List<String> alsoLocked) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.requestId = requestId;
        this.request = request;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
        this.status = status;
        this.updatedAt = updatedAt;
        this.endedAt = endedAt;
        this.executionArn = executionArn;
        this.currentStep = currentStep;
        this.trafficPercent = trafficPercent;
        this.outcome = outcome;
        this.created = created == null ? new ArrayList<>() : new ArrayList<>(created);
        this.control = control == null ? Control.none() : control;
        this.facts = facts == null ? JsonNodeFactory.instance.objectNode() : facts;
        this.alsoLocked = alsoLocked == null ? new ArrayList<>() : new ArrayList<>(alsoLocked);
    }

    /** A new, running operation for {@code request} (any JSON-mappable request record). */
    public static Operation start(OperationKind kind, String functionName, String requestId, Object request,
                                  boolean dryRun, Instant now) {
        String id = (kind == OperationKind.MIGRATION ? "mig-" : "rol-") + UUID.randomUUID();
        return new Operation(id, kind, functionName, requestId, Json.tree(request), dryRun, now,
                OperationStatus.RUNNING, now, null, null, "Accepted", null, null, null, null, null, null);
    }

    /** A request refused before anything started (invalid, function busy): recorded so that the refusal is visible. */
    public static Operation refused(OperationKind kind, String functionName, String requestId, JsonNode request,
                                    Outcome outcome, Instant now) {
        Operation operation = new Operation((kind == OperationKind.MIGRATION ? "mig-" : "rol-") + UUID.randomUUID(),
                kind, functionName, requestId, request, false, now, OperationStatus.FAILED, now, now, null,
                "Validate", null, outcome, null, null, null, null);
        return operation;
    }

    public String id() {
        return id;
    }

    public OperationKind kind() {
        return kind;
    }

    public String functionName() {
        return functionName;
    }

    public String requestId() {
        return requestId;
    }

    public <T> T request(Class<T> type) {
        return Json.convert(request, type, kind.name().toLowerCase() + " request");
    }

    public JsonNode requestDocument() {
        return request;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public OperationStatus status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<String> executionArn() {
        return Optional.ofNullable(executionArn);
    }

    public String currentStep() {
        return currentStep;
    }

    public Optional<Integer> trafficPercent() {
        return Optional.ofNullable(trafficPercent);
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public List<CreatedResource> created() {
        return List.copyOf(created);
    }

    public Control control() {
        return control;
    }

    /** Every function name this operation holds: its own first, then the others it locked when it started. */
    public List<String> lockedNames() {
        List<String> names = new ArrayList<>();
        names.add(functionName);
        alsoLocked.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return List.copyOf(names);
    }

    public Long version() {
        return version;
    }

    public void version(Long version) {
        this.version = version;
    }

    public boolean isActive() {
        return !status.isTerminal();
    }

    // ---- changes -------------------------------------------------------------------------------------------------

    /**
     * Makes the operation hold {@code otherFunctionName} too, from its start (the ledger takes every lock in the
     * start's transaction); only before it is started, as a lock taken later could already be someone else's.
     */
    public void alsoLock(String otherFunctionName) {
        if (version != null) {
            throw new IllegalStateException("operation " + id + " has started: its locks were taken then");
        }
        if (!otherFunctionName.equals(functionName) && !alsoLocked.contains(otherFunctionName)) {
            alsoLocked.add(otherFunctionName);
        }
    }

    public void attachExecution(String executionArn, Instant now) {
        this.executionArn = executionArn;
        touch(now);
    }

    public void step(String step, Instant now) {
        requireActive("start step " + step);
        this.currentStep = step;
        touch(now);
    }

    public void traffic(int percent, Instant now) {
        this.trafficPercent = percent;
        touch(now);
    }

    public void status(OperationStatus status, Instant now) {
        requireActive("become " + status);
        if (status.isTerminal()) {
            throw new IllegalStateException("use end() to finish an operation");
        }
        this.status = status;
        touch(now);
    }

    /** Records a resource this operation is about to create; idempotent, so a retried step records it once. */
    public void recordCreated(String type, String resourceId, String owner, Instant now) {
        boolean known = created.stream().anyMatch(r -> r.type().equals(type) && r.id().equals(resourceId));
        if (!known) {
            created.add(new CreatedResource(type, resourceId, owner, now));
        }
        touch(now);
    }

    /** Forgets a created resource once cleanup has deleted it. */
    public void recordDeleted(String type, String resourceId, Instant now) {
        created.removeIf(r -> r.type().equals(type) && r.id().equals(resourceId));
        touch(now);
    }

    public void control(Control control, Instant now) {
        this.control = control;
        touch(now);
    }

    public void end(OperationStatus terminal, Outcome outcome, Instant now) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException(terminal + " is not a terminal status");
        }
        requireActive("end as " + terminal);
        this.status = terminal;
        this.outcome = outcome;
        this.endedAt = now;
        this.control = control.stopWaiting();
        touch(now);
    }

    public <T> Optional<T> fact(String name, Class<T> type) {
        JsonNode value = facts.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(Json.convert(value, type, "fact " + name));
    }

    public <T> T requireFact(String name, Class<T> type) {
        return fact(name, type).orElseThrow(() -> new IllegalStateException(
                "operation " + id + " has no " + name + " yet: the step that records it has not run"));
    }

    public void fact(String name, Object value, Instant now) {
        facts.set(name, Json.tree(value));
        touch(now);
    }

    public JsonNode factsDocument() {
        return facts;
    }

    private void requireActive(String what) {
        if (status.isTerminal()) {
            throw new IllegalStateException("operation " + id + " has ended (" + status + "): cannot " + what);
        }
    }

    private void touch(Instant now) {
        this.updatedAt = now;
    }
}
