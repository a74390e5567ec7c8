package io.lmi.controlplane.core.schedule;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Says in words why the effective capacity changes: which entries start, which end, and what remains. */
final class ChangeReasons {
    private ChangeReasons() {
    }

    static String describe(EffectiveCapacity before, EffectiveCapacity after) {
        Set<String> beforePaths = before.sources().stream().map(CapacitySource::path).collect(Collectors.toSet());
        Set<String> afterPaths = after.sources().stream().map(CapacitySource::path).collect(Collectors.toSet());
        List<String> ended = before.sources().stream().filter(s -> !afterPaths.contains(s.path()))
                .filter(s -> s.kind() != CapacitySource.Kind.DEFAULT).map(CapacitySource::label).toList();
        List<String> started = after.sources().stream().filter(s -> !beforePaths.contains(s.path()))
                .filter(s -> s.kind() != CapacitySource.Kind.DEFAULT).map(CapacitySource::label).toList();
        StringBuilder reason = new StringBuilder();
        if (!ended.isEmpty()) {
            reason.append(String.join(", ", ended)).append(ended.size() == 1 ? " ends" : " end");
        }
        if (!started.isEmpty()) {
            reason.append(reason.length() == 0 ? "" : ", ").append(String.join(", ", started))
                    .append(started.size() == 1 ? " starts" : " start");
        }
        if (started.isEmpty()) {
            reason.append(reason.length() == 0 ? "" : ": ").append("back to ").append(after.describeSources());
        }
        after.exception().ifPresent(e -> reason.append(" (exception ").append(e.date())
                .append(e.reason().map(r -> " " + r).orElse("")).append(": ").append(e.use().describe()).append(')'));
        return reason.toString();
    }
}
