package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.core.schedule.CapacitySchedule;
import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.InvalidScheduleException;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.core.schedule.ScheduleValidator;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.time.Instant;

/**
 * Reading a stored schedule back for use now: as it was admitted (checked as of its validation time, so entries that
 * have since passed do not count against it), then pruned of the dated entries that are over, then checked again
 * against every guardrail as of now. A schedule that no longer passes (say its only reactivation was a pre-warm that
 * is over) is refused here, and nothing is set from it.
 */
final class StoredSchedules {

    /** The schedule to use now, and whether pruning removed entries (then the ledger copy is rewritten). */
    record Current(ValidatedSchedule validated, boolean pruned) {
    }

    private StoredSchedules() {
    }

    /** @throws InvalidScheduleException when the pruned schedule breaks a guardrail as of {@code now} */
    static Current read(StoredSchedule stored, SchedulePolicy policy, Instant now) {
        ValidatedSchedule admitted = CapacitySchedules.parse(stored.schedule(), policy, stored.validatedAt(), null);
        CapacitySchedule pruned = admitted.schedule().prunedAt(now);
        ValidatedSchedule current = new ScheduleValidator(policy).validate(pruned, now);
        return new Current(current, !pruned.equals(admitted.schedule()));
    }
}
