package io.lmi.controlplane.functions.schedule;

import io.lmi.controlplane.aws.schedule.ScheduleVersionFollower;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.regex.Pattern;

/**
 * A workflow task for rollouts and migrations: once the function's traffic is on a new version, move its capacity
 * schedule there ({@link ScheduleVersionFollower}). Input {@code {"functionName": "orders-api", "qualifier": "8",
 * "requestedBy": "rollout rol-123"}}; output the {@link ScheduleVersionFollower.Result} (status FOLLOWED,
 * ALREADY_THERE or NOT_SCHEDULED). Throws InvalidRequestException when the schedule cannot govern that version
 * (nothing changed), ScheduleBusyException when another change held the schedule (retry it).
 */
public final class FollowScheduleVersionHandler
        extends StepHandler<FollowScheduleVersionHandler.Input, ScheduleVersionFollower.Result> {

    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST\\.PUBLISHED|[0-9]{1,128}");

    /** The task's input. */
    public record Input(String functionName, String qualifier, String requestedBy) implements Validatable {
        @Override
        public void validate() {
            Validator v = new Validator("schedule version move");
            v.require("functionName", functionName, "pass the function whose traffic moved, e.g. $.functionName");
            if (v.require("qualifier", qualifier, "pass the version it runs now, e.g. $.newVersion")) {
                v.matches("qualifier", qualifier, QUALIFIER, "use a version number or $LATEST.PUBLISHED, never an alias");
            }
            v.throwIfInvalid();
        }
    }

    private final ScheduleVersionFollower follower;

    public FollowScheduleVersionHandler() {
        this(ControlPlane.fromEnvironment());
    }

    /** With a given control plane (its environment, clients and clock): tests, and hosts other than Lambda. */
    public FollowScheduleVersionHandler(ControlPlane controlPlane) {
        super(Input.class);
        this.follower = new ScheduleVersionFollower(ScheduleSettings.adapters(controlPlane, false));
    }

    @Override
    protected ScheduleVersionFollower.Result handle(Input input, StepContext context) {
        return follower.follow(input.functionName(), input.qualifier(),
                input.requestedBy() == null ? "workflow (" + context.functionName() + ")" : input.requestedBy());
    }
}
