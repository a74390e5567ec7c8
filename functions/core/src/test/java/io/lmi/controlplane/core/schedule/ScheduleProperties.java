package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants over hundreds of seeded random schedules; a failing seed reproduces exactly. */
class ScheduleProperties {
    private static final int CASES = 300;
    private static final int MAX_DRAWS_PER_CASE = 200;
    private static final int SAMPLED_INSTANTS = 200;
    private static final Duration WINDOW = Duration.ofDays(35);
    private static final ScheduleValidator VALIDATOR = new ScheduleValidator(SchedulePolicy.defaults());

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    /** The first valid schedule the seed's generator draws: every case runs on a schedule the guardrails accept. */
    private static ValidatedSchedule validSchedule(long seed) {
        RandomSchedules generator = new RandomSchedules(seed);
        for (int draw = 0; draw < MAX_DRAWS_PER_CASE; draw++) {
            try {
                return VALIDATOR.validate(generator.next(), NOW);
            } catch (InvalidScheduleException refused) {
                // draw again: the generator is biased towards valid schedules, not limited to them
            }
        }
        return fail("seed " + seed + " drew no valid schedule in " + MAX_DRAWS_PER_CASE + " tries");
    }

    private static List<Instant> samples(long seed, List<CapacityChange> changes) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < SAMPLED_INSTANTS; i++) {
            instants.add(NOW.plusSeconds((long) (random.nextDouble() * WINDOW.getSeconds())));
        }
        for (CapacityChange change : changes) {
            instants.add(change.at());
            instants.add(change.at().minusNanos(1));
        }
        return instants;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void effectiveCapacity_neverBreaksTheFloorOrTheOrderOfMinAndMax(long seed) {
        ValidatedSchedule schedule = validSchedule(seed);
        CapacityCalendar calendar = CapacityCalendar.of(schedule);
        boolean production = schedule.schedule().environment() == Environment.PRODUCTION;

        for (Instant instant : samples(seed, calendar.changes(NOW, NOW.plus(WINDOW)))) {
            EffectiveCapacity effective = calendar.at(instant);
            assertThat(effective.max()).as("seed %d at %s", seed, instant).isGreaterThanOrEqualTo(effective.min());
            assertThat(effective.min() == 0).as("seed %d at %s: min 0 only as 0/0", seed, instant)
                    .isEqualTo(effective.limits().isDeactivation());
            if (production && effective.min() < SchedulePolicy.DEFAULT_PRODUCTION_FLOOR) {
                assertThat(effective.everySourceHasReason()).as("seed %d at %s: %s below the floor without a reason",
                        seed, instant, effective).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void plan_isSortedEveryChangeChangesSomethingAndSomethingFiresForIt(long seed) {
        ValidatedSchedule schedule = validSchedule(seed);
        Instant from = NOW.plusSeconds(60);
        SchedulePlan plan = SchedulePlanner.plan(schedule, NOW, from, from.plus(WINDOW));

        Instant previous = Instant.MIN;
        ScalingLimits previousLimits = CapacityCalendar.of(schedule).at(from.minusNanos(1)).limits();
        for (PlannedChange planned : plan.changes()) {
            CapacityChange change = planned.change();
            assertThat(change.at()).as("seed %d: sorted, one change per instant", seed).isAfter(previous);
            assertThat(change.after().limits()).as("seed %d at %s: a change changes the config", seed, change.at())
                    .isNotEqualTo(change.before().limits());
            assertThat(change.before().limits()).as("seed %d at %s: continuous", seed, change.at())
                    .isEqualTo(previousLimits);
            assertThat(planned.firedBy()).as("seed %d at %s (%s): some EventBridge Scheduler schedule wakes the "
                    + "shaper for every change", seed, change.local(), change.reason()).isNotEmpty();
            previous = change.at();
            previousLimits = change.after().limits();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void compiledSchedules_haveUniqueValidNamesAndRecurringOnesMatchTheWeeklyPattern(long seed) {
        ValidatedSchedule schedule = validSchedule(seed);
        List<ScheduledTransition> transitions = ScheduleCompiler.compile(schedule, NOW);
        CapacityCalendar calendar = CapacityCalendar.of(schedule);

        Set<String> names = new HashSet<>();
        for (ScheduledTransition transition : transitions) {
            assertThat(transition.name()).as("seed %d", seed).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z._-]+");
            assertThat(names.add(transition.name())).as("seed %d: %s is unique", seed, transition.name()).isTrue();
            if (transition.trigger() instanceof TransitionTrigger.Weekly weekly) {
                for (java.time.DayOfWeek day : weekly.days()) {
                    assertThat(calendar.weekly(day, weekly.time().minuteOfDay()).limits())
                            .as("seed %d: %s on %s", seed, transition.name(), day).isEqualTo(transition.limits());
                }
            } else {
                assertThat(((TransitionTrigger.Once) transition.trigger()).instant()).isAfter(NOW);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void json_roundTripsToTheSameSchedule(long seed) {
        CapacitySchedule schedule = validSchedule(seed).schedule();

        CapacitySchedule reparsed = CapacitySchedules.parse(ScheduleJson.toJson(schedule), ScheduleFormat.JSON,
                SchedulePolicy.defaults(), NOW).schedule();

        assertThat(reparsed).isEqualTo(schedule);
    }

    @Test
    void generator_coversTheInterestingShapes() {
        int withDaylightSaving = 0;
        int spanningMidnight = 0;
        int belowFloorWithReason = 0;
        int deactivating = 0;
        int withExceptionsAndPrewarms = 0;
        for (long seed = 0; seed < CASES; seed++) {
            CapacitySchedule s = validSchedule(seed).schedule();
            withDaylightSaving += s.timezone().getRules().isFixedOffset() ? 0 : 1;
            spanningMidnight += s.periods().stream().anyMatch(Period::spansMidnight) ? 1 : 0;
            belowFloorWithReason += s.environment() == Environment.PRODUCTION && s.periods().stream()
                    .anyMatch(p -> p.min() < 3) ? 1 : 0;
            deactivating += s.defaults().limits().isDeactivation() ? 1 : 0;
            withExceptionsAndPrewarms += !s.exceptions().isEmpty() && !s.prewarms().isEmpty() ? 1 : 0;
        }
        assertThat(List.of(withDaylightSaving, spanningMidnight, belowFloorWithReason, deactivating,
                withExceptionsAndPrewarms)).allSatisfy(count -> assertThat(count).isGreaterThan(CASES / 20));
    }
}
