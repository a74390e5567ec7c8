package io.lmi.controlplane.core.schedule;

import java.util.Optional;

/**
 * The port through which the validator asks whether a function version runs on Lambda Managed Instances. Only AWS
 * knows (GetFunctionConfiguration's CapacityProviderConfig), so the adapter implements it; offline callers
 * (./lmi schedule plan) do not pass one and say so in their output.
 */
@FunctionalInterface
public interface ManagedInstancesCheck {

    /**
     * @return empty when {@code function} at {@code qualifier} is an LMI function; otherwise a sentence saying why the
     *         schedule cannot govern it, e.g. "orders has no capacity provider configuration: it runs on Lambda
     *         (default), where scaling configs do not apply".
     */
    Optional<String> problemWith(String function, String qualifier);
}
