package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The two Lambda architectures; they carry different duration prices and map to different EC2 families. */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The spelling the Lambda API and the price table use. */
    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Architecture fromId(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown architecture '" + value + "'; use x86_64 or arm64"));
    }

    @Override
    public String toString() {
        return id;
    }
}
