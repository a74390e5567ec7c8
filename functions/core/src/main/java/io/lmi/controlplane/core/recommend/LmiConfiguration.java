package io.lmi.controlplane.core.recommend;

import java.util.List;

/**
 * How a function should run on LMI: the assessment recommends it, the migration applies it unchanged, and a team can
 * paste the same values into SAM (see {@code SamSnippet}).
 *
 * @param capacityProvider where it runs
 * @param function         how each execution environment is sized and how many requests it serves at once
 * @param scaling          the floor and ceiling of execution environments for the published version
 */
public record LmiConfiguration(CapacityProvider capacityProvider, Function function, Scaling scaling) {

    /**
     * @param architecture         {@code arm64} or {@code x86_64}; the function must match it
     * @param allowedInstanceTypes empty lets Lambda choose (AWS's recommendation, for availability)
     * @param maxVCpuCount         the cost ceiling: new invocations throttle when it is reached (2-15000)
     * @param targetCpuUtilization null for Auto scaling; a value switches the provider to Manual with one CPU target
     */
    public record CapacityProvider(String architecture, List<String> allowedInstanceTypes, int maxVCpuCount,
                                   Double targetCpuUtilization) {
        public CapacityProvider {
            allowedInstanceTypes = allowedInstanceTypes == null ? List.of() : List.copyOf(allowedInstanceTypes);
        }
    }

    /**
     * @param runtime                              the runtime on LMI (may be an upgrade of the current one)
     * @param memoryMb                             at least 2048, a multiple of the ratio in GiB
     * @param memoryGiBPerVCpu                     2, 4 or 8
     * @param perExecutionEnvironmentMaxConcurrency concurrent requests per execution environment (1-1600)
     */
    public record Function(String runtime, int memoryMb, double memoryGiBPerVCpu, int perExecutionEnvironmentMaxConcurrency) {
    }

    /**
     * @param minExecutionEnvironments 3 or more in production (one per AZ)
     * @param maxExecutionEnvironments null for no ceiling beyond the capacity provider's MaxVCpuCount
     */
    public record Scaling(int minExecutionEnvironments, Integer maxExecutionEnvironments) {
    }
}
