package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.Architecture;
import io.lmi.controlplane.core.cost.RuntimeFamily;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.region.LmiRegions;
import io.lmi.controlplane.core.traffic.ShiftMechanism;
import io.lmi.controlplane.core.traffic.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readiness checks that configuration alone can answer (docs/assessment.md, "Readiness"). Each returns items with
 * a stable code; BLOCK items make the function NOT_ELIGIBLE.
 */
final class ReadinessCheck {
    private final AssessmentPolicy policy;

    ReadinessCheck(AssessmentPolicy policy) {
        this.policy = policy;
    }

    /** Where the function runs now: already on LMI, or in a Region without LMI. */
    List<ReadinessItem> placement(FunctionSnapshot function, String region) {
        List<ReadinessItem> items = new ArrayList<>();
        if (function.onLmi()) {
            items.add(ReadinessItem.block("ALREADY_ON_LMI", function.name() + " already runs on capacity provider "
                    + function.capacityProviderArn(), "ship its new versions with a rollout instead of migrating it"));
        }
        if (!LmiRegions.isSupported(region)) {
            items.add(ReadinessItem.block("REGION_NOT_SUPPORTED", region + " does not offer Lambda Managed Instances",
                    "keep the function on standard Lambda, or deploy it in a Region that offers LMI"));
        }
        return items;
    }

    ReadinessItem runtime(RuntimeSupport.Support support, boolean allowUpgrade) {
        return switch (support.status()) {
            case SUPPORTED -> ReadinessItem.pass("RUNTIME_SUPPORTED", support.runtime() + " runs on LMI");
            case IN_IMAGE -> ReadinessItem.warn("RUNTIME_IN_IMAGE", "a container image: its runtime cannot be read from"
                    + " the configuration", "check that " + support.note());
            case NO_LMI_VERSION -> ReadinessItem.block("RUNTIME_NOT_SUPPORTED", support.note(),
                    "port the function to a runtime LMI runs, or keep it on standard Lambda");
            case UPGRADE_AVAILABLE -> allowUpgrade
                    ? ReadinessItem.warn("RUNTIME_UPGRADE", support.runtime() + " does not run on LMI; the LMI function"
                            + " will use " + support.target(), support.note())
                    : ReadinessItem.block("RUNTIME_UPGRADE_REQUIRED", support.runtime() + " does not run on LMI; "
                            + support.target() + " does", "upgrade to " + support.target() + " (" + support.note()
                            + "), or assess with allowRuntimeUpgrade to judge the function as upgraded");
        };
    }

    /** The architecture the LMI function should use, and why. */
    record ArchitectureChoice(Architecture architecture, ReadinessItem item) {
    }

    ArchitectureChoice architecture(FunctionSnapshot function) {
        Architecture current = Architecture.fromId(function.architecture() == null ? "x86_64" : function.architecture());
        if (current == Architecture.ARM64) {
            return new ArchitectureChoice(current, ReadinessItem.pass("ARCHITECTURE_ARM64",
                    "already arm64: runs on Graviton instances, the best price-performance"));
        }
        if (function.isImage()) {
            return new ArchitectureChoice(current, ReadinessItem.pass("ARCHITECTURE_KEPT",
                    "keeps x86_64: the image was built for it; rebuild it for arm64 to use Graviton"));
        }
        List<String> binding = new ArrayList<>();
        for (FunctionSnapshot.Layer layer : function.layers()) {
            if (layer.compatibleArchitectures().isEmpty()) {
                binding.add(layer.arn() + " (declares no architectures)");
            } else if (!layer.compatibleArchitectures().contains("arm64")) {
                binding.add(layer.arn() + " (" + String.join(", ", layer.compatibleArchitectures()) + " only)");
            }
        }
        if (!binding.isEmpty()) {
            return new ArchitectureChoice(current, ReadinessItem.pass("ARCHITECTURE_KEPT",
                    "keeps x86_64: not every layer is known to work on arm64: " + String.join("; ", binding)));
        }
        return new ArchitectureChoice(Architecture.ARM64, ReadinessItem.warn("ARCHITECTURE_TO_ARM64",
                "moves from x86_64 to arm64 (Graviton, the seed skill's choice \"unless x86 dependencies exist\");"
                        + " the capacity provider and the function must both be arm64",
                "rebuild native dependencies in the package for arm64 and test; assess a copy pinned to x86_64 if"
                        + " something binds it to x86"));
    }

    /** Function features an LMI function cannot have; the copy leaves them out. */
    List<ReadinessItem> droppedFeatures(FunctionSnapshot function) {
        List<ReadinessItem> items = new ArrayList<>();
        if (function.inVpc()) {
            items.add(ReadinessItem.warn("VPC_CONFIG_MOVES", "the function's VPC configuration (subnets "
                    + function.vpcSubnetIds() + ") does not carry over: an LMI function reaches the network through"
                    + " its capacity provider's subnets",
                    "give the capacity provider these subnets (private ones need a NAT route or VPC endpoints for"
                            + " CloudWatch Logs, monitoring and what the code calls) and its security groups"));
        }
        if (function.snapStart() != null && !"None".equalsIgnoreCase(function.snapStart())) {
            items.add(ReadinessItem.warn("SNAPSTART_DROPPED", "SnapStart (" + function.snapStart() + ") is dropped:"
                    + " LMI execution environments run continuously, so there is no cold start to shorten",
                    "remove SnapStart-specific restore hooks if they only made sense for it"));
        }
        if (function.provisionedConcurrency() > 0) {
            items.add(ReadinessItem.warn("PROVISIONED_CONCURRENCY_DROPPED", "provisioned concurrency ("
                    + function.provisionedConcurrency() + ") is dropped: MinExecutionEnvironments keeps capacity warm"
                    + " instead", "check the recommended minimum covers what provisioned concurrency was for"));
        }
        if (function.reservedConcurrency() != null) {
            items.add(ReadinessItem.warn("RESERVED_CONCURRENCY_DROPPED", "reserved concurrency ("
                    + function.reservedConcurrency() + ") does not apply: the scaling configuration and the capacity"
                    + " provider's MaxVCpuCount bound the capacity", "if it protected a downstream system, set"
                    + " MaxExecutionEnvironments to keep that protection"));
        }
        if ("Text".equalsIgnoreCase(function.logFormat())) {
            items.add(ReadinessItem.warn("LOG_FORMAT_JSON", "logs change from Text to JSON: LMI functions always log"
                    + " structured JSON", "update log queries, metric filters and subscriptions that parse text lines"));
        }
        return items;
    }

