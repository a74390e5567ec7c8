package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.RuntimeFamily;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a Lambda runtime runs on LMI, and if not, the LMI runtime of the same family it would move to. LMI runs
 * Java 21+, Python 3.13+, Node.js 22+, .NET 8+ and the OS-only runtime provided.al2023 (lmi-api-and-pricing.md 5.3);
 * the nearest such version is the upgrade: the smallest change that gets the function there.
 */
public final class RuntimeSupport {
    /** The OS-only runtime LMI accepts (Rust, Go, and other custom runtimes with a bootstrap). */
    public static final String OS_ONLY = "provided.al2023";

    private static final Pattern VERSIONED = Pattern.compile("^(java|python|nodejs|dotnet|dotnetcore)(\\d+)(?:\\.(\\d+))?(?:\\.x|\\.al2)?$");

    private RuntimeSupport() {
    }

    public enum Status {
        /** Runs on LMI as it is. */
        SUPPORTED,
        /** Runs on LMI after moving to {@link Support#target()}. */
        UPGRADE_AVAILABLE,
        /** No version of this runtime runs on LMI. */
        NO_LMI_VERSION,
        /** A container image: the runtime is whatever the image was built with. */
        IN_IMAGE
    }

    /**
     * @param target the runtime the LMI function would use: the current one when supported, the upgrade otherwise;
     *               null when there is none or the runtime is in an image
     * @param note   what the upgrade involves, for people
     */
    public record Support(Status status, String runtime, String target, String note) {
    }

    public static Support of(String runtime, boolean image) {
        if (image || runtime == null || runtime.isBlank()) {
            return new Support(Status.IN_IMAGE, runtime, null, "the image must be built on an LMI-supported runtime"
                    + " (Java 21+, Python 3.13+, Node.js 22+, .NET 8+ or " + OS_ONLY + ")");
        }
        String id = runtime.trim().toLowerCase(Locale.ROOT);
        if (RuntimeFamily.isLmiRuntimeId(id) || OS_ONLY.equals(id)) {
            return new Support(Status.SUPPORTED, runtime, id, null);
        }
        if (id.equals("provided") || id.equals("provided.al2")) {
            return upgrade(runtime, OS_ONLY, "rebuild the bootstrap for Amazon Linux 2023");
        }
        if (id.equals("go1.x")) {
            return upgrade(runtime, OS_ONLY, "build the handler as a bootstrap binary (AWS's migration path for Go)");
        }
        Matcher m = VERSIONED.matcher(id);
        if (m.matches()) {
            String family = m.group(1);
            int major = Integer.parseInt(m.group(2));
            int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            switch (family) {
                case "java":
                    return major < 21 ? upgrade(runtime, "java21", "compile for Java 21; also AWS SDK for Java 2"
                            + " >= 2.34.0 and Powertools for AWS Lambda (Java) >= 2.8.0 inside the function") : none(runtime);
                case "python":
                    return major == 3 && minor < 13 ? upgrade(runtime, "python3.13",
                            "test on Python 3.13 and rebuild native wheels for it") : none(runtime);
                case "nodejs":
                    return major < 22 ? upgrade(runtime, "nodejs22.x", "test on Node.js 22; callback-style handlers"
                            + " must become async (LMI does not run them)") : none(runtime);
                case "dotnet", "dotnetcore":
                    return major < 8 ? upgrade(runtime, "dotnet8", "retarget to .NET 8") : none(runtime);
                default:
                    return none(runtime);
            }
        }
        return none(runtime);
    }

    private static Support upgrade(String runtime, String target, String note) {
        return new Support(Status.UPGRADE_AVAILABLE, runtime, target, note);
    }

    private static Support none(String runtime) {
        return new Support(Status.NO_LMI_VERSION, runtime, null, "LMI runs Java 21+, Python 3.13+, Node.js 22+, .NET 8+"
                + " and " + OS_ONLY + "; " + runtime + " has no version among them");
    }
}
