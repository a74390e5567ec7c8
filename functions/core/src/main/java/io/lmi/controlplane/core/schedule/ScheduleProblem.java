package io.lmi.controlplane.core.schedule;

import java.util.Objects;

/**
 * One thing wrong with a schedule: the JSON path of the field ({@code periods[1].start}, {@code $} for the document)
 * and a message that says what is wrong and how to fix it.
 */
public record ScheduleProblem(String path, String message) {
    public ScheduleProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
