package io.lmi.controlplane.core.schedule;

import java.util.List;
import java.util.Objects;

/** A change of the effective capacity and the names of the compiled schedules that fire at that instant. */
public record PlannedChange(CapacityChange change, List<String> firedBy) {
    public PlannedChange {
        Objects.requireNonNull(change, "change");
        firedBy = List.copyOf(firedBy);
    }
}
