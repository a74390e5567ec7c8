package io.lmi.controlplane.core.validation;

import java.util.Objects;

/**
 * One thing wrong with an input: which field (a JSON path such as {@code steps[1]}), what is wrong, and how to fix it.
 */
public record FieldError(String field, String problem, String fix) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return field + ": " + problem + " (" + fix + ")";
    }
}
