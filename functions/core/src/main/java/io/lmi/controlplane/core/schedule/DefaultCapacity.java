package io.lmi.controlplane.core.schedule;

import java.util.Objects;
import java.util.Optional;

/** The file's {@code default}: what applies whenever no period and no pre-warm does. */
public record DefaultCapacity(int min, int max, Optional<String> reason) implements CapacitySetting {
    public DefaultCapacity {
        Objects.requireNonNull(reason, "reason");
    }

    public static DefaultCapacity of(int min, int max) {
        return new DefaultCapacity(min, max, Optional.empty());
    }
}
