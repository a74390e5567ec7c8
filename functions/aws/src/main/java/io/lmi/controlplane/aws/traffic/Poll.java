package io.lmi.controlplane.aws.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads something until it reaches a state, or gives up after a bounded wait with a message that says what hung. */
final class Poll {
    /** How a wait passes time; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    private final Duration timeout;
    private final Duration interval;
    private final Sleeper sleeper;
    private final Supplier<Instant> clock;

    Poll(Duration timeout, Duration interval, Sleeper sleeper, Supplier<Instant> clock) {
        this.timeout = timeout;
        this.interval = interval;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    <T> T until(Supplier<T> read, Predicate<T> done, String what) {
        Instant deadline = clock.get().plus(timeout);
        T value = read.get();
        while (!done.test(value)) {
            if (!clock.get().isBefore(deadline)) {
                throw new IllegalStateException(what + " did not happen within " + timeout + "; last seen: " + value);
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
            value = read.get();
        }
        return value;
    }
}
