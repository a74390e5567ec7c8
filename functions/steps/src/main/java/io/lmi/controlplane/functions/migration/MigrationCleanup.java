package io.lmi.controlplane.functions.migration;

import io.lmi.controlplane.aws.cloudwatch.GateAlarms;
import io.lmi.controlplane.aws.lambda.CapacityProviders;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.aws.lambda.NotCreatedByThisOperationException;
import io.lmi.controlplane.aws.traffic.TriggerShifters;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.CreatedResource;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.core.operation.StepEntry;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.functions.gate.OperationCleanup;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.LedgerResourceRecorder;
import io.lmi.controlplane.runtime.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Leaves the account as the migration found it: every trigger back on the original function (in reverse order of
 * moving), then everything the migration created deleted in reverse order of creation, and nothing else: a function
 * or capacity provider is deleted only if its lmi:operation tag names this migration. Each piece
 * is attempted even when another fails; what could not be undone is named, never hidden.
 */
public final class MigrationCleanup implements OperationCleanup {

    /** A capacity provider refuses deletion while versions detach; an LMI function's deletion is asynchronous. */
    private static final Duration DETACH_WAIT = Duration.ofSeconds(60);
    /** Stop waiting for a detach when less than this is left of the invocation, to record the outcome in time. */
    private static final Duration TIME_TO_RECORD = Duration.ofSeconds(15);
    /** Types the shifters restore themselves; anything of these left afterwards is reported. */
    private static final Set<String> SHIFTER_TYPES = Set.of("EVENT_SOURCE_MAPPING", "PERMISSION", "TARGET_GROUP",
            "FUNCTION_URL", "SUBSCRIPTION", "API_DEPLOYMENT");

    private final ControlPlane controlPlane;
    private final Journal journal;
    private final TriggerShifters shifters;
    private final LmiFunctions functions;
    private final CapacityProviders providers;
    private final GateAlarms alarms;

    public MigrationCleanup(ControlPlane controlPlane, Journal journal) {
        this.controlPlane = controlPlane;
        this.journal = journal;
        LambdaClient lambda = controlPlane.clients().configure(LambdaClient.builder()).build();
        this.shifters = Shifters.create(controlPlane, lambda);
        this.functions = new LmiFunctions(lambda);
        this.providers = new CapacityProviders(lambda);
        this.alarms = new GateAlarms(controlPlane.clients().configure(CloudWatchClient.builder()).build());
    }

    @Override
    public CleanupReport cleanUp(Operation operation, String why, StepContext context) {
        int percentAtFailure = operation.trafficPercent().orElse(0);
        journal.step(operation.id(), "RollBack", "rolling back (" + why + ") from " + percentAtFailure
                + "% of traffic on the new function", null);
        List<String> leftovers = new ArrayList<>();
        restoreTriggers(operation, leftovers);
        deleteCreated(journal.ledger().load(operation.id()), leftovers, context);
        return new CleanupReport(percentAtFailure + "% of traffic on the new function", "every trigger is back on "
                + operation.functionName() + (leftovers.isEmpty() ? " and what the migration created was removed" : ""),
                leftovers);
    }

    @Override
    public List<String> remaining(Operation operation) {
        List<String> remaining = new ArrayList<>();
        operation.fact(ShiftFact.FACT, ShiftFact.class).ifPresent(shift -> shift.triggers().stream()
                .filter(state -> state.percentOnNew() > 0 || state.notes() != null)
                .forEach(state -> remaining.add("trigger " + state.trigger().kind() + " " + state.trigger().source()
                        + " is not restored to " + operation.functionName() + " (" + state.percentOnNew()
                        + "% on the new function" + (state.notes() == null ? "" : ", " + state.notes()) + ")")));
        operation.created().forEach(resource -> remaining.add(resource.type() + " " + resource.id()
                + " created by the migration still exists"));
        return remaining;
    }

