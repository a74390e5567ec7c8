package io.lmi.controlplane.runtime;

import io.lmi.controlplane.aws.schedule.FunctionNamePattern;
import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.migration.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The deployment's choices, from the functions' environment (template.yaml, Globals). Each has a documented default
 * here and a template parameter there.
 */
public final class Settings {
    /** Default subnets, security groups and operator role for new capacity providers. */
    public static final String SUBNETS = "CAPACITY_PROVIDER_SUBNET_IDS";
    public static final String SECURITY_GROUPS = "CAPACITY_PROVIDER_SECURITY_GROUP_IDS";
    public static final String OPERATOR_ROLE = "CAPACITY_PROVIDER_OPERATOR_ROLE_ARN";
    /** How often workflows poll for capacity providers and versions to become Active (default 30s). */
    public static final String POLL_INTERVAL = "POLL_INTERVAL";
    /** How long a capacity provider may take to become Active before it is diagnosed (default 20m). */
    public static final String CAPACITY_PROVIDER_TIMEOUT = "CAPACITY_PROVIDER_TIMEOUT";
    /** How long a published version may take to become Active (default 30m: LMI starts 3 instances first). */
    public static final String PUBLISH_TIMEOUT = "PUBLISH_TIMEOUT";
    /**
     * How far back a rollout looks for the replaced version's peak execution environments (default 24h: a rollout
     * started in a quiet hour still sizes its steps for the day's peak it may run into).
     */
    public static final String ROLLOUT_PEAK_LOOKBACK = "ROLLOUT_PEAK_LOOKBACK";
    /** Gate defaults as JSON over {@link GateSettings#DEFAULTS}, e.g. {"minInvocations": 50}. */
    public static final String GATE_DEFAULTS = "GATE_DEFAULTS";
    /**
     * The template's ManagedFunctionNamePattern (IAM ARN syntax, default "*"): the functions the control plane's
     * policies let it read and change. Any other is denied, whatever CloudTrail or a schedule selector reports.
     */
    public static final String MANAGED_FUNCTION_NAME_PATTERN = "MANAGED_FUNCTION_NAME_PATTERN";

    private final ControlPlane controlPlane;

    public Settings(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    public CapacityProviderSettings capacityProviderDefaults() {
        List<String> subnets = list(controlPlane.setting(SUBNETS).orElse(""));
        List<String> groups = list(controlPlane.setting(SECURITY_GROUPS).orElse(""));
        String role = controlPlane.setting(OPERATOR_ROLE).orElse(null);
        return new CapacityProviderSettings(null, subnets.isEmpty() ? null : subnets, groups, role);
    }

    public GateSettings gateDefaults() {
        return controlPlane.setting(GATE_DEFAULTS)
                .map(json -> Json.read(json, GateSettings.class, GATE_DEFAULTS).over(GateSettings.DEFAULTS))
                .orElse(GateSettings.DEFAULTS);
    }

    public FunctionNamePattern managedFunctions() {
        return controlPlane.setting(MANAGED_FUNCTION_NAME_PATTERN).map(FunctionNamePattern::new)
                .orElse(FunctionNamePattern.ANY);
    }

    public Duration pollInterval() {
        return duration(POLL_INTERVAL, "30s");
    }

    public Duration capacityProviderTimeout() {
        return duration(CAPACITY_PROVIDER_TIMEOUT, "20m");
    }

    public Duration publishTimeout() {
        return duration(PUBLISH_TIMEOUT, "30m");
    }

    public Duration rolloutPeakLookback() {
        return duration(ROLLOUT_PEAK_LOOKBACK, "24h");
    }

    private Duration duration(String name, String fallback) {
        String value = controlPlane.setting(name).orElse(fallback);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + name + "=" + value
                    + " is not a duration: use e.g. 30s, 5m, 1h", e);
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
