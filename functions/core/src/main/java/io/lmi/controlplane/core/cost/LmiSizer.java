package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Sizes an LMI fleet with the AWS LMI pricing calculator's method (CALCULATOR_METHODOLOGY.md, calculator.js), step by
 * step, with every factor from {@link SizingPolicy}. The instance family follows the workload and the architecture,
 * and the size is the one with the cheapest fleet; a pinned instance type replaces that choice.
 *
 * <p>One deliberate difference from calculator.js: where an instance cannot hold a single environment, the calculator
 * still counts one per instance ({@code Math.max(1, ...)}); here such a type is not a candidate, and pinning it is an
 * error, because LMI could not place the environment there.
 */
public final class LmiSizer {
    private final SizingPolicy policy;
    private final int hoursPerMonth;

    public LmiSizer(SizingPolicy policy, int hoursPerMonth) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hoursPerMonth = hoursPerMonth;
    }

    public SizingPolicy policy() {
        return policy;
    }

    /** What to size. */
    public record Request(
            RuntimeFamily runtime,
            WorkloadProfile workload,
            int memoryMb,
            Architecture architecture,
            ConcurrencyModel concurrency,
            long requestsPerMonth,
            String pinnedInstanceType) {

        public Request {
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(concurrency, "concurrency");
        }
    }

    /** A size that holds at least one environment, with the shape of environment it would run. */
    public record Candidate(String instanceType, PriceTable.InstanceTypePrice price, ExecutionEnvironmentShape shape,
            int environmentsPerInstance) {}

    /** The family class for a workload: memory-heavy functions go to r, the rest by workload (m or c). */
    public String familyClassFor(WorkloadProfile workload, int memoryMb) {
        return memoryMb > policy.memoryHeavyThresholdMb()
                ? policy.memoryHeavyFamilyClass()
                : policy.familyClassByWorkload().get(workload);
    }

    /** Calculator steps 1-5 for one invocation memory and one memory-to-vCPU ratio. */
    public ExecutionEnvironmentShape shape(RuntimeFamily runtime, WorkloadProfile workload, int memoryMb,
            BigDecimal memoryGiBPerVcpu) {
        int cap = policy.concurrencyCap(runtime);
        BigDecimal memoryPerVcpuMb = memoryGiBPerVcpu.multiply(BigDecimal.valueOf(1024));
        int byMemory = memoryPerVcpuMb.divide(BigDecimal.valueOf(memoryMb), 0, RoundingMode.FLOOR).intValueExact();
        int concurrencyPerVcpuByMemory = Math.max(1, Math.min(cap, byMemory));
        long functionMemoryMb = Math.max(policy.minFunctionMemoryMb(), (long) memoryMb * concurrencyPerVcpuByMemory);
        int vcpusPerEnvironment = BigDecimal.valueOf(functionMemoryMb)
                .divide(memoryPerVcpuMb, 0, RoundingMode.CEILING).intValueExact();
        BigDecimal cpuPercent = policy.workloadCpuPercentPerInvocation().get(workload);
        int byCpu = BigDecimal.valueOf(100).divide(cpuPercent, 0, RoundingMode.FLOOR).intValueExact();
        int sustainablePerVcpu = Math.max(1, Math.min(byCpu, cap));
        return new ExecutionEnvironmentShape(memoryGiBPerVcpu, concurrencyPerVcpuByMemory, functionMemoryMb,
                vcpusPerEnvironment, sustainablePerVcpu, sustainablePerVcpu * vcpusPerEnvironment);
    }

    /** Calculator step 6: environments one instance holds after the OS reservation; empty when not even one fits. */
    public OptionalInt environmentsPerInstance(PriceTable.InstanceTypePrice type, ExecutionEnvironmentShape shape) {
        long byCpu = (type.vcpus() - policy.reservedVcpusPerInstance()) / shape.vcpusPerEnvironment();
        long byMemory = (type.memoryMb() - policy.reservedMemoryMbPerInstance()) / shape.functionMemoryMb();
        long fits = Math.min(byCpu, byMemory);
        return fits >= 1 ? OptionalInt.of((int) Math.min(fits, Integer.MAX_VALUE)) : OptionalInt.empty();
    }

    /** Calculator step 7: max(min instances, ceil(environments / environments per instance)). */
    public long baseInstances(long environmentsNeeded, int environmentsPerInstance) {
        long packed = (environmentsNeeded + environmentsPerInstance - 1) / environmentsPerInstance;
        return Math.max(policy.minInstances(), packed);
    }

    /** Calculator step 8: max(min instances, ceil(base x scaling buffer)). */
    public long finalInstances(long baseInstances) {
        long buffered = BigDecimal.valueOf(baseInstances).multiply(policy.scalingBuffer())
                .setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(policy.minInstances(), buffered);
    }

    /**
     * The sizes that can run this workload: every priced type of the chosen family (or just the pinned type) that
     * holds at least one environment.
     *
     * @throws InvalidCostInputException (field INSTANCE_TYPE) when a pinned type has the wrong architecture, a family
     *     LMI does not offer, or cannot hold one environment
     * @throws UnknownInstanceTypeException when the pinned type, or the whole chosen family, is not priced
     */
    public List<Candidate> candidates(Request request, PriceTable prices) {
        return candidates(request.runtime(), request.workload(), request.memoryMb(), request.architecture(),
                request.pinnedInstanceType(), prices);
    }

    /**
     * The same candidates without a volume, for estimates that count environments rather than requests (a capacity
     * schedule's savings).
     */
    public List<Candidate> candidates(RuntimeFamily runtime, WorkloadProfile workload, int memoryMb,
            Architecture architecture, String pinnedInstanceType, PriceTable prices) {
        if (pinnedInstanceType != null) {
            return List.of(pinnedCandidate(runtime, workload, memoryMb, architecture, pinnedInstanceType, prices));
        }
        String familyClass = familyClassFor(workload, memoryMb);
        String family = familyClass + policy.familyGeneration().get(architecture);
        BigDecimal ratio = policy.memoryGiBPerVcpu(familyClass).orElseThrow();
        ExecutionEnvironmentShape shape = shape(runtime, workload, memoryMb, ratio);
        List<Candidate> out = new ArrayList<>();
        boolean anyPriced = false;
        for (var entry : prices.instanceTypes().entrySet()) {
            var name = InstanceTypeName.tryParse(entry.getKey());
            if (name.isEmpty() || !name.get().family().equals(family)
                    || entry.getValue().architecture() != architecture) {
                continue;
            }
            anyPriced = true;
            environmentsPerInstance(entry.getValue(), shape).ifPresent(epi ->
                    out.add(new Candidate(entry.getKey(), entry.getValue(), shape, epi)));
        }
        if (!anyPriced) {
            throw new UnknownInstanceTypeException(family + ".*", prices.region(),
                    "; no size of the " + family + " family is priced, so sizing has nothing to choose from");
        }
        if (out.isEmpty()) {
            throw new InvalidCostInputException(CostField.MEMORY_MB, "no " + family + " size can hold one execution"
                    + " environment of " + shape.functionMemoryMb() + " MB and " + shape.vcpusPerEnvironment()
                    + " vCPU after the per-instance OS reservation; lower the memory or pin a larger instance type");
        }
        out.sort(Comparator.comparingInt((Candidate c) -> c.price().vcpus()).thenComparing(Candidate::instanceType));
        return List.copyOf(out);
    }

    private Candidate pinnedCandidate(RuntimeFamily runtime, WorkloadProfile workload, int memoryMb,
            Architecture architecture, String typeName, PriceTable prices) {
        PriceTable.InstanceTypePrice price = prices.instanceType(typeName);
        if (price.architecture() != architecture) {
            throw new InvalidCostInputException(CostField.INSTANCE_TYPE, typeName + " is " + price.architecture()
                    + " but the function is " + architecture
                    + "; the capacity provider's architecture must match the function's");
        }
        InstanceTypeName name = InstanceTypeName.tryParse(typeName).orElseThrow();
        BigDecimal ratio = policy.memoryGiBPerVcpu(name.familyClass()).orElseThrow(() ->
                new InvalidCostInputException(CostField.INSTANCE_TYPE, typeName + " is not a C, M or R family type,"
                        + " the families LMI runs on"));
        ExecutionEnvironmentShape shape = shape(runtime, workload, memoryMb, ratio);
        int epi = environmentsPerInstance(price, shape).orElseThrow(() ->
                new InvalidCostInputException(CostField.INSTANCE_TYPE, typeName + " (" + price.vcpus() + " vCPU, "
                        + price.memoryGib().toPlainString() + " GiB) cannot hold one execution environment of "
                        + shape.functionMemoryMb() + " MB and " + shape.vcpusPerEnvironment()
                        + " vCPU after reserving " + policy.reservedVcpusPerInstance() + " vCPU and "
                        + policy.reservedMemoryMbPerInstance() + " MB for the OS; pick a larger size"));
        return new Candidate(typeName, price, shape, epi);
    }

    /** The fleet each candidate needs at the request's volume, and the cheapest of them. */
    public SizingResult size(Request request, PriceTable prices) {
        List<Candidate> candidates = candidates(request, prices);
        List<SizingResult.Candidate> considered = new ArrayList<>();
        Candidate best = null;
        long bestInstances = 0;
        BigDecimal bestCost = null;
        for (Candidate c : candidates) {
            long envs = request.concurrency().environmentsNeeded(request.requestsPerMonth(),
                    c.shape().sustainableConcurrencyPerEnvironment());
            long instances = finalInstances(baseInstances(envs, c.environmentsPerInstance()));
            BigDecimal cost = c.price().onDemandHourlyUsd().multiply(BigDecimal.valueOf(instances))
                    .multiply(BigDecimal.valueOf(hoursPerMonth));
            considered.add(new SizingResult.Candidate(c.instanceType(), c.environmentsPerInstance(), instances, cost));
            // Candidates are ordered by size, so a strict "<" hands ties to the smaller size.
            if (bestCost == null || cost.compareTo(bestCost) < 0) {
                best = c;
                bestCost = cost;
                bestInstances = instances;
            }
        }
        Candidate chosen = Objects.requireNonNull(best);
        ExecutionEnvironmentShape shape = chosen.shape();
        long envs = request.concurrency().environmentsNeeded(request.requestsPerMonth(),
                shape.sustainableConcurrencyPerEnvironment());
        String familyClass = InstanceTypeName.tryParse(chosen.instanceType()).orElseThrow().familyClass();
        String reason;
        if (request.pinnedInstanceType() != null) {
            reason = "instance type given";
        } else if (request.memoryMb() > policy.memoryHeavyThresholdMb()) {
            reason = "memory " + request.memoryMb() + " MB is above " + policy.memoryHeavyThresholdMb() + " MB";
        } else {
            reason = "workload " + request.workload();
        }
        return new SizingResult(
                chosen.instanceType(),
                bestInstances,
                familyClass,
                reason,
                request.concurrency().targetConcurrency(request.requestsPerMonth()),
                request.concurrency().basis(),
                ConcurrencyModel.LITTLES_LAW.equals(request.concurrency().basis()) ? policy.peakToAverageFactor() : null,
                shape.memoryGiBPerVcpu(),
                shape.concurrencyPerVcpuByMemory(),
                shape.functionMemoryMb(),
                shape.vcpusPerEnvironment(),
                shape.sustainableConcurrencyPerVcpu(),
                shape.sustainableConcurrencyPerEnvironment(),
                envs,
                chosen.environmentsPerInstance(),
                baseInstances(envs, chosen.environmentsPerInstance()),
                policy.minInstances(),
                policy.scalingBuffer(),
                considered);
    }
}