    /**
     * Whether the code is safe when one execution environment runs many invocations at once cannot be read from the
     * configuration: this item says so, with the seed skill's checklist for the runtime's concurrency model.
     */
    ReadinessItem codeReview(String lmiRuntime) {
        String family = familyOf(lmiRuntime);
        String model = switch (family) {
            case "java" -> "Java runs invocations on OS threads sharing one handler instance: no mutable static state,"
                    + " thread-safe clients and pools (ConcurrentHashMap, HikariCP), request state in ThreadLocal or"
                    + " parameters; AWS SDK for Java 2 >= 2.34.0, Powertools >= 2.8.0, X-Ray SDK >= 2.20.0; read the"
                    + " trace id from context.getXrayTraceId(), not _X_AMZN_TRACE_ID";
            case "nodejs" -> "Node.js shares globals within each worker: keep request state out of module scope"
                    + " (AsyncLocalStorage), use pools initialised outside the handler; callback-style handlers do"
                    + " not run on LMI";
            case "python" -> "Python runs one process per concurrent invocation: globals are not shared, but memory"
                    + " and connections multiply by the concurrency (pool size x concurrency connections)";
            case "dotnet" -> ".NET runs invocations as Tasks sharing the handler: full thread safety, and check"
                    + " RemainingTime because timeouts are not enforced";
            default -> "several invocations run at once in one execution environment: shared state must be safe"
                    + " under concurrency";
        };
        return ReadinessItem.warn("CODE_REVIEW_REQUIRED", "concurrency safety cannot be judged from configuration. "
                + model + ". Every runtime: /tmp is shared by the concurrent invocations, per-invocation timeouts are"
                + " not enforced, and every log line should carry the request id",
                "review the code against the checklist (unique /tmp paths, pools and SDK clients created outside the"
                        + " handler, no environment-variable changes during a request) before migrating");
    }

    /** LMI does not stop an invocation at its timeout: long tails keep running and holding concurrency. */
    ReadinessItem timeout(FunctionSnapshot function, TrafficProfile traffic) {
        Double p99 = traffic.p99DurationMs();
        if (p99 == null || function.timeoutSeconds() <= 0) {
            return null;
        }
        double limit = function.timeoutSeconds() * 1000.0 * policy.p99NearTimeoutShare();
        if (p99 > limit) {
            return ReadinessItem.warn("P99_NEAR_TIMEOUT", String.format(Locale.ROOT, "p99 duration %.0f ms is above"
                    + " %.0f%% of the %d s timeout; on LMI a timed-out invocation keeps running", p99,
                    policy.p99NearTimeoutShare() * 100, function.timeoutSeconds()),
                    "stop long work when context.getRemainingTimeInMillis() runs low");
        }
        return null;
    }

    /** One item per trigger: how its traffic moves (an alias cannot span a standard and an LMI function). */
    List<ReadinessItem> triggers(List<Trigger> triggers) {
        List<ReadinessItem> items = new ArrayList<>();
        if (triggers.isEmpty()) {
            items.add(ReadinessItem.warn("NO_TRIGGERS_FOUND", "no trigger was found (event source mappings, rules,"
                    + " subscriptions, APIs, load balancers, function URL, resource-policy invokers): callers that"
                    + " invoke it with their own IAM permissions are not visible", "list who calls the function; the"
                    + " migration will wait for the team to switch those callers"));
        }
        for (Trigger trigger : triggers) {
            String what = trigger.kind() + " " + (trigger.source() == null ? trigger.id() : trigger.source());
            ShiftMechanism mechanism = trigger.mechanism();
            items.add(switch (mechanism) {
                case WEIGHTED -> ReadinessItem.pass("TRIGGER_WEIGHTED", what + ": traffic moves step by step"
                        + " (10% -> 50% -> 100%)");
                case CUTOVER -> ReadinessItem.warn("TRIGGER_CUTOVER", what + ": moves all at once at the cut-over"
                        + " step (every consumer of it sees every event, so it cannot be split)",
                        "expect the whole trigger to switch at the cut-over step; it rolls back the same way");
                case MANUAL -> ReadinessItem.warn("TRIGGER_MANUAL", what + ": the control plane cannot redirect it",
                        "switch these callers to the LMI function when the migration asks; it waits for confirmation");
            });
        }
        return items;
    }

    static String familyOf(String runtime) {
        if (runtime == null) {
            return "";
        }
        try {
            return RuntimeFamily.parse(runtime).id();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
