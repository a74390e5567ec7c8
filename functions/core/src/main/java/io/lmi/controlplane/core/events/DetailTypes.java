package io.lmi.controlplane.core.events;

/**
 * The control plane's events on its bus. Commands end in "Requested" (or name the decision: Approved); facts are in
 * the past tense. The source is always {@link #SOURCE}. Samples of each are in events/.
 */
public final class DetailTypes {
    public static final String SOURCE = "lmi.control-plane";

    // Assessment
    public static final String ASSESSMENT_REQUESTED = "AssessmentRequested";
    public static final String ASSESSMENT_COMPLETED = "AssessmentCompleted";

    // Migration
    public static final String MIGRATION_REQUESTED = "MigrationRequested";
    public static final String MIGRATION_STEP_CHANGED = "MigrationStepChanged";
    public static final String MIGRATION_COMPLETED = "MigrationCompleted";
    public static final String MIGRATION_ROLLED_BACK = "MigrationRolledBack";
    public static final String MIGRATION_FAILED = "MigrationFailed";
    public static final String MIGRATION_ABORTED = "MigrationAborted";

    // Rollout
    public static final String ROLLOUT_REQUESTED = "RolloutRequested";
    public static final String ROLLOUT_STEP_CHANGED = "RolloutStepChanged";
    public static final String ROLLOUT_PROMOTED = "RolloutPromoted";
    public static final String ROLLOUT_ROLLED_BACK = "RolloutRolledBack";
    public static final String ROLLOUT_FAILED = "RolloutFailed";
    public static final String ROLLOUT_ABORTED = "RolloutAborted";

    // Manual control (commands) and the waits they answer (facts)
    public static final String APPROVAL_REQUESTED = "ApprovalRequested";
    public static final String APPROVED = "Approved";
    public static final String ABORT_REQUESTED = "AbortRequested";
    public static final String PAUSE_REQUESTED = "PauseRequested";
    public static final String RESUME_REQUESTED = "ResumeRequested";

    // Capacity schedules
    public static final String CAPACITY_SCHEDULE_REQUESTED = "CapacityScheduleRequested";
    public static final String CAPACITY_SCHEDULE_APPLIED = "CapacityScheduleApplied";
    public static final String CAPACITY_SCHEDULE_REMOVED = "CapacityScheduleRemoved";
    public static final String CAPACITY_CHANGED = "CapacityChanged";
    public static final String CAPACITY_DRIFT_DETECTED = "CapacityDriftDetected";
    /** A CapacityScheduleRequested that was refused (nothing changed) or failed part-way (what it changed was undone). */
    public static final String CAPACITY_SCHEDULE_FAILED = "CapacityScheduleFailed";

    private DetailTypes() {
    }
}
