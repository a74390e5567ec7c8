package io.lmi.controlplane.core.rollout;

import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.migration.Durations;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.traffic.TrafficPlan;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The detail of a {@code RolloutRequested} event (and of {@code ./lmi rollout}): ship a published version of an LMI
 * function through a weighted alias.
 *
 * @param functionName the LMI function
 * @param alias        the alias its callers invoke (its current version is the one being replaced)
 * @param version      the published version to roll out; or {@code publish} to publish $LATEST now
 * @param publish      publish $LATEST as the new version first
 * @param steps        percentages on the new version, increasing, ending at 100 (default 10, 50, 100)
 * @param weights      the same as alias weights (0-1), for those who think in AdditionalVersionWeights; not with steps
 * @param bake         time between steps (default 15m)
 * @param retention    what happens to superseded versions after promotion
 * @param headroom     the new version's execution environments per step, as a multiple of its share of the old
 *                     version's load (default {@link RolloutScaling#DEFAULT_HEADROOM})
 */
public record RolloutRequest(String functionName, String alias, String version, Boolean publish, List<Integer> steps,
                             List<Double> weights, String bake, Boolean dryRun, GateSettings gates,
                             VersionRetention.Policy retention, Double headroom, String requestId,
                             String requestedBy)
        implements Validatable {

    private static final Pattern FUNCTION = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,10}");

    public boolean publishes() {
        return Boolean.TRUE.equals(publish);
    }

    public boolean dryRunRequested() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** The steps as percentages, from {@code steps} or from {@code weights}. */
    public List<Integer> percentSteps() {
        if (weights != null) {
            List<Integer> percents = new ArrayList<>();
            weights.forEach(w -> percents.add((int) Math.round(w * 100)));
            return percents;
        }
        return steps == null ? MigrationRequest.DEFAULT_STEPS : steps;
    }

    public Duration bakeTime() {
        return Durations.parse(bake == null ? MigrationRequest.DEFAULT_BAKE : bake);
    }

    public RolloutRequest withDefaults(GateSettings gateDefaults) {
        return new RolloutRequest(functionName, alias, version, publishes(), percentSteps(), null,
                bake == null ? MigrationRequest.DEFAULT_BAKE : bake, dryRunRequested(),
                gates == null ? gateDefaults : gates.over(gateDefaults),
                retention == null ? VersionRetention.Policy.DEFAULTS : retention.over(VersionRetention.Policy.DEFAULTS),
                headroom == null ? RolloutScaling.DEFAULT_HEADROOM : headroom, requestId, requestedBy);
    }

    @Override
    public void validate() {
        Validator v = new Validator("rollout request");
        if (v.require("functionName", functionName, "name the LMI function to roll out")) {
            v.matches("functionName", functionName, FUNCTION, "use the function's name (1-64 letters, digits, - and _)");
        }
        if (v.require("alias", alias, "name the alias its callers invoke, e.g. live")) {
            v.matches("alias", alias, ALIAS, "use an alias name (letters, digits, - and _; not only digits)");
        }
        boolean hasVersion = version != null && !version.isBlank();
        v.check(hasVersion != publishes(), hasVersion ? "version" : "publish",
                hasVersion ? "is given together with publish" : "neither version nor publish is given",
                "give the published version to roll out, or publish: true to publish $LATEST now (not both)");
        if (hasVersion) {
            v.matches("version", version, VERSION, "use a published version number; $LATEST and aliases do not run on LMI");
        }
        v.check(steps == null || weights == null, "weights", "is given together with steps", "give steps (percentages) or weights (0-1), not both");
        if (weights != null) {
            for (int i = 0; i < weights.size(); i++) {
                Double w = weights.get(i);
                v.check(w != null && w > 0 && w <= 1, "weights[" + i + "]", w + " is outside (0, 1]",
                        "use alias weights between 0 and 1, e.g. [0.1, 0.5, 1.0]");
            }
        }
        if (v.isValid()) {
            try {
                TrafficPlan.validateSteps(percentSteps(), weights != null ? "weights" : "steps");
            } catch (InvalidRequestException e) {
                e.errors().forEach(v::add);
            }
        }
        if (bake != null) {
            try {
                Duration duration = Durations.parse(bake);
                v.check(duration.compareTo(MigrationRequest.MAX_BAKE) <= 0, "bake", "'" + bake + "' is over 24h",
                        "use a bake time from 0s to 24h");
            } catch (IllegalArgumentException e) {
                v.add(new FieldError("bake", e.getMessage(), "write it like 90s, 15m or 1h30m"));
            }
        }
        if (gates != null) {
            gates.validate(v, "gates");
        }
        if (retention != null) {
            retention.validate(v, "retention");
        }
        if (headroom != null) {
            v.check(!headroom.isNaN() && headroom >= RolloutScaling.MIN_HEADROOM && headroom <= RolloutScaling.MAX_HEADROOM,
                    "headroom", headroom + " is outside " + RolloutScaling.MIN_HEADROOM + " to " + RolloutScaling.MAX_HEADROOM,
                    "use a multiple of the step's share from " + RolloutScaling.MIN_HEADROOM + " to "
                            + RolloutScaling.MAX_HEADROOM + ", e.g. 1.5 (the default); for more, take smaller steps");
        }
        v.throwIfInvalid();
    }
}
