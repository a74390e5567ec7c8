package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Presentation rounding, the only place numbers are rounded (the Java values stay exact): money to cents and
 * percentages and quantities to two decimals, HALF_UP.
 */
public final class JsonNumbers {
    public static final int USD_SCALE = 2;
    public static final int PERCENT_SCALE = 2;
    public static final int QUANTITY_SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private JsonNumbers() {}

    /** Rounds to cents, as a report shows money. */
    public static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(USD_SCALE, ROUNDING);
    }

    /** Money: always two decimals (12.50). */
    public static final class Usd extends StdSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        public Usd() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(cents(value).toPlainString());
        }
    }

    /** Percentages: two decimals. */
    public static final class Percent extends StdSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        public Percent() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.setScale(PERCENT_SCALE, ROUNDING).toPlainString());
        }
    }

    /** Counts that can be fractional (average instances, concurrency): up to two decimals, no trailing zeros. */
    public static final class Quantity extends StdSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        public Quantity() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            BigDecimal shown = value.setScale(QUANTITY_SCALE, ROUNDING).stripTrailingZeros();
            gen.writeNumber((shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString());
        }
    }
}
