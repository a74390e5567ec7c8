package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * Every trigger of a function, from every shifter. A shifter that cannot look (a missing permission, a throttled API)
 * fails the whole discovery: a migration that does not know all triggers would leave some on the original function.
 */
public final class TriggerDiscovery {
    private final TriggerShifters shifters;

    public TriggerDiscovery(TriggerShifters shifters) {
        this.shifters = shifters;
    }

    public List<Trigger> discover(FunctionTargets function) {
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerShifter shifter : shifters.all()) {
            try {
                triggers.addAll(shifter.discover(function));
            } catch (RuntimeException e) {
                throw new TriggerDiscoveryException("cannot list the " + shifter.kinds() + " triggers of "
                        + function.functionName() + " (" + e.getMessage() + "); every trigger must be known before "
                        + "traffic moves: fix the cause (often a missing read permission of the control plane) and retry", e);
            }
        }
        return triggers;
    }

    /** Discovery could not complete. */
    public static final class TriggerDiscoveryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TriggerDiscoveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
