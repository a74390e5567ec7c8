package io.lmi.controlplane.core.schedule;

import java.util.Arrays;
import java.util.Optional;

/** Whether the production floor applies. A schedule without an environment is treated as production: the safe side. */
public enum Environment {
    PRODUCTION("production"),
    NON_PRODUCTION("non-production");

    private final String text;

    Environment(String text) {
        this.text = text;
    }

    /** The value in the schedule file. */
    public String text() {
        return text;
    }

    public static Optional<Environment> fromText(String text) {
        return Arrays.stream(values()).filter(e -> e.text.equals(text)).findFirst();
    }
}
