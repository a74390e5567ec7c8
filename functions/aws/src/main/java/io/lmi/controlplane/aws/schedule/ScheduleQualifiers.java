package io.lmi.controlplane.aws.schedule;

/** The qualifiers a capacity schedule may name (PutFunctionScalingConfig's pattern: $LATEST.PUBLISHED or digits). */
final class ScheduleQualifiers {
    static final String LATEST_PUBLISHED = "$LATEST.PUBLISHED";

    private ScheduleQualifiers() {
    }
}
