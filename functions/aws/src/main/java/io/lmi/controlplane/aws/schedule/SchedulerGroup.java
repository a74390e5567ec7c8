package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.ScheduleTarget;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * The control plane's EventBridge Scheduler schedule group: finds the schedules of one stored schedule, and creates,
 * updates and deletes them with every change recorded in an {@link Undo}, so that a failure part-way can be taken
 * back. Schedules have no tags; a schedule belongs to a stored schedule when its name starts with
 * {@link DesiredSchedules#namePrefix} and its Input names that schedule.
 */
public final class SchedulerGroup {
    /** Scheduler's defaults when a schedule has no RetryPolicy (API reference): 24 hours, 185 attempts. */
    private static final long SCHEDULER_DEFAULT_EVENT_AGE = 86_400;
    private static final int SCHEDULER_DEFAULT_RETRY_ATTEMPTS = 185;

    private final SchedulerClient scheduler;
    private final SchedulerSettings settings;
    private final Clock clock;

    public SchedulerGroup(SchedulerClient scheduler, SchedulerSettings settings, Clock clock) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    public SchedulerSettings settings() {
        return settings;
    }

    /** The schedules Scheduler has for {@code target}, by name. */
    public Map<String, SchedulerDefinition> schedulesOf(ScheduleTarget target) {
        Map<String, SchedulerDefinition> found = new LinkedHashMap<>();
        for (String name : namesStartingWith(DesiredSchedules.namePrefix(target))) {
            definition(name).filter(d -> d.scheduleKey().filter(target.key()::equals).isPresent())
                    .ifPresent(d -> found.put(d.name(), d));
        }
        return found;
    }

    private List<String> namesStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        scheduler.listSchedulesPaginator(r -> r.groupName(settings.group()).namePrefix(prefix)).schedules().stream()
                .map(ScheduleSummary::name)
                // The prefix filter is the service's; checking again costs nothing and guards against a looser match.
                .filter(name -> name.startsWith(prefix))
                .forEach(names::add);
        return names;
    }

    /** One schedule as Scheduler has it, or empty when it does not exist (a one-off deletes itself after firing). */
    public Optional<SchedulerDefinition> definition(String name) {
        try {
            return Optional.of(fromResponse(scheduler.getSchedule(r -> r.groupName(settings.group()).name(name))));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Makes Scheduler match {@code diff}, recording each change in {@code undo}; stops at the first failure. */
    public void apply(SchedulerDiff diff, Undo undo) {
        for (SchedulerDefinition definition : diff.creates()) {
            create(definition);
            undo.changed("created Scheduler schedule " + definition.name(), () -> delete(definition.name()));
        }
        for (SchedulerDiff.Update update : diff.updates()) {
            update(update.desired());
            undo.changed("updated Scheduler schedule " + update.desired().name(), () -> update(update.previous()));
        }
        for (SchedulerDefinition definition : diff.deletes()) {
            if (delete(definition.name())) {
                undo.changed("deleted Scheduler schedule " + definition.name(), () -> recreate(definition));
            }
        }
    }

    public void create(SchedulerDefinition d) {
        try {
            scheduler.createSchedule(CreateScheduleRequest.builder()
                    .groupName(settings.group()).name(d.name())
                    .scheduleExpression(d.expression()).scheduleExpressionTimezone(d.timezone())
                    .description(d.description())
                    .flexibleTimeWindow(window(d))
                    .state(d.enabled() ? ScheduleState.ENABLED : ScheduleState.DISABLED)
                    .actionAfterCompletion(d.deleteAfterCompletion() ? ActionAfterCompletion.DELETE : ActionAfterCompletion.NONE)
                    .target(target(d))
                    .build());
        } catch (ConflictException e) {
            throw new IllegalStateException("a schedule named " + d.name() + " already exists in group "
                    + settings.group() + " and does not wake the shaper for this schedule; delete or rename it", e);
        }
    }

    public void update(SchedulerDefinition d) {
        scheduler.updateSchedule(UpdateScheduleRequest.builder()
                .groupName(settings.group()).name(d.name())
                .scheduleExpression(d.expression()).scheduleExpressionTimezone(d.timezone())
                .description(d.description())
                .flexibleTimeWindow(window(d))
                .state(d.enabled() ? ScheduleState.ENABLED : ScheduleState.DISABLED)
                .actionAfterCompletion(d.deleteAfterCompletion() ? ActionAfterCompletion.DELETE : ActionAfterCompletion.NONE)
                .target(target(d))
                .build());
    }

    /** Deletes the schedule; false when it was already gone. */
    public boolean delete(String name) {
        try {
            scheduler.deleteSchedule(r -> r.groupName(settings.group()).name(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Undo of a delete. A one-off whose time has passed is not recreated: it could never fire again. */
    private void recreate(SchedulerDefinition d) {
        if (d.oneOff() && oneOffTime(d).filter(at -> !at.isAfter(LocalDateTime.now(clock.withZone(zone(d))))).isPresent()) {
            return;
        }
        create(d);
    }

    private static Optional<LocalDateTime> oneOffTime(SchedulerDefinition d) {
        String expression = d.expression();
        try {
            return Optional.of(LocalDateTime.parse(expression.substring("at(".length(), expression.length() - 1)));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static ZoneId zone(SchedulerDefinition d) {
        return ZoneId.of(d.timezone());
    }

    private static FlexibleTimeWindow window(SchedulerDefinition d) {
        return d.flexibleWindowMinutes() == null ? FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build()
                : FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(d.flexibleWindowMinutes()).build();
    }

    private static Target target(SchedulerDefinition d) {
        Target.Builder target = Target.builder().arn(d.targetArn()).roleArn(d.roleArn()).input(d.input())
                .retryPolicy(r -> r.maximumEventAgeInSeconds((int) d.maximumEventAgeSeconds())
                        .maximumRetryAttempts(d.maximumRetryAttempts()));
        if (d.deadLetterArn() != null) {
            target.deadLetterConfig(c -> c.arn(d.deadLetterArn()));
        }
        return target.build();
    }

    private static SchedulerDefinition fromResponse(GetScheduleResponse s) {
        Target target = s.target();
        boolean hasRetry = target.retryPolicy() != null;
        return new SchedulerDefinition(s.name(), s.scheduleExpression(),
                s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone(),
                s.description(), target.input(), s.actionAfterCompletion() == ActionAfterCompletion.DELETE,
                target.arn(), target.roleArn(),
                hasRetry && target.retryPolicy().maximumEventAgeInSeconds() != null
                        ? target.retryPolicy().maximumEventAgeInSeconds() : SCHEDULER_DEFAULT_EVENT_AGE,
                hasRetry && target.retryPolicy().maximumRetryAttempts() != null
                        ? target.retryPolicy().maximumRetryAttempts() : SCHEDULER_DEFAULT_RETRY_ATTEMPTS,
                target.deadLetterConfig() == null ? null : target.deadLetterConfig().arn(),
                s.state() != ScheduleState.DISABLED,
                s.flexibleTimeWindow() == null || s.flexibleTimeWindow().mode() != FlexibleTimeWindowMode.FLEXIBLE
                        ? null : s.flexibleTimeWindow().maximumWindowInMinutes());
    }
}
