/**
 * The capacity-shaping Lambdas: {@link ApplyScheduleHandler} and {@link RemoveScheduleHandler} (CapacityScheduleRequested
 * events), {@link ShaperHandler} (invoked by the EventBridge Scheduler schedules) and
 * {@link FollowScheduleVersionHandler} (the rollout workflow's task, when a rollout moves a function to a new
 * version; a migration has none to move, since schedules govern only LMI functions). Thin: they read their input and call the use cases in {@code io.lmi.controlplane.aws.schedule}.
 */
package io.lmi.controlplane.functions.schedule;