    private void restoreTriggers(Operation operation, List<String> leftovers) {
        ShiftFact shift = operation.fact(ShiftFact.FACT, ShiftFact.class).orElse(null);
        if (shift == null) {
            return;
        }
        ShiftTarget target = operation.requireFact("plan", MigrationPlan.class).target();
        LedgerResourceRecorder recorder = new LedgerResourceRecorder(journal.ledger(), operation.id(), controlPlane.clock());
        List<TriggerState> states = new ArrayList<>(shift.triggers());
        for (int i = states.size() - 1; i >= 0; i--) {
            TriggerState state = states.get(i);
            if (state.percentOnNew() == 0 && state.notes() == null) {
                continue;
            }
            try {
                shifters.forKind(state.trigger().kind()).restore(state, target, recorder);
                states.set(i, new TriggerState(state.trigger(), 0, null));
                journal.ledger().appendStep(operation.id(), new StepEntry(journal.now(), "RollBack", "RUNNING",
                        "restored " + state.trigger().kind() + " " + state.trigger().source() + " to "
                        + operation.functionName(), null));
            } catch (RuntimeException e) {
                leftovers.add("trigger " + state.trigger().kind() + " " + state.trigger().source()
                        + " could not be restored: " + e.getMessage());
            }
        }
        ShiftFact restored = new ShiftFact(shift.position(), shift.stepIndex(), 0, shift.stepStartedAt(), states,
                shift.instructions());
        journal.ledger().update(operation.id(), op -> {
            op.fact(ShiftFact.FACT, restored, journal.now());
            op.traffic(0, journal.now());
        });
    }

    private void deleteCreated(Operation operation, List<String> leftovers, StepContext context) {
        List<CreatedResource> created = new ArrayList<>(operation.created());
        for (int i = created.size() - 1; i >= 0; i--) {
            CreatedResource resource = created.get(i);
            try {
                boolean deleted = switch (resource.type()) {
                    case "ALARM" -> {
                        alarms.delete(List.of(resource.id()));
                        yield true;
                    }
                    case "ALIAS" -> {
                        functions.deleteAlias(resource.owner(), resource.id());
                        yield true;
                    }
                    case "FUNCTION" -> {
                        try {
                            functions.ownedBy(resource.id(), operation.id());
                        } catch (NotCreatedByThisOperationException e) {
                            yield leaveSomeoneElses(operation, "function", resource, e.owner());
                        }
                        functions.deleteFunction(resource.id());
                        yield true;
                    }
                    case "CAPACITY_PROVIDER" -> {
                        var provider = providers.find(resource.id());
                        String creator = provider.map(providers::creator).orElse(null);
                        if (provider.isPresent() && !operation.id().equals(creator)) {
                            yield leaveSomeoneElses(operation, "capacity provider", resource, creator);
                        }
                        yield deleteCapacityProvider(resource.id(), leftovers, context);
                    }
                    default -> {
                        if (SHIFTER_TYPES.contains(resource.type())) {
                            leftovers.add(resource.type() + " " + resource.id() + " was not removed by its trigger's restore");
                        } else {
                            leftovers.add("unknown resource type " + resource.type() + " " + resource.id());
                        }
                        yield false;
                    }
                };
                if (deleted) {
                    journal.ledger().update(operation.id(), op -> op.recordDeleted(resource.type(), resource.id(), journal.now()));
                }
            } catch (RuntimeException e) {
                leftovers.add(resource.type() + " " + resource.id() + " could not be deleted: " + e.getMessage());
            }
        }
    }

    /**
     * A resource recorded as created whose tag says this operation did not create it (another operation's, or the
     * team's): it stays, the timeline says why, and the record forgets it (it was never this operation's to undo).
     */
    private boolean leaveSomeoneElses(Operation operation, String what, CreatedResource resource, String creator) {
        journal.ledger().appendStep(operation.id(), new StepEntry(journal.now(), "RollBack", "RUNNING", "left " + what
                + " " + resource.id() + " in place: " + NotCreatedByThisOperationException.describeOwner(creator)
                + ", not created by " + operation.id(), null));
        return true;
    }

    /** Deletes it once no function version is attached; versions of the deleted LMI function detach asynchronously. */
    private boolean deleteCapacityProvider(String name, List<String> leftovers, StepContext context) {
        Instant deadline = Instant.now().plus(DETACH_WAIT);
        while (true) {
            CapacityProviders.DeleteResult result = providers.delete(name);
            if (result != CapacityProviders.DeleteResult.IN_USE) {
                return true;
            }
            if (Instant.now().isAfter(deadline) || context.remainingTime().compareTo(TIME_TO_RECORD) < 0) {
                leftovers.add("capacity provider " + name + " still has versions attached ("
                        + providers.attachedVersions(name) + "): delete it with aws lambda delete-capacity-provider "
                        + "--capacity-provider-name " + name + " once they are gone");
                return false;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
