/**
 * Capacity schedules on AWS: the stored schedule in the ledger, its EventBridge Scheduler schedules, and the
 * PutFunctionScalingConfig calls that the shaper makes when they wake it.
 *
 * <p>Use cases, each a small class over the same adapters: {@link ScheduleApplier} (admit, store, create the Scheduler
 * schedules, reconcile now), {@link CapacityShaper} (a Scheduler schedule fired: set what the calendar says, detect
 * drift), {@link ScheduleRemover} (delete the Scheduler schedules, restore the default) and
 * {@link ScheduleVersionFollower} (a rollout moved the function to a new version).
 * The rules themselves are the core's ({@code io.lmi.controlplane.core.schedule}); see docs/capacity-schedules.md.
 */
package io.lmi.controlplane.aws.schedule;
