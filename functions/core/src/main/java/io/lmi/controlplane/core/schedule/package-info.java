/**
 * Capacity schedules: the calendar that raises and lowers a function version's MinExecutionEnvironments and
 * MaxExecutionEnvironments. A schedule file is parsed and checked here ({@link CapacitySchedules},
 * {@link ScheduleValidator}), its meaning at any instant is defined here ({@link CapacityCalendar}), and it is
 * compiled into EventBridge Scheduler wake-ups ({@link ScheduleCompiler}, {@link SchedulePlanner}). No AWS SDK:
 * the adapters that create the schedules and call PutFunctionScalingConfig live elsewhere.
 * See docs/capacity-schedules.md for the semantics and the design choice.
 */
package io.lmi.controlplane.core.schedule;
