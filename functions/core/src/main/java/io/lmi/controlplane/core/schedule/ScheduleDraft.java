package io.lmi.controlplane.core.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What decoding got out of a file: every part that was well-typed (null where a part was not), each list entry with
 * its position in the file so that later problems still name the right path. {@code complete} is true only when
 * nothing was dropped.
 */
record ScheduleDraft(ScheduleTarget target, String qualifier, Environment environment, ZoneId timezone,
                     DefaultCapacity defaults, List<Indexed<Period>> periods, List<Indexed<ExceptionDate>> exceptions,
                     List<Indexed<Prewarm>> prewarms, List<PartialCapacity> partialCapacities, boolean complete) {

    record Indexed<T>(int index, T value) {
    }

    /**
     * The min/max of an entry that did not decode as a whole (say its start time was malformed): its capacity rules
     * are still checked, so that one pass reports every problem.
     */
    record PartialCapacity(String path, DefaultCapacity capacity) {
    }

    static ScheduleDraft of(CapacitySchedule schedule) {
        return new ScheduleDraft(schedule.target(), schedule.qualifier(), schedule.environment(), schedule.timezone(),
                schedule.defaults(), indexed(schedule.periods()), indexed(schedule.exceptions()),
                indexed(schedule.prewarms()), List.of(), true);
    }

    CapacitySchedule toSchedule() {
        if (!complete) {
            throw new IllegalStateException("an incomplete draft is never turned into a schedule");
        }
        return new CapacitySchedule(target, qualifier, environment, timezone, defaults, values(periods),
                values(exceptions), values(prewarms));
    }

    private static <T> List<Indexed<T>> indexed(List<T> values) {
        return IntStream.range(0, values.size()).mapToObj(i -> new Indexed<>(i, values.get(i))).toList();
    }

    private static <T> List<T> values(List<Indexed<T>> indexed) {
        List<T> values = new ArrayList<>();
        indexed.forEach(i -> values.add(i.value()));
        return values;
    }
}
