package io.lmi.controlplane.functions.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.schedule.ScheduleRemover;
import io.lmi.controlplane.aws.schedule.ScheduleRequest;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;

/**
 * CapacityScheduleRequested with {@code "action": "remove"}: deletes the schedule's EventBridge Scheduler schedules,
 * gives every version it governed Lambda's default back (Min 3, no maximum) and deletes the stored schedule.
 */
public final class RemoveScheduleHandler extends StepHandler<JsonNode, ScheduleRequestRecord> {
    private final ScheduleRemover remover;

    public RemoveScheduleHandler() {
        this(ControlPlane.fromEnvironment());
    }

    /** With a given control plane (its environment, clients and clock): tests, and hosts other than Lambda. */
    public RemoveScheduleHandler(ControlPlane controlPlane) {
        super(JsonNode.class);
        this.remover = new ScheduleRemover(ScheduleSettings.adapters(controlPlane, true));
    }

    @Override
    protected ScheduleRequestRecord handle(JsonNode event, StepContext context) {
        ScheduleRequest request = ScheduleRequest.fromEvent(event, context.requestId());
        if (request.action() != ScheduleRequest.Action.REMOVE) {
            throw new IllegalArgumentException("request " + request.requestId() + " asks to " + request.action().text()
                    + ", which ApplyScheduleFunction handles; check the event rules in template.yaml");
        }
        return remover.remove(request);
    }
}
