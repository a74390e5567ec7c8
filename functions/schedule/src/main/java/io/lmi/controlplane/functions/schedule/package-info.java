/**
 * The capacity-shaping Lambdas: {@link ApplyScheduleHandler} and {@link RemoveScheduleHandler} (CapacityScheduleRequested
 * events), {@link ShaperHandler} (invoked by the EventBridge Scheduler schedules) and
 * {@link FollowScheduleVersionHandler} (a workflow task, when a rollout or migration moves a function to a new
 * version). Thin: they read their input and call the use cases in {@code io.lmi.controlplane.aws.schedule}.
 */
package io.lmi.controlplane.functions.schedule;
