package io.lmi.controlplane.core.schedule;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field names, zone ids and period names. */
final class Suggestions {
    /** Edits beyond this are a different word, not a typo. */
    private static final int MAX_TYPO_DISTANCE = 3;

    private Suggestions() {
    }

    static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> " (did you mean \"" + c + "\"?)").orElse("");
    }

    static Optional<String> closest(String given, Collection<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(given)) {
                return Optional.of(candidate);
            }
        }
        String lower = given.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .map(c -> new Scored(c, distance(lower, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= Math.min(MAX_TYPO_DISTANCE, Math.max(2, given.length() / 3)))
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    private record Scored(String candidate, int distance) {
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
