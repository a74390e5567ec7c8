package io.lmi.controlplane.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A trigger as it stands mid-migration: the share of its traffic on the new function, and the shifter's own notes
 * (the second mapping's UUID, the new target group, the canary deployment) that the next step or a rollback needs.
 */
public record TriggerState(Trigger trigger, int percentOnNew, JsonNode notes) {
    public TriggerState withShift(int percent, JsonNode newNotes) {
        return new TriggerState(trigger, percent, newNotes);
    }
}
