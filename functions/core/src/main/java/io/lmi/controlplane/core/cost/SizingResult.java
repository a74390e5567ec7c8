package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of sizing, with every intermediate value of the calculator's method so a reader can follow it.
 *
 * @param familyClassReason why this family class (workload, or memory above the memory-heavy threshold, or pinned)
 * @param targetConcurrencyBasis littles-law or measured-peak
 * @param candidates every size of the family that holds at least one environment, with its fleet and on-demand EC2
 *     cost; the cheapest is chosen (ties go to the smaller size)
 */
@JsonPropertyOrder({"instanceType", "instances", "familyClass", "familyClassReason", "targetConcurrency",
    "targetConcurrencyBasis", "peakToAverageFactor"})
public record SizingResult(
        String instanceType,
        long instances,
        String familyClass,
        String familyClassReason,
        @JsonSerialize(using = JsonNumbers.Quantity.class) BigDecimal targetConcurrency,
        String targetConcurrencyBasis,
        BigDecimal peakToAverageFactor,
        BigDecimal memoryGiBPerVcpu,
        int concurrencyPerVcpuByMemory,
        long functionMemoryMb,
        int vcpusPerEnvironment,
        int sustainableConcurrencyPerVcpu,
        int sustainableConcurrencyPerEnvironment,
        long environmentsNeeded,
        int environmentsPerInstance,
        long baseInstances,
        int minInstances,
        BigDecimal scalingBuffer,
        List<Candidate> candidates) {

    public SizingResult {
        candidates = List.copyOf(candidates);
    }

    /** One size considered. */
    public record Candidate(
            String instanceType,
            int environmentsPerInstance,
            long instances,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal onDemandEc2MonthlyUsd) {}
}
