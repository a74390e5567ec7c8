package io.lmi.controlplane.core.cost;

/** A price table that cannot be read or is inconsistent; the message names the file and the field. */
public final class PriceTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String field;

    public PriceTableException(String origin, String field, String problem) {
        this(origin, field, problem, null);
    }

    public PriceTableException(String origin, String field, String problem, Throwable cause) {
        super("price table " + origin + (field.isEmpty() ? "" : ", field " + field) + ": " + problem, cause);
        this.origin = origin;
        this.field = field;
    }

    public String origin() {
        return origin;
    }

    public String field() {
        return field;
    }
}
