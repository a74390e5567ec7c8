package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.core.events.DetailTypes;

/**
 * The capacity schedules' events on the control plane's bus. Each carries the same document the ledger keeps, so an
 * alert or an audit never has to read the ledger:
 * <ul>
 *   <li>CapacityScheduleApplied / CapacityScheduleRemoved / CapacityScheduleFailed: a {@link ScheduleRequestRecord}
 *       (Failed covers refused requests, status REFUSED, and failed ones that were undone, status FAILED);</li>
 *   <li>CapacityChanged: a {@link ScheduleChange} (outcome HELD when the stored schedule no longer passes the
 *       guardrails and nothing was set, LEFT when a released version had been changed by someone else and was left,
 *       ORPHANED when the governed function or version is gone);</li>
 *   <li>CapacityDriftDetected: a {@link DriftReport}.</li>
 * </ul>
 */
public final class ScheduleEvents {
    private final EventPublisher events;

    public ScheduleEvents(EventPublisher events) {
        this.events = events;
    }

    public void outcome(ScheduleRequestRecord record) {
        String type = switch (record.status()) {
            case APPLIED -> DetailTypes.CAPACITY_SCHEDULE_APPLIED;
            case REMOVED -> DetailTypes.CAPACITY_SCHEDULE_REMOVED;
            case REFUSED, FAILED -> DetailTypes.CAPACITY_SCHEDULE_FAILED;
        };
        events.publish(type, record);
    }

    public void changed(ScheduleChange change) {
        events.publish(DetailTypes.CAPACITY_CHANGED, change);
    }

    public void drift(DriftReport drift) {
        events.publish(DetailTypes.CAPACITY_DRIFT_DETECTED, drift);
    }
}
