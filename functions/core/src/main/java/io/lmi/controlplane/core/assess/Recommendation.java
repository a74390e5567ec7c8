package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * The LMI configuration the assessment recommends, the sizing facts it came from, and why each value is what it is.
 * The configuration is what the migration applies unchanged.
 *
 * @param configuration null when no configuration can be given (the runtime has no LMI version, or nothing could be
 *                      priced); {@code explanation} then says why
 * @param basis         null exactly when {@code configuration} is
 */
public record Recommendation(LmiConfiguration configuration, Basis basis, List<String> explanation) {

    public Recommendation {
        explanation = List.copyOf(explanation);
        if ((configuration == null) != (basis == null)) {
            throw new IllegalArgumentException("a configuration comes with its basis, and only then");
        }
    }

    public static Recommendation unavailable(String why) {
        return new Recommendation(null, null, List.of(why));
    }

    @JsonIgnore
    public boolean isAvailable() {
        return configuration != null;
    }

    /**
     * What the configuration was derived from; enough to re-derive MaxVCpuCount when a request overrides the scaling.
     *
     * @param pricedInstanceType                    the instance type the cost estimate used
     * @param instanceVcpus                         its vCPUs
     * @param executionEnvironmentsPerInstance      environments one such instance holds after the OS reservation
     * @param vcpusPerExecutionEnvironment          vCPUs of one environment
     * @param sustainableConcurrencyPerExecutionEnvironment invocations one environment carries at the workload's CPU
     * @param floorConcurrency                      the concurrency the minimum covers (the high percentile)
     * @param ceilingConcurrency                    the concurrency the maximum covers (peak x headroom)
     */
    public record Basis(String pricedInstanceType, int instanceVcpus, int executionEnvironmentsPerInstance,
                        int vcpusPerExecutionEnvironment, int sustainableConcurrencyPerExecutionEnvironment,
                        double floorConcurrency, double ceilingConcurrency) {
    }

    /**
     * The recommendation with a request's floor and ceiling (MigrationRequest minExecutionEnvironments /
     * maxExecutionEnvironments) in place of the recommended ones; MaxVCpuCount grows if the new ceiling needs it.
     * A floor above the recommended ceiling lifts the ceiling to it; a ceiling below the recommended floor lowers the
     * floor to it (the request's explicit value wins over the recommendation's).
     */
    public Recommendation withScaling(Integer minExecutionEnvironments, Integer maxExecutionEnvironments,
                                      AssessmentPolicy policy) {
        if (configuration == null || (minExecutionEnvironments == null && maxExecutionEnvironments == null)) {
            return this;
        }
        LmiConfiguration.Scaling recommended = configuration.scaling();
        int min = minExecutionEnvironments != null ? minExecutionEnvironments : recommended.minExecutionEnvironments();
        Integer max = maxExecutionEnvironments != null ? maxExecutionEnvironments : recommended.maxExecutionEnvironments();
        if (max != null && max < min) {
            if (maxExecutionEnvironments != null && minExecutionEnvironments == null) {
                min = max;
            } else {
                max = min;
            }
        }
        int ceilingEnvironments = max != null ? max : min;
        int vcpus = Math.max(configuration.capacityProvider().maxVCpuCount(),
                Recommender.maxVCpuCount(ceilingEnvironments, basis, policy));
        LmiConfiguration.CapacityProvider cp = configuration.capacityProvider();
        LmiConfiguration changed = new LmiConfiguration(
                new LmiConfiguration.CapacityProvider(cp.architecture(), cp.allowedInstanceTypes(), vcpus,
                        cp.targetCpuUtilization()),
                configuration.function(),
                new LmiConfiguration.Scaling(min, max));
        List<String> notes = new ArrayList<>(explanation);
        notes.add("The request set the scaling to MinExecutionEnvironments " + min + " and MaxExecutionEnvironments "
                + max + " (recommended " + recommended.minExecutionEnvironments() + " and "
                + recommended.maxExecutionEnvironments() + "); MaxVCpuCount is " + vcpus + ".");
        return new Recommendation(changed, basis, notes);
    }
}
