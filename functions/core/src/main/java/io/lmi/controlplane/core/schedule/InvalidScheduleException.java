package io.lmi.controlplane.core.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** A schedule was refused. It carries every problem found, not only the first. */
public class InvalidScheduleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ScheduleProblem> problems;

    public InvalidScheduleException(List<ScheduleProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid schedule has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ScheduleProblem> problems() {
        return problems;
    }

    private static String describe(List<ScheduleProblem> problems) {
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n",
                "the capacity schedule has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n",
                ""));
    }
}
