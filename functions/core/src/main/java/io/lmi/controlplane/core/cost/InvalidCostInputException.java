package io.lmi.controlplane.core.cost;

/** An input that cannot describe a real workload (negative volume, memory out of range...). */
public final class InvalidCostInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CostField field;

    public InvalidCostInputException(CostField field, String message) {
        super(message);
        this.field = field;
    }

    public CostField field() {
        return field;
    }
}
