package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.validation.InvalidRequestException;

/** The checks every shifter makes on the share it is asked for. */
final class ShiftPercents {
    private ShiftPercents() {
    }

    static void requirePercent(int percentOnNew) {
        if (percentOnNew < 0 || percentOnNew > 100) {
            throw InvalidRequestException.of("traffic shift", "percentOnNew", percentOnNew + " is not a percentage",
                    "use a whole percentage from 0 to 100");
        }
    }

    /** Cut-over and manual triggers move all at once: the plan gives them 0 or 100 (see TrafficPlan.percentAt). */
    static void requireAllOrNothing(Trigger trigger, int percentOnNew) {
        if (percentOnNew != 0 && percentOnNew != 100) {
            throw InvalidRequestException.of("traffic shift", "percentOnNew",
                    percentOnNew + " cannot be applied to " + trigger.kind() + " trigger " + trigger.id()
                            + ": it moves all at once (" + trigger.mechanism() + ")",
                    "give it 0 before the plan's cut-over step and 100 from it on");
        }
    }
}
