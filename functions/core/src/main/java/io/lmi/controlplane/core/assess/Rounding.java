package io.lmi.controlplane.core.assess;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Derived measurements are kept to three decimals so that the JSON reads like a measurement, not float noise. */
final class Rounding {
    static final int SCALE = 3;

    private Rounding() {
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    static Double round(Double value) {
        return value == null ? null : round(value.doubleValue());
    }
}
