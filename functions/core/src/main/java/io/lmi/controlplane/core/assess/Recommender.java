package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.SizingResult;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives the LMI configuration from the cost engine's sizing and the measured traffic (docs/assessment.md,
 * "Recommended configuration"): the execution environment's shape comes from the sizing, the scaling from the
 * concurrency the function really had.
 */
final class Recommender {
    private final AssessmentPolicy policy;

    Recommender(AssessmentPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param sizing        the cost engine's sizing for the recommended architecture
     * @param instanceVcpus vCPUs of the instance type the sizing chose
     * @param lmiRuntime    the runtime the LMI function uses (null for an image: it keeps the image's)
     */
    Recommendation recommend(SizingResult sizing, int instanceVcpus, TrafficProfile traffic, Architecture architecture,
                             String lmiRuntime, WorkloadProfile workload, int currentMemoryMb) {
        int vcpus = sizing.vcpusPerEnvironment();
        double ratio = sizing.memoryGiBPerVcpu().doubleValue();
        int memoryMb = (int) Math.round(vcpus * ratio * 1024);
        if (memoryMb > AssessmentPolicy.MAX_LMI_MEMORY_MB) {
            return Recommendation.unavailable("an execution environment would need " + memoryMb + " MB, above LMI's "
                    + AssessmentPolicy.MAX_LMI_MEMORY_MB + " MB maximum");
        }
        int sustainable = sizing.sustainableConcurrencyPerEnvironment();
        int maxConcurrency = clamp(workload == WorkloadProfile.IO
                ? sizing.concurrencyPerVcpuByMemory() * vcpus : sustainable, 1, AssessmentPolicy.MAX_CONCURRENCY_PER_ENVIRONMENT);
        if (!traffic.hasTraffic()) {
            return unmeasured(sizing, instanceVcpus, architecture, lmiRuntime, workload, currentMemoryMb, memoryMb,
                    ratio, maxConcurrency);
        }

        double floorConcurrency = traffic.highPercentileConcurrency();
        double peak = traffic.peakConcurrency() != null ? traffic.peakConcurrency()
                : sizing.targetConcurrency().doubleValue();
        double ceilingConcurrency = Math.max(peak, floorConcurrency) * policy.ceilingHeadroom();
        int min = environmentsFor(floorConcurrency, sustainable);
        int max = Math.max(min, (int) Math.ceil(ceilingConcurrency / sustainable));
        Recommendation.Basis basis = new Recommendation.Basis(sizing.instanceType(), instanceVcpus,
                sizing.environmentsPerInstance(), vcpus, sustainable, Rounding.round(floorConcurrency),
                Rounding.round(ceilingConcurrency));
        int fits = AssessmentPolicy.MAX_MAX_VCPU_COUNT / instanceVcpus * sizing.environmentsPerInstance();
        boolean capped = max > fits;
        if (capped) {
            max = Math.max(min, fits);
        }
        int maxVcpuCount = maxVCpuCount(max, basis, policy);
        Double cpuTarget = workload == WorkloadProfile.CPU ? policy.cpuBoundTargetCpuUtilization() : null;
        LmiConfiguration configuration = new LmiConfiguration(
                new LmiConfiguration.CapacityProvider(architecture.id(), List.of(), maxVcpuCount, cpuTarget),
                new LmiConfiguration.Function(lmiRuntime, memoryMb, ratio, maxConcurrency),
                new LmiConfiguration.Scaling(min, max));

        List<String> why = new ArrayList<>();
        why.add(String.format(Locale.ROOT, "Capacity provider: %s, AllowedInstanceTypes left empty so Lambda picks"
                + " any suitable C, M or R type (AWS's advice for availability); the estimate priced %s (%s family:"
                + " %s).", architecture.id(), sizing.instanceType(), sizing.familyClass(), sizing.familyClassReason()));
        why.add(String.format(Locale.ROOT, "Memory %d MB at %s GiB per vCPU gives each execution environment %d vCPU:"
                + " the function's %d MB per invocation x %d invocations' memory per vCPU, at least 2048 MB, rounded up"
                + " to whole vCPUs.", memoryMb, plain(ratio), vcpus, currentMemoryMb, sizing.concurrencyPerVcpuByMemory()));
        why.add(String.format(Locale.ROOT, "PerExecutionEnvironmentMaxConcurrency %d: %s.", maxConcurrency,
                workload == WorkloadProfile.IO
                        ? "I/O-bound work waits on the network, so each vCPU takes as many invocations as their memory"
                                + " allows, up to the runtime's per-vCPU cap"
                        : "what the environment's vCPUs sustain at the " + workload + " workload's CPU per invocation ("
                                + sizing.sustainableConcurrencyPerVcpu() + " per vCPU)"));
        why.add(String.format(Locale.ROOT, "MinExecutionEnvironments %d: the %s percentile of concurrency (%s) at %s%%"
                + " of the %d invocations an environment sustains, and never below %d (one per Availability Zone in"
                + " production).", min, ordinal(traffic.concurrencyPercentile()), plain(floorConcurrency),
                plain(policy.floorUtilisation() * 100), sustainable, policy.productionMinExecutionEnvironments()));
        why.add(String.format(Locale.ROOT, "MaxExecutionEnvironments %d: the peak concurrency (%s) x %s, the doubling"
                + " LMI absorbs%s.", max, plain(peak), plain(policy.ceilingHeadroom()),
                capped ? ", cut to what one capacity provider's 15,000 vCPUs hold" : ""));
        why.add(String.format(Locale.ROOT, "MaxVCpuCount %d: the cost ceiling; %d environments on %s instances (%d per"
                + " instance, %d vCPU each), rounded up to a multiple of %d. Invocations beyond it throttle.",
                maxVcpuCount, max, sizing.instanceType(), sizing.environmentsPerInstance(), instanceVcpus,
                policy.maxVCpuCountStep()));
        why.add(cpuTarget == null
                ? "Scaling mode Auto: Lambda tunes the CPU target itself."
                : String.format(Locale.ROOT, "Scaling mode Manual with a %s%% CPU target: CPU-bound work needs the"
                        + " headroom to double before the target is crossed.", plain(cpuTarget)));
        return new Recommendation(configuration, basis, why);
    }

    /**
     * Without any measured traffic there is nothing to size the scaling from: the production floor, no ceiling of
     * environments, and the capacity provider's own default MaxVCpuCount as the cost ceiling. Only a forced migration
     * uses it; the verdict is INSUFFICIENT_DATA.
     */
    private Recommendation unmeasured(SizingResult sizing, int instanceVcpus, Architecture architecture,
                                      String lmiRuntime, WorkloadProfile workload, int currentMemoryMb, int memoryMb,
                                      double ratio, int maxConcurrency) {
        int min = policy.productionMinExecutionEnvironments();
        int vcpuCeiling = Math.max(policy.unmeasuredMaxVCpuCount(), maxVCpuCount(min, new Recommendation.Basis(
                sizing.instanceType(), instanceVcpus, sizing.environmentsPerInstance(), sizing.vcpusPerEnvironment(),
                sizing.sustainableConcurrencyPerEnvironment(), 0, 0), policy));
        Double cpuTarget = workload == WorkloadProfile.CPU ? policy.cpuBoundTargetCpuUtilization() : null;
        LmiConfiguration configuration = new LmiConfiguration(
                new LmiConfiguration.CapacityProvider(architecture.id(), List.of(), vcpuCeiling, cpuTarget),
                new LmiConfiguration.Function(lmiRuntime, memoryMb, ratio, maxConcurrency),
                new LmiConfiguration.Scaling(min, null));
        List<String> why = new ArrayList<>();
        why.add("No traffic was measured, so the scaling is not sized from it: the production floor of " + min
                + " execution environments, no ceiling of environments, and MaxVCpuCount " + vcpuCeiling
                + " (the capacity provider's default) as the cost ceiling. Assess again once the function has traffic.");
        why.add(String.format(Locale.ROOT, "Memory %d MB at %s GiB per vCPU (%d vCPU per execution environment) and"
                        + " PerExecutionEnvironmentMaxConcurrency %d, from the function's %d MB and the %s workload;"
                        + " the shape the estimate would price on %s.", memoryMb, plain(ratio),
                sizing.vcpusPerEnvironment(), maxConcurrency, currentMemoryMb, workload, sizing.instanceType()));
        return new Recommendation(configuration, new Recommendation.Basis(sizing.instanceType(), instanceVcpus,
                sizing.environmentsPerInstance(), sizing.vcpusPerEnvironment(),
                sizing.sustainableConcurrencyPerEnvironment(), 0, 0), why);
    }

    /** Environments for a concurrency at the floor's utilisation, never below the production minimum. */
    int environmentsFor(double concurrency, int sustainablePerEnvironment) {
        int needed = (int) Math.ceil(concurrency / (sustainablePerEnvironment * policy.floorUtilisation()) - 1e-9);
        return Math.max(policy.productionMinExecutionEnvironments(), needed);
    }

    /** vCPUs the instances holding {@code environments} have, rounded up to the step, within 2-15000. */
    static int maxVCpuCount(int environments, Recommendation.Basis basis, AssessmentPolicy policy) {
        long instances = (environments + (long) basis.executionEnvironmentsPerInstance() - 1)
                / basis.executionEnvironmentsPerInstance();
        long raw = instances * basis.instanceVcpus();
        long stepped = (raw + policy.maxVCpuCountStep() - 1) / policy.maxVCpuCountStep() * policy.maxVCpuCountStep();
        return (int) Math.max(AssessmentPolicy.MIN_MAX_VCPU_COUNT, Math.min(AssessmentPolicy.MAX_MAX_VCPU_COUNT, stepped));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(Rounding.round(value)).stripTrailingZeros().toPlainString();
    }

    private static String ordinal(double percentile) {
        String n = plain(percentile);
        return n + (n.endsWith("1") && !n.endsWith("11") ? "st" : n.endsWith("2") && !n.endsWith("12") ? "nd"
                : n.endsWith("3") && !n.endsWith("13") ? "rd" : "th");
    }
}
