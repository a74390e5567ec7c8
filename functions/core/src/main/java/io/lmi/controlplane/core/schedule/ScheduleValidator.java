package io.lmi.controlplane.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guardrails. Every problem names the JSON path of the field and the fix, and all problems are reported together.
 * Rules that need a clock (dates in the past, reactivation after a 0/0) are measured from {@code now}.
 */
public final class ScheduleValidator {
    /** PutFunctionScalingConfig's Qualifier pattern, (\$LATEST\.PUBLISHED|[0-9]+), 1-128 characters. */
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST\\.PUBLISHED|[0-9]{1,128}");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]{1,128}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]{1,64}");
    private static final Pattern QUALIFIED_FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]{1,64}:.+");
    private static final Pattern PERIOD_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** AWS tag limits: keys 1-128 characters, values 0-256. */
    private static final int MAX_TAG_KEY_LENGTH = 128;
    private static final int MAX_TAG_VALUE_LENGTH = 256;
    /** The weekly pattern repeats; one more week after the last dated entry, plus a day of spill-over, sees it all. */
    private static final Duration PATTERN_SCAN = Duration.ofDays(8);

    private final SchedulePolicy policy;

    public ScheduleValidator(SchedulePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public SchedulePolicy policy() {
        return policy;
    }

    /** The schedule if it passes every rule; otherwise {@link InvalidScheduleException} with every problem. */
    public ValidatedSchedule validate(CapacitySchedule schedule, Instant now) {
        return validate(schedule, now, null);
    }

    /** As {@link #validate(CapacitySchedule, Instant)}, also asking AWS (through the port) whether the function is on LMI. */
    public ValidatedSchedule validate(CapacitySchedule schedule, Instant now, ManagedInstancesCheck managedInstances) {
        List<ScheduleProblem> problems = check(ScheduleDraft.of(schedule), now, managedInstances);
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(problems);
        }
        return new ValidatedSchedule(schedule, policy);
    }

    List<ScheduleProblem> check(ScheduleDraft draft, Instant now, ManagedInstancesCheck managedInstances) {
        List<ScheduleProblem> problems = new ArrayList<>();
        checkTarget(draft.target(), problems);
        checkQualifier(draft.qualifier(), problems);
        checkSelectorQualifier(draft, problems);
        checkZone(draft.timezone(), problems);
        Environment environment = draft.environment() == null ? Environment.PRODUCTION : draft.environment();
        if (draft.defaults() != null) {
            checkCapacity("default", draft.defaults(), environment, problems);
        }
        checkPeriods(draft, now, environment, problems);
        checkExceptions(draft, now, problems);
        checkPrewarms(draft, now, environment, problems);
        draft.partialCapacities().forEach(partial ->
                checkCapacity(partial.path(), partial.capacity(), environment, problems));
        if (draft.complete()) {
            checkReactivation(draft.toSchedule(), now, problems);
        }
        if (managedInstances != null && draft.target() instanceof ScheduleTarget.FunctionTarget function
                && draft.qualifier() != null) {
            managedInstances.problemWith(function.function(), draft.qualifier()).ifPresent(why ->
                    problems.add(new ScheduleProblem("function", why + "; capacity schedules apply only to functions on "
                            + "Lambda Managed Instances: migrate it first (./lmi migrate) or remove the schedule")));
        }
        return problems;
    }

    private void checkTarget(ScheduleTarget target, List<ScheduleProblem> problems) {
        if (target instanceof ScheduleTarget.FunctionTarget function) {
            String name = function.function();
            if (QUALIFIED_FUNCTION_ARN.matcher(name).matches()) {
                problems.add(new ScheduleProblem("function", "\"" + name + "\" is a qualified ARN; give the function "
                        + "without its version or alias and put the version in qualifier"));
            } else if (!FUNCTION_NAME.matcher(name).matches() && !FUNCTION_ARN.matcher(name).matches()) {
                problems.add(new ScheduleProblem("function", "\"" + name + "\" is not a function name (1-64 letters, "
                        + "digits, - or _) nor an unqualified function ARN"));
            }
        } else if (target instanceof ScheduleTarget.TagSelector selector) {
            if (selector.tags().isEmpty()) {
                problems.add(new ScheduleProblem("selector.tags", "must name at least one tag; an empty selector "
                        + "would match every function"));
            }
            selector.tags().forEach((key, value) -> {
                if (key.isEmpty() || key.length() > MAX_TAG_KEY_LENGTH) {
                    problems.add(new ScheduleProblem("selector.tags." + key, "a tag key has 1-" + MAX_TAG_KEY_LENGTH
                            + " characters"));
                }
                if (value.length() > MAX_TAG_VALUE_LENGTH) {
                    problems.add(new ScheduleProblem("selector.tags." + key, "a tag value has at most "
                            + MAX_TAG_VALUE_LENGTH + " characters"));
                }
            });
        }
    }

    /** Offline too (plan): a selector's functions have different version numbers, so a number governs nothing sure. */
    private static void checkSelectorQualifier(ScheduleDraft draft, List<ScheduleProblem> problems) {
        if (draft.target() instanceof ScheduleTarget.TagSelector && draft.qualifier() != null
                && VERSION_NUMBER.matcher(draft.qualifier()).matches()) {
            problems.add(new ScheduleProblem("qualifier", "a selector governs many functions, whose version numbers "
                    + "differ; use $LATEST.PUBLISHED so that each function's current published version is governed"));
        }
    }

    private void checkQualifier(String qualifier, List<ScheduleProblem> problems) {
        if (qualifier == null || QUALIFIER.matcher(qualifier).matches()) {
            return;
        }
        if ("$LATEST".equals(qualifier)) {
            problems.add(new ScheduleProblem("qualifier", "$LATEST of an LMI function is not invocable and "
                    + "PutFunctionScalingConfig refuses it; use $LATEST.PUBLISHED or a version number"));
        } else {
            problems.add(new ScheduleProblem("qualifier", "\"" + qualifier + "\" is not a version: "
                    + "PutFunctionScalingConfig accepts only a version number or $LATEST.PUBLISHED, never an alias "
                    + "(its pattern is (\\$LATEST\\.PUBLISHED|[0-9]+)); give the version the alias points to, and the "
                    + "control plane moves the schedule when a rollout or migration changes it"));
        }
    }

    private void checkZone(ZoneId zone, List<ScheduleProblem> problems) {
        if (zone == null) {
            return;
        }
        String id = zone.getId();
        if (!id.contains("/") && !"UTC".equals(id)) {
            problems.add(new ScheduleProblem("timezone", abbreviationProblem(id)));
        }
    }

    static String abbreviationProblem(String id) {
        return "\"" + id + "\" is an abbreviation or legacy id, not a region: it does not follow the local "
                + "daylight-saving rules people expect (EST, for one, is UTC-5 all year); use a region id such as "
                + "America/New_York or Europe/Berlin, or UTC";
    }

    private void checkCapacity(String path, CapacitySetting setting, Environment environment,
                               List<ScheduleProblem> problems) {
        int limit = policy.maxExecutionEnvironments();
        boolean inRange = true;
        if (setting.min() < 0 || setting.min() > limit) {
            problems.add(new ScheduleProblem(path + ".min", "must be between 0 and " + limit
                    + " (the PutFunctionScalingConfig range), got " + setting.min()));
            inRange = false;
        }
        if (setting.max() < 0 || setting.max() > limit) {
            problems.add(new ScheduleProblem(path + ".max", "must be between 0 and " + limit
                    + " (the PutFunctionScalingConfig range), got " + setting.max()));
            inRange = false;
        }
        setting.reason().ifPresent(reason -> {
            if (reason.strip().length() < policy.minimumReasonLength()) {
                problems.add(new ScheduleProblem(path + ".reason", "\"" + reason + "\" is too short to justify "
                        + "anything; say why in at least " + policy.minimumReasonLength() + " characters"));
            }
        });
        if (!inRange) {
            return;
        }
        if (setting.min() == 0 && setting.max() > 0) {
            problems.add(new ScheduleProblem(path + ".max", "must be 0 when min is 0: LMI accepts "
                    + "MinExecutionEnvironments 0 only together with Max 0, which deactivates the version; raise min "
                    + "to at least 1, or set max to 0 to deactivate"));
        } else if (setting.max() < setting.min()) {
            problems.add(new ScheduleProblem(path + ".max", "is " + setting.max() + ", below min " + setting.min()
                    + "; max must be at least min"));
        }
        if (environment == Environment.PRODUCTION && setting.min() < policy.productionFloor()
                && setting.reason().isEmpty()) {
            problems.add(new ScheduleProblem(path + ".min", "is " + setting.min() + ", below the production floor of "
                    + policy.productionFloor() + " execution environments (fewer loses availability-zone "
                    + "redundancy); raise it to " + policy.productionFloor() + ", or add " + path
                    + ".reason saying why this function may run below " + policy.productionFloor() + " in production"));
        }
    }

    private void checkPeriods(ScheduleDraft draft, Instant now, Environment environment, List<ScheduleProblem> problems) {
        Map<String, Integer> firstIndexByName = new HashMap<>();
        for (ScheduleDraft.Indexed<Period> indexed : draft.periods()) {
            String path = "periods[" + indexed.index() + "]";
            Period period = indexed.value();
            if (!PERIOD_NAME.matcher(period.name()).matches()) {
                problems.add(new ScheduleProblem(path + ".name", "\"" + period.name() + "\" is not a usable name; use "
                        + "1-32 lower-case letters, digits and dashes, starting with a letter or digit, e.g. "
                        + "\"business-hours\""));
            } else if (DayUse.DefaultAllDay.TEXT.equals(period.name())) {
                problems.add(new ScheduleProblem(path + ".name", "\"default\" is reserved for exceptions' "
                        + "use: \"default\"; choose another name"));
            }
            Integer first = firstIndexByName.putIfAbsent(period.name(), indexed.index());
            if (first != null) {
                problems.add(new ScheduleProblem(path + ".name", "\"" + period.name() + "\" is already the name of "
                        + "periods[" + first + "]; period names must be unique because exceptions refer to them"));
            }
            if (period.start().equals(period.end())) {
                problems.add(new ScheduleProblem(path + ".end", "equals start, which would make an empty period; for a "
                        + "whole day use start \"00:00\" and end \"24:00\""));
            }
            if (draft.timezone() != null) {
                checkNotInGap(path + ".start", period.start(), period.days(), 0, "start", draft.timezone(), now,
                        problems);
                checkNotInGap(path + ".end", period.end(), period.days(), period.endDayOffset(), "end",
                        draft.timezone(), now, problems);
            }
            checkCapacity(path, period, environment, problems);
        }
    }

    private void checkNotInGap(String path, ClockTime time, Set<DayOfWeek> days, int dayOffset, String verb,
                               ZoneId zone, Instant now, List<ScheduleProblem> problems) {
        DaylightSaving.gapContaining(zone, time, days, dayOffset, now, policy.daylightSavingLookahead()).ifPresent(gap ->
                problems.add(new ScheduleProblem(path, time + " does not exist in " + zone.getId() + " on "
                        + gap.getDateTimeBefore().toLocalDate() + " (" + DaylightSaving.jump(gap) + "); EventBridge "
                        + "Scheduler skips a cron time that falls in that gap, so the period would not " + verb
                        + " that day. Choose a time outside " + DaylightSaving.window(gap))));
    }

    private void checkExceptions(ScheduleDraft draft, Instant now, List<ScheduleProblem> problems) {
        Set<String> periodNames = new LinkedHashSet<>();
        draft.periods().forEach(p -> periodNames.add(p.value().name()));
        Optional<LocalDate> today = Optional.ofNullable(draft.timezone()).map(z -> now.atZone(z).toLocalDate());
        Map<LocalDate, Integer> firstIndexByDate = new HashMap<>();
        for (ScheduleDraft.Indexed<ExceptionDate> indexed : draft.exceptions()) {
            String path = "exceptions[" + indexed.index() + "]";
            ExceptionDate exception = indexed.value();
            today.filter(t -> exception.date().isBefore(t)).ifPresent(t ->
                    problems.add(new ScheduleProblem(path + ".date", exception.date() + " is in the past (today is " + t
                            + " in " + draft.timezone().getId() + "); remove it or correct the year")));
            Integer first = firstIndexByDate.putIfAbsent(exception.date(), indexed.index());
            if (first != null) {
                problems.add(new ScheduleProblem(path + ".date", exception.date() + " already has exceptions[" + first
                        + "]; give each date one exception"));
            }
            if (exception.use() instanceof DayUse.OnlyPeriod only && draft.complete()
                    && !periodNames.contains(only.period())) {
                problems.add(new ScheduleProblem(path + ".use", "\"" + only.period() + "\" is not \"default\", a day "
                        + "(" + Days.allowedList() + ") or the name of a period"
                        + (periodNames.isEmpty() ? "" : " (" + String.join(", ", periodNames) + ")")
                        + Suggestions.didYouMean(only.period(), periodNames)));
            }
            exception.reason().filter(String::isBlank).ifPresent(blank ->
                    problems.add(new ScheduleProblem(path + ".reason", "is blank; say what the date is, or leave "
                            + "reason out")));
        }
    }

    private void checkPrewarms(ScheduleDraft draft, Instant now, Environment environment,
                               List<ScheduleProblem> problems) {
        for (ScheduleDraft.Indexed<Prewarm> indexed : draft.prewarms()) {
            String path = "prewarms[" + indexed.index() + "]";
            Prewarm prewarm = indexed.value();
            if (!prewarm.until().isAfter(prewarm.from())) {
                problems.add(new ScheduleProblem(path + ".until", prewarm.until() + " is not after from "
                        + prewarm.from() + "; a pre-warm ends after it starts"));
            }
            ZoneId zone = draft.timezone();
            if (zone != null) {
                boolean fromOk = checkExists(path + ".from", prewarm.from(), zone, problems);
                boolean untilOk = checkExists(path + ".until", prewarm.until(), zone, problems);
                if (fromOk && untilOk && !LocalTimes.instantOf(prewarm.until(), zone).isAfter(now)) {
                    problems.add(new ScheduleProblem(path + ".until", prewarm.until() + " " + zone.getId()
                            + " is in the past (now is " + now.atZone(zone).toLocalDateTime().withNano(0)
                            + "); remove the pre-warm or correct its dates"));
                }
            }
            checkCapacity(path, prewarm, environment, problems);
        }
    }

    private boolean checkExists(String path, java.time.LocalDateTime local, ZoneId zone,
                                List<ScheduleProblem> problems) {
        Optional<ZoneOffsetTransition> transition = DaylightSaving.transitionAt(zone, local);
        if (transition.isEmpty()) {
            return true;
        }
        ZoneOffsetTransition t = transition.get();
        problems.add(new ScheduleProblem(path, local + (t.isGap() ? " does not exist in " : " occurs twice in ")
                + zone.getId() + " (" + DaylightSaving.jump(t) + "); "
                + (t.isGap() ? "EventBridge Scheduler cannot fire at it" : "EventBridge Scheduler would fire once, at "
                + "one of the two") + ". Choose a time outside " + DaylightSaving.window(t) + " on that date"));
        return false;
    }

    /**
     * 0/0 deactivates the version and nothing brings it back except another PutFunctionScalingConfig call, so every
     * stretch of 0/0 must be followed by a non-zero setting within the policy's horizon.
     */
    private void checkReactivation(CapacitySchedule schedule, Instant now, List<ScheduleProblem> problems) {
        CapacityCalendar calendar = CapacityCalendar.unchecked(schedule);
        ZoneId zone = schedule.timezone();
        Instant lastDated = now;
        for (Prewarm prewarm : schedule.prewarms()) {
            lastDated = max(lastDated, LocalTimes.instantOf(prewarm.until(), zone));
        }
        for (ExceptionDate exception : schedule.exceptions()) {
            lastDated = max(lastDated, LocalTimes.startOfDay(exception.date().plusDays(2), zone));
        }
        Instant scanEnd = lastDated.plus(PATTERN_SCAN);
        Duration horizon = policy.reactivationHorizon();
        List<CapacityChange> changes = calendar.changes(now, scanEnd.plus(horizon));
        EffectiveCapacity state = calendar.at(now);
        Instant stateSince = now;
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i <= changes.size(); i++) {
            Optional<CapacityChange> next = i < changes.size() ? Optional.of(changes.get(i)) : Optional.empty();
            if (state.limits().isDeactivation() && stateSince.isBefore(scanEnd)) {
                boolean reactivatedInTime = next.isPresent()
                        && Duration.between(stateSince, next.get().at()).compareTo(horizon) <= 0;
                if (!reactivatedInTime && reported.add(state.sources().get(0).path())) {
                    problems.add(deactivationProblem(state, stateSince, next, zone));
                }
            }
            if (next.isPresent()) {
                state = next.get().after();
                stateSince = next.get().at();
            }
        }
    }

    private ScheduleProblem deactivationProblem(EffectiveCapacity state, Instant since, Optional<CapacityChange> next,
                                                ZoneId zone) {
        String path = state.sources().get(0).path();
        long days = policy.reactivationHorizon().toDays();
        String horizon = days * 24 == policy.reactivationHorizon().toHours()
                ? days + (days == 1 ? " day" : " days") : policy.reactivationHorizon().toString();
        return new ScheduleProblem(path, "sets 0/0, which deactivates the version, from "
                + since.atZone(zone).toLocalDateTime().withNano(0) + " " + zone.getId() + ", and nothing raises it again within "
                + horizon + next.map(c -> " (the next change is at " + c.local().toLocalDateTime() + ")").orElse("")
                + "; a deactivated version does not come back by itself. Add a period or pre-warm with min of at "
                + "least 1 that starts within " + horizon + ", or set " + path + ".min and max above 0");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
