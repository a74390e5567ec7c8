package io.lmi.controlplane.aws.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes and drifts a use case found, held back until it has committed: a change that was undone must not be in
 * the history or on the bus. {@link #commit} writes them to the ledger first, then announces them.
 */
final class Outbox {
    private final List<ScheduleChange> changes = new ArrayList<>();
    private final List<DriftReport> drifts = new ArrayList<>();

    void change(ScheduleChange change) {
        changes.add(change);
    }

    void drift(DriftReport drift) {
        drifts.add(drift);
    }

    List<ScheduleChange> changes() {
        return List.copyOf(changes);
    }

    List<DriftReport> drifts() {
        return List.copyOf(drifts);
    }

    void commit(ScheduleLedger ledger, ScheduleEvents events) {
        drifts.forEach(ledger::recordDrift);
        changes.forEach(ledger::recordChange);
        drifts.forEach(events::drift);
        changes.forEach(events::changed);
        drifts.clear();
        changes.clear();
    }
}
