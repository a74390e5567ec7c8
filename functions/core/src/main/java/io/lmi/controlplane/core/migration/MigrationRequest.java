package io.lmi.controlplane.core.migration;

import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of a {@code MigrationRequested} event (and of {@code ./lmi migrate}). Only {@code functionName} is
 * required; everything else has a documented default (see {@link #withDefaults}).
 *
 * @param functionName       the standard function to move: a name or an unqualified ARN
 * @param requestId          de-duplicates deliveries: the same id joins the migration it started (default: the
 *                           EventBridge event id)
 * @param steps              percentages of traffic on the new function, increasing, ending at 100
 * @param bake               time between steps, e.g. "15m" (the gate judges the step after it)
 * @param cutoverPercent     the step at which stream, EventBridge, SNS and manual triggers move at once
 * @param force              migrate even when the assessment does not recommend LMI
 * @param dryRun             report every change and make none
 * @param allowRuntimeUpgrade move to the nearest LMI-supported runtime when the current one is not supported
 * @param region             when given, must be the control plane's region
 * @param lmiFunctionName    name of the new function (default: the original's name + "-lmi")
 * @param aliasName          the new function's alias that triggers invoke (default "live")
 * @param minExecutionEnvironments floor for the published version (default from the recommendation, at least 3)
 * @param maxExecutionEnvironments ceiling (default from the recommendation)
 * @param capacityProvider   where to run (defaults from the deployment)
 * @param gates              alarm thresholds and the traffic a step needs to be judged
 * @param requestedBy        who asked, for the ledger
 */
public record MigrationRequest(String functionName, String requestId, List<Integer> steps, String bake,
                               Integer cutoverPercent, Boolean force, Boolean dryRun, Boolean allowRuntimeUpgrade,
                               String region, String lmiFunctionName, String aliasName,
                               Integer minExecutionEnvironments, Integer maxExecutionEnvironments,
                               CapacityProviderSettings capacityProvider, GateSettings gates, String requestedBy)
        implements Validatable {

    public static final List<Integer> DEFAULT_STEPS = List.of(10, 50, 100);
    public static final String DEFAULT_BAKE = "15m";
    /** The longest bake we accept: a day is longer than any team waits between steps. */
    public static final Duration MAX_BAKE = Duration.ofHours(24);
    public static final String DEFAULT_ALIAS = "live";
    public static final String LMI_SUFFIX = "-lmi";
    /** One execution environment per AZ across three AZs: the floor for production (seed skill, AWS DG). */
    public static final int PRODUCTION_MIN_EXECUTION_ENVIRONMENTS = 3;

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9-_]+)(:[a-zA-Z0-9$_.-]+)?");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");

    /** The function's name whether the request gave a name or an ARN. */
    public String name() {
        if (functionName == null) {
            return null;
        }
        Matcher arn = FUNCTION_ARN.matcher(functionName);
        return arn.matches() ? arn.group(3) : functionName;
    }

    public Duration bakeTime() {
        return Durations.parse(bake == null ? DEFAULT_BAKE : bake);
    }

    // Named so that Jackson does not take them for getters: "isForced" would add a "forced" property that the
    // strict reader then refuses, and @JsonIgnore on "isDryRun" would hide the dryRun component itself.
    public boolean dryRunRequested() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean forceRequested() {
        return Boolean.TRUE.equals(force);
    }

    public boolean runtimeUpgradeAllowed() {
        return Boolean.TRUE.equals(allowRuntimeUpgrade);
    }

    /** The request with every default filled in, capacity-provider settings over the deployment's. */
    public MigrationRequest withDefaults(CapacityProviderSettings deploymentDefaults, GateSettings gateDefaults) {
        String name = name();
        return new MigrationRequest(name, requestId, steps == null ? DEFAULT_STEPS : steps,
                bake == null ? DEFAULT_BAKE : bake,
                cutoverPercent == null ? TrafficPlan.DEFAULT_CUTOVER_PERCENT : cutoverPercent,
                forceRequested(), dryRunRequested(), runtimeUpgradeAllowed(), region,
                lmiFunctionName == null ? truncate(name + LMI_SUFFIX) : lmiFunctionName,
                aliasName == null ? DEFAULT_ALIAS : aliasName,
                minExecutionEnvironments, maxExecutionEnvironments,
                capacityProvider == null ? deploymentDefaults
                        : capacityProvider.over(deploymentDefaults),
                gates == null ? gateDefaults : gates.over(gateDefaults),
                requestedBy);
    }

    private static String truncate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    @Override
    public void validate() {
        Validator v = new Validator("migration request");
        if (v.require("functionName", functionName, "name the standard function to migrate")) {
            Matcher arn = FUNCTION_ARN.matcher(functionName);
            if (arn.matches()) {
                v.check(arn.group(4) == null, "functionName", "'" + functionName + "' is qualified",
                        "give the function's name or unqualified ARN: a migration moves every trigger of the function");
            } else {
                v.matches("functionName", functionName, FUNCTION_NAME,
                        "use the function's name (1-64 letters, digits, - and _) or its ARN");
            }
        }
        if (steps != null) {
            try {
                TrafficPlan.validateSteps(steps, "steps");
            } catch (InvalidRequestException e) {
                e.errors().forEach(v::add);
            }
        }
        if (bake != null) {
            try {
                Duration duration = Durations.parse(bake);
                v.check(!duration.isNegative() && duration.compareTo(MAX_BAKE) <= 0, "bake",
                        "'" + bake + "' is outside 0s-24h", "use a bake time from 0s to 24h, e.g. 15m");
            } catch (IllegalArgumentException e) {
                v.add(new FieldError("bake", e.getMessage(), "write it like 90s, 15m, 1h30m or PT15M"));
            }
        }
        v.inRange("cutoverPercent", cutoverPercent, 1, 100, "percent");
        v.matches("lmiFunctionName", lmiFunctionName, FUNCTION_NAME, "use 1-64 letters, digits, - and _");
        if (lmiFunctionName != null && name() != null) {
            v.check(!lmiFunctionName.equals(name()), "lmiFunctionName", "is the original function's name",
                    "name the new function differently: a standard function cannot become an LMI function");
        }
        v.matches("aliasName", aliasName, ALIAS, "use 1-128 letters, digits, - and _ (not only digits)");
        v.inRange("minExecutionEnvironments", minExecutionEnvironments, 1, 15000, "execution environments");
        v.inRange("maxExecutionEnvironments", maxExecutionEnvironments, 1, 15000, "execution environments");
        if (minExecutionEnvironments != null && maxExecutionEnvironments != null) {
            v.check(maxExecutionEnvironments >= minExecutionEnvironments, "maxExecutionEnvironments",
                    maxExecutionEnvironments + " is below minExecutionEnvironments " + minExecutionEnvironments,
                    "make the ceiling at least the floor");
        }
        if (capacityProvider != null) {
            validatePartial(v, capacityProvider);
        }
        if (gates != null) {
            gates.validate(v, "gates");
        }
        v.throwIfInvalid();
    }

    /** A request may override only some settings; the complete set is checked after defaults are applied. */
    private static void validatePartial(Validator v, CapacityProviderSettings settings) {
        Validator partial = new Validator("capacity provider");
        settings.validate(partial, "capacityProvider");
        partial.errors().stream().filter(e -> !e.problem().equals("is missing")).forEach(v::add);
    }

    /** Checks what only the complete request (with the deployment's defaults) can tell. */
    public void validateComplete() {
        Validator v = new Validator("migration request");
        validateComplete(v);
        v.throwIfInvalid();
    }

    /** As {@link #validateComplete()}, adding the problems to {@code v}. */
    public void validateComplete(Validator v) {
        if (capacityProvider == null) {
            v.check(false, "capacityProvider", "is missing",
                    "give capacityProvider.subnetIds and operatorRoleArn, or deploy the control plane with defaults");
        } else {
            capacityProvider.validate(v, "capacityProvider");
        }
    }
}
