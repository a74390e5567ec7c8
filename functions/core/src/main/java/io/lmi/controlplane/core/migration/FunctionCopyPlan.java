package io.lmi.controlplane.core.migration;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the LMI copy of a function differs from the original: what it keeps (code, handler, environment, layers,
 * role, timeout, logging, tags), what it changes (size, architecture, maybe the runtime), and what LMI drops.
 */
public record FunctionCopyPlan(String name, String runtime, String architecture, int memoryMb, double memoryGiBPerVCpu,
                               int perExecutionEnvironmentMaxConcurrency, List<String> dropped, List<String> changed) {

    public FunctionCopyPlan {
        dropped = List.copyOf(dropped);
        changed = List.copyOf(changed);
    }

    public static FunctionCopyPlan of(FunctionSnapshot original, String newName, LmiConfiguration configuration) {
        List<String> dropped = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        if (original.inVpc()) {
            dropped.add("VpcConfig (LMI functions use the capacity provider's network: subnets "
                    + original.vpcSubnetIds() + " are not carried over)");
        }
        if (original.snapStart() != null && !"None".equals(original.snapStart())) {
            dropped.add("SnapStart (" + original.snapStart() + "): LMI execution environments run continuously");
        }
        if (original.provisionedConcurrency() > 0) {
            dropped.add("provisioned concurrency (" + original.provisionedConcurrency()
                    + "): LMI keeps MinExecutionEnvironments warm instead");
        }
        if (original.reservedConcurrency() != null) {
            dropped.add("reserved concurrency (" + original.reservedConcurrency()
                    + "): LMI capacity is bounded by the scaling config and MaxVCpuCount");
        }
        if (original.logGroup() != null && !original.logGroup().equals(defaultLogGroup(original.name()))) {
            changed.add("log group: the copy writes to " + original.logGroup() + " with the original (not to "
                    + defaultLogGroup(newName) + "), so its logs stay where the team's subscriptions and retention are");
        } else {
            changed.add("log group " + defaultLogGroup(original.name()) + " -> " + defaultLogGroup(newName)
                    + " (each function's default group: point dashboards and log subscriptions there too)");
        }
        if ("Text".equals(original.logFormat())) {
            changed.add("log format Text -> JSON (LMI logs are always structured JSON)");
        }
        LmiConfiguration.Function f = configuration.function();
        if (f.runtime() != null && !f.runtime().equals(original.runtime()) && !original.isImage()) {
            changed.add("runtime " + original.runtime() + " -> " + f.runtime());
        }
        String architecture = configuration.capacityProvider().architecture();
        if (!architecture.equals(original.architecture())) {
            changed.add("architecture " + original.architecture() + " -> " + architecture);
        }
        if (f.memoryMb() != original.memoryMb()) {
            changed.add("memory " + original.memoryMb() + " MB -> " + f.memoryMb() + " MB");
        }
        return new FunctionCopyPlan(newName, original.isImage() ? null : f.runtime(), architecture, f.memoryMb(),
                f.memoryGiBPerVCpu(), f.perExecutionEnvironmentMaxConcurrency(), dropped, changed);
    }

    /** Where Lambda sends a function's logs when its LoggingConfig names no group. */
    public static String defaultLogGroup(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** The group the copy must log to: the original's own custom group, or none (the copy's default). */
    public static String copiedLogGroup(FunctionSnapshot original) {
        return original.logGroup() == null || original.logGroup().equals(defaultLogGroup(original.name()))
                ? null : original.logGroup();
    }
}
