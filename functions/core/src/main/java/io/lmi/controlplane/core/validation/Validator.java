package io.lmi.controlplane.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field error of an input before failing, so that a user fixes all of them in one round.
 *
 * <pre>{@code
 * Validator v = new Validator("migration request");
 * v.require("functionName", request.functionName(), "name the function to migrate");
 * v.check(bake >= 0, "bakeSeconds", "is negative", "use 0 or more seconds");
 * v.throwIfInvalid();
 * }</pre>
 */
public final class Validator {
    private final String what;
    private final List<FieldError> errors = new ArrayList<>();

    public Validator(String what) {
        this.what = what;
    }

    public Validator check(boolean valid, String field, String problem, String fix) {
        if (!valid) {
            errors.add(new FieldError(field, problem, fix));
        }
        return this;
    }

    /** True when the value is present; records an error otherwise. */
    public boolean require(String field, Object value, String fix) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        check(present, field, "is missing", fix);
        return present;
    }

    public Validator matches(String field, String value, Pattern pattern, String fix) {
        if (value != null) {
            check(pattern.matcher(value).matches(), field, "'" + value + "' is not valid", fix);
        }
        return this;
    }

    public Validator inRange(String field, Number value, long min, long max, String unit) {
        if (value != null) {
            double v = value.doubleValue();
            check(v >= min && v <= max, field, value + " is out of range",
                    "use a value from " + min + " to " + max + (unit.isEmpty() ? "" : " " + unit));
        }
        return this;
    }

    public Validator add(FieldError error) {
        errors.add(error);
        return this;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(what, errors);
        }
    }
}
