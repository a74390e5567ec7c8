package io.lmi.controlplane.functions.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.schedule.ScheduleApplier;
import io.lmi.controlplane.aws.schedule.ScheduleRequest;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;

/**
 * CapacityScheduleRequested (action apply, the default) from the bus: admits the schedule, stores it, creates its
 * EventBridge Scheduler schedules and sets what the calendar says now. A refused schedule throws
 * {@link io.lmi.controlplane.core.validation.InvalidRequestException} naming every field, after recording the refusal
 * (SCHEDULE_REQUEST#id, status REFUSED) and announcing it (CapacityScheduleFailed); nothing else changes. The same
 * request id delivered again (EventBridge redelivery, Lambda's retry of the invocation that threw) is not acted on
 * again: its recorded outcome is returned.
 */
public final class ApplyScheduleHandler extends StepHandler<JsonNode, ScheduleRequestRecord> {
    private final ScheduleApplier applier;

    public ApplyScheduleHandler() {
        this(ControlPlane.fromEnvironment());
    }

    /** With a given control plane (its environment, clients and clock): tests, and hosts other than Lambda. */
    public ApplyScheduleHandler(ControlPlane controlPlane) {
        super(JsonNode.class);
        this.applier = new ScheduleApplier(ScheduleSettings.adapters(controlPlane, true));
    }

    @Override
    protected ScheduleRequestRecord handle(JsonNode event, StepContext context) {
        ScheduleRequest request = ScheduleRequest.fromEvent(event, context.requestId());
        if (request.action() != ScheduleRequest.Action.APPLY) {
            // The rules route removals to RemoveScheduleFunction; one arriving here was misrouted and is not recorded,
            // so it cannot overwrite the outcome the remove function records for the same request id.
            throw new IllegalArgumentException("request " + request.requestId() + " asks to " + request.action().text()
                    + ", which RemoveScheduleFunction handles; check the event rules in template.yaml");
        }
        return applier.apply(request);
    }
}
