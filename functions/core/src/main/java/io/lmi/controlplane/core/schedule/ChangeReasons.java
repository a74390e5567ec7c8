package io.lmi.controlplane.core.schedule;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Says in words why the effective capacity changes: which entries start, which end, and what remains. */
final class ChangeReasons {
    private ChangeReasons() {
    }

    static String describe(EffectiveCapacity before, EffectiveCapacity after) {
        Set<String> beforePaths = before.sources().stream().map(CapacitySource::path).collect(Collectors.toSet());
        Set<String> afterPaths = after.sources().stream().map(CapacitySource::path).collect(Collectors.toSet());
        List<CapacitySource> ended = before.sources().stream().filter(s -> !afterPaths.contains(s.path()))
                .filter(s -> s.kind() != CapacitySource.Kind.DEFAULT).toList();
        List<CapacitySource> started = after.sources().stream().filter(s -> !beforePaths.contains(s.path()))
                .filter(s -> s.kind() != CapacitySource.Kind.DEFAULT).toList();
        boolean prewarmChanged = Stream.concat(ended.stream(), started.stream())
                .anyMatch(s -> s.kind() == CapacitySource.Kind.PREWARM);
        if (prewarmChanged) {
            // A pre-warm masks whatever runs beneath it; what starts or ends under it is not news, what remains is.
            ended = ended.stream().filter(s -> s.kind() == CapacitySource.Kind.PREWARM).toList();
            started = started.stream().filter(s -> s.kind() == CapacitySource.Kind.PREWARM).toList();
        }
        StringBuilder reason = new StringBuilder();
        if (!ended.isEmpty()) {
            reason.append(labels(ended)).append(ended.size() == 1 ? " ends" : " end");
        }
        if (!started.isEmpty()) {
            reason.append(reason.length() == 0 ? "" : ", ").append(labels(started))
                    .append(started.size() == 1 ? " starts" : " start");
        }
        if (started.isEmpty()) {
            reason.append(reason.length() == 0 ? "" : ": ").append("back to ").append(after.describeSources());
        }
        after.exception().ifPresent(e -> reason.append(" (exception ").append(e.date())
                .append(e.reason().map(r -> " " + r).orElse("")).append(": ").append(e.use().describe()).append(')'));
        return reason.toString();
    }

    private static String labels(List<CapacitySource> sources) {
        return sources.stream().map(CapacitySource::label).collect(Collectors.joining(", "));
    }
}
