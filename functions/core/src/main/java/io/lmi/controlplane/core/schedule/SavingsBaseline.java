package io.lmi.controlplane.core.schedule;

/** What a schedule is compared with: a floor held flat all the time. */
public sealed interface SavingsBaseline {

    /** The floor for this schedule. */
    int floor(CapacitySchedule schedule);

    String describe(CapacitySchedule schedule);

    /** A given flat MinExecutionEnvironments. */
    record Flat(int floor) implements SavingsBaseline {
        public Flat {
            if (floor < 0) {
                throw new IllegalArgumentException("a floor cannot be negative: " + floor);
            }
        }

        @Override
        public int floor(CapacitySchedule schedule) {
            return floor;
        }

        @Override
        public String describe(CapacitySchedule schedule) {
            return "a flat floor of " + floor;
        }
    }

    /**
     * The highest min of the default and the periods: without a schedule, the floor would have to be held there all
     * the time to cover the busiest period. Pre-warms are one-off events that would be handled by hand either way,
     * so they do not raise the baseline.
     */
    record PeakRecurringFloor() implements SavingsBaseline {
        @Override
        public int floor(CapacitySchedule schedule) {
            int peak = schedule.defaults().min();
            for (Period period : schedule.periods()) {
                peak = Math.max(peak, period.min());
            }
            return peak;
        }

        @Override
        public String describe(CapacitySchedule schedule) {
            return "the busiest recurring floor (" + floor(schedule) + ") held all the time";
        }
    }
}
