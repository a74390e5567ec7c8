package io.lmi.controlplane.aws.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a use case has changed so far, as the actions that take each change back. When a later call fails, the
 * actions run newest first, so the account ends as it was before the use case started; what could not be undone is
 * reported, never hidden.
 */
public final class Undo {
    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    /** One change and how to take it back. */
    private record Step(String description, Runnable action) {
    }

    /** The result of undoing: what was taken back, and what could not be (with the error). */
    public record Report(List<String> undone, List<String> failed) {
        public Report {
            undone = List.copyOf(undone);
            failed = List.copyOf(failed);
        }

        public boolean complete() {
            return failed.isEmpty();
        }

        public String describe() {
            if (undone.isEmpty() && failed.isEmpty()) {
                return "nothing had been changed";
            }
            String text = undone.isEmpty() ? "nothing was undone" : "undone: " + String.join("; ", undone);
            return failed.isEmpty() ? text : text + "; COULD NOT UNDO: " + String.join("; ", failed);
        }
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Records a change that has just been made, with the action that takes it back. */
    public void changed(String description, Runnable takeBack) {
        steps.push(new Step(description, takeBack));
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Takes every recorded change back, newest first; continues past failures and reports them. */
    public Report run() {
        List<String> undone = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.action().run();
                undone.add(step.description());
            } catch (RuntimeException e) {
                LOG.error("could not undo {}: {}", step.description(), e.toString(), e);
                failed.add(step.description() + " (" + e.getMessage() + ")");
            }
        }
        return new Report(undone, failed);
    }
}
