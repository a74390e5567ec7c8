package io.lmi.controlplane.core.validation;

/** An input that checks itself; handlers call {@link #validate()} at entry, before any AWS call. */
public interface Validatable {
    /** @throws InvalidRequestException naming every invalid field */
    void validate();
}
