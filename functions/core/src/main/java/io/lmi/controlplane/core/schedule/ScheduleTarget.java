package io.lmi.controlplane.core.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a schedule governs: one function ({@code function}), or every function whose tags match ({@code selector}). */
public sealed interface ScheduleTarget {

    /** The identity of the schedule in the ledger: one schedule per function or per selector. */
    String key();

    /** A readable fragment for EventBridge Scheduler names ([0-9a-zA-Z-_] only, at most 24 characters). */
    String namePrefix();

    /** A short stable digest of {@link #key()}, so that two targets never share schedule names even when truncated. */
    default String keyDigest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** A function name, or an unqualified function ARN (the version goes in the schedule's qualifier). */
    record FunctionTarget(String function) implements ScheduleTarget {
        public FunctionTarget {
            Objects.requireNonNull(function, "function");
        }

        /** The name without the ARN around it. */
        public String functionName() {
            int lastColon = function.lastIndexOf(':');
            return lastColon < 0 ? function : function.substring(lastColon + 1);
        }

        @Override
        public String key() {
            return function;
        }

        @Override
        public String namePrefix() {
            String name = functionName().replaceAll("[^0-9a-zA-Z_-]", "-");
            return name.length() > 24 ? name.substring(0, 24) : name;
        }
    }

    /** Every function carrying all these tags with these values. */
    record TagSelector(Map<String, String> tags) implements ScheduleTarget {
        public TagSelector {
            tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        }

        @Override
        public String key() {
            return tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",", "tags:", ""));
        }

        @Override
        public String namePrefix() {
            return "tags";
        }
    }
}
