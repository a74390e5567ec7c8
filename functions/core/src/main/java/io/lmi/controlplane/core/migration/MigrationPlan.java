package io.lmi.controlplane.core.migration;

import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import java.util.List;

/**
 * Every change a migration will make, decided before the first one: the plan step records it, a dry run reports it
 * and stops, and each later step executes its part of it.
 *
 * @param capacityProvider reuse an Active provider, or create one with these settings and this configuration
 * @param copy             the LMI function
 * @param target           the original function's ARN and the LMI alias's ARN that its triggers will invoke
 * @param traffic          the triggers and the share each carries at each step
 * @param changes          every change, in order, in words (the dry run's report)
 */
public record MigrationPlan(CapacityProviderChoice capacityProvider, FunctionCopyPlan copy, ShiftTarget target,
                            String aliasName,
                            LmiConfiguration.Scaling scaling, GateSettings gates, List<String> alarmNames,
                            long bakeSeconds, TrafficPlan traffic, List<String> changes) {

    public MigrationPlan {
        alarmNames = List.copyOf(alarmNames);
        changes = List.copyOf(changes);
    }

    /**
     * @param reuse true when an Active provider with the same network, role and architecture exists
     * @param name  the provider to reuse, or the stable name of the one to create
     */
    public record CapacityProviderChoice(boolean reuse, String name, CapacityProviderSettings settings,
                                         LmiConfiguration.CapacityProvider configuration) {
    }
}
