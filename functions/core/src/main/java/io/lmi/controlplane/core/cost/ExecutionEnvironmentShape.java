package io.lmi.controlplane.core.cost;

import java.math.BigDecimal;

/**
 * One LMI execution environment as the calculator sizes it (steps 1-5 of CALCULATOR_METHODOLOGY.md).
 *
 * @param memoryGiBPerVcpu the environment's memory-to-vCPU ratio
 * @param concurrencyPerVcpuByMemory how many invocations' memory one vCPU's share of memory holds:
 *     max(1, min(runtime cap, floor(ratio x 1024 / memory per invocation)))
 * @param functionMemoryMb max(2048, ceil(memory per invocation x concurrencyPerVcpuByMemory))
 * @param vcpusPerEnvironment ceil(functionMemoryMb / (ratio x 1024))
 * @param sustainableConcurrencyPerVcpu min(floor(100 / CPU% per invocation), runtime cap)
 * @param sustainableConcurrencyPerEnvironment sustainableConcurrencyPerVcpu x vcpusPerEnvironment
 */
public record ExecutionEnvironmentShape(
        BigDecimal memoryGiBPerVcpu,
        int concurrencyPerVcpuByMemory,
        long functionMemoryMb,
        int vcpusPerEnvironment,
        int sustainableConcurrencyPerVcpu,
        int sustainableConcurrencyPerEnvironment) {}
