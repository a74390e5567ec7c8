package io.lmi.controlplane.core.cost;

/** The inputs of an estimate, so that a bad value can be reported against the field (or CLI flag) it came from. */
public enum CostField {
    REGION,
    REQUESTS_PER_MONTH,
    AVG_DURATION_MS,
    MEMORY_MB,
    ARCHITECTURE,
    RUNTIME,
    WORKLOAD,
    PEAK_CONCURRENCY,
    INSTANCE_TYPE,
    INSTANCES,
    INSTANCE_HOURS,
    EC2_DISCOUNT_RATE,
    LAMBDA_DISCOUNT_RATE
}
