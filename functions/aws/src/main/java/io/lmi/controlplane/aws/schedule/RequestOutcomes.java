package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.ScheduleProblem;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Recording and announcing how a request ended, the same way for apply and remove. */
final class RequestOutcomes {
    static final String FIX = "correct it and send the request again; the rules are in docs/capacity-schedules.md";

    private final ScheduleLedger ledger;
    private final ScheduleEvents events;

    RequestOutcomes(ScheduleLedger ledger, ScheduleEvents events) {
        this.ledger = ledger;
        this.events = events;
    }

    /** Records the refusal (once per request id), announces it, and returns the exception to throw. */
    InvalidRequestException refuse(ScheduleRequest request, String key, List<ScheduleProblem> problems,
                                   Instant receivedAt, Instant now) {
        ScheduleRequestRecord record = new ScheduleRequestRecord(request.requestId(), request.action().text(), key,
                request.functionName(), ScheduleRequestRecord.Status.REFUSED, request.requestedBy(), receivedAt, now,
                "refused, nothing was changed: " + describe(problems),
                problems.stream().map(p -> new ScheduleRequestRecord.Problem(p.path(), p.message())).toList(),
                List.of(), null, List.of(), null);
        finish(record);
        return invalid(request.action(), record.problems());
    }

    /** Records that the request failed part-way and what the undo did; returns the exception to throw. */
    ScheduleChangeFailedException fail(ScheduleRequest request, String key, RuntimeException cause, Undo.Report undo,
                                       Instant receivedAt, Instant now) {
        String message = "failed: " + cause.getMessage() + "; " + undo.describe()
                + (undo.complete() ? " (nothing is left changed; sending the request again retries it)" : "");
        ScheduleRequestRecord record = new ScheduleRequestRecord(request.requestId(), request.action().text(), key,
                request.functionName(), ScheduleRequestRecord.Status.FAILED, request.requestedBy(), receivedAt, now,
                message, List.of(), List.of(), null, List.of(), undo.describe());
        finish(record);
        return new ScheduleChangeFailedException("capacity schedule request " + request.requestId() + " " + message, cause);
    }

    /** Records that the request could not start because another change holds the schedule. */
    ScheduleBusyException busy(ScheduleRequest request, String key, String holder, Instant receivedAt, Instant now) {
        String message = "not started: another change of the schedule " + key + " is in progress (" + holder
                + "); nothing was changed, and a redelivery of this request tries again";
        finish(new ScheduleRequestRecord(request.requestId(), request.action().text(), key, request.functionName(),
                ScheduleRequestRecord.Status.FAILED, request.requestedBy(), receivedAt, now, message, List.of(),
                List.of(), null, List.of(), null));
        return new ScheduleBusyException(message);
    }

    void finish(ScheduleRequestRecord record) {
        ledger.recordRequest(record);
        events.outcome(record);
    }

    /**
     * A request seen before with a final outcome (EventBridge redelivered it, or Lambda retried an invocation that
     * threw): nothing is done again. An outcome that changed something is announced again (at least once: the first
     * announcement may be what failed); a refusal is returned without throwing, so Lambda stops retrying it, and not
     * announced again, as it was when it was recorded.
     */
    ScheduleRequestRecord replay(ScheduleRequestRecord earlier) {
        if (earlier.status() != ScheduleRequestRecord.Status.REFUSED) {
            events.outcome(earlier);
        }
        return earlier;
    }

    static InvalidRequestException invalid(ScheduleRequest.Action action, List<ScheduleRequestRecord.Problem> problems) {
        return new InvalidRequestException(action == ScheduleRequest.Action.REMOVE ? "capacity schedule removal"
                : "capacity schedule", problems.stream().map(p -> new FieldError(p.path(), p.message(), FIX)).toList());
    }

    static String describe(List<ScheduleProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(ScheduleProblem::toString).collect(Collectors.joining("; "));
    }
}
