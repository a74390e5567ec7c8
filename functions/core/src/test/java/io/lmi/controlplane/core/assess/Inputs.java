package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.traffic.Trigger;
import java.time.Instant;
import java.util.List;

/** Assessment inputs for tests. */
final class Inputs {
    private Inputs() {
    }

    static AssessmentInput input(FunctionSnapshot function, MetricsHistory history) {
        return input(function, history, List.of(), AssessmentOptions.defaults());
    }

    static AssessmentInput input(FunctionSnapshot function, MetricsHistory history, List<Trigger> triggers,
                                 AssessmentOptions options) {
        return new AssessmentInput("asm-test", Instant.parse("2026-11-23T00:05:00Z"), "us-east-1", function, triggers,
                history, options, function.name() + "-lmi");
    }
}
