package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime families LMI runs, each with the per-vCPU multi-concurrency cap AWS documents (lmi-api-and-pricing.md
 * 5.2; the seed skill and the LMI pricing calculator's RUNTIME_LIMITS use the same numbers). The caps are defaults:
 * {@link SizingPolicy#runtimeConcurrencyCapPerVcpu()} can replace them.
 */
public enum RuntimeFamily {
    PYTHON("python", 16),
    NODEJS("nodejs", 64),
    JAVA("java", 32),
    DOTNET("dotnet", 32);

    /** Runtime identifiers LMI accepts (lmi-api-and-pricing.md 5.3, the LocalStack allow-list). */
    public static final Set<String> LMI_RUNTIME_IDS = Set.of(
            "nodejs24.x", "nodejs22.x", "python3.14", "python3.13", "java25", "java21", "dotnet10", "dotnet8");

    private static final Pattern VERSIONED = Pattern.compile("^(python|nodejs|java|dotnet)([0-9][0-9.]*)(\\.x)?$");

    private final String id;
    private final int documentedConcurrencyCapPerVcpu;

    RuntimeFamily(String id, int documentedConcurrencyCapPerVcpu) {
        this.id = id;
        this.documentedConcurrencyCapPerVcpu = documentedConcurrencyCapPerVcpu;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public int documentedConcurrencyCapPerVcpu() {
        return documentedConcurrencyCapPerVcpu;
    }

    /**
     * Accepts a family name (python, nodejs, node, java, dotnet) or a Lambda runtime identifier of one of those families
     * (python3.13, nodejs22.x, java21, dotnet8, also older versions such as java17: sizing depends only on the family,
     * and whether the version itself can move is the assessment's call, see {@link #isLmiRuntimeId(String)}).
     *
     * @throws IllegalArgumentException naming the accepted values, for anything else (ruby, provided.al2023: no
     *     per-vCPU concurrency default is documented for the OS-only runtime, so it cannot be sized without a guess)
     */
    public static RuntimeFamily parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "python":
                return PYTHON;
            case "node", "nodejs", "node.js":
                return NODEJS;
            case "java":
                return JAVA;
            case "dotnet", ".net":
                return DOTNET;
            default:
                break;
        }
        Matcher m = VERSIONED.matcher(v);
        if (m.matches()) {
            return parse(m.group(1));
        }
        String hint = v.startsWith("provided")
                ? "; AWS documents no per-vCPU concurrency default for the OS-only runtime, so it cannot be sized"
                : "";
        throw new IllegalArgumentException("unknown runtime '" + value
                + "'; use python, nodejs, java or dotnet, or a Lambda runtime id such as python3.13, nodejs22.x, java21,"
                + " dotnet8" + hint);
    }

    /** True when the identifier is one LMI accepts as it is (a family name alone says nothing about the version). */
    public static boolean isLmiRuntimeId(String value) {
        return value != null && LMI_RUNTIME_IDS.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** True for a bare family name such as "java" (no version to check). */
    public static boolean isFamilyName(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Set.of("python", "node", "nodejs", "node.js", "java", "dotnet", ".net").contains(v);
    }

    @Override
    public String toString() {
        return id;
    }
}
