package io.lmi.controlplane.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input that cannot be acted on. Thrown before anything changes, so nothing needs undoing; the message names every
 * offending field and its fix. Step Functions catch it by this class's name.
 */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(String what, List<FieldError> errors) {
        super(what + " is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String what, String field, String problem, String fix) {
        return new InvalidRequestException(what, List.of(new FieldError(field, problem, fix)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
