package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag converters whose failures picocli reports against the flag, with exit code 2. */
final class Converters {
    private Converters() {}

    /** A whole number, also written with underscores or in exponent form (2.592e8). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return new BigDecimal(value.replace("_", "")).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
        }
    }

    static final class ArchitectureConverter implements ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            try {
                return Architecture.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class WorkloadConverter implements ITypeConverter<WorkloadProfile> {
        @Override
        public WorkloadProfile convert(String value) {
            try {
                return WorkloadProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
