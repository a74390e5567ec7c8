package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much CPU one invocation keeps busy, the LMI pricing calculator's workload types (CALCULATOR_METHODOLOGY.md step 2:
 * IO-heavy 12.5%, balanced 25%, CPU-heavy 50% of a vCPU per in-flight invocation). The percentages are defaults in
 * {@link SizingPolicy#workloadCpuPercentPerInvocation()}.
 */
public enum WorkloadProfile {
    IO("io"),
    BALANCED("balanced"),
    CPU("cpu");

    private final String id;

    WorkloadProfile(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Accepts io|balanced|cpu and the calculator's spellings io-heavy|cpu-heavy. */
    public static WorkloadProfile parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "io", "io-heavy" -> IO;
            case "balanced" -> BALANCED;
            case "cpu", "cpu-heavy" -> CPU;
            default -> throw new IllegalArgumentException(
                    "unknown workload '" + value + "'; use io, balanced or cpu");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
