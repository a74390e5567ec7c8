package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.JsonNumbers;
import io.lmi.controlplane.core.cost.WorkloadProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decision table (docs/assessment.md, "Verdict rules"), first match wins:
 * <ol>
 *   <li>any BLOCK readiness item: NOT_ELIGIBLE;</li>
 *   <li>no invocation, less history than the minimum, or no cost: INSUFFICIENT_DATA;</li>
 *   <li>LMI not cheaper by the minimum savings: STAY_ON_LAMBDA;</li>
 *   <li>cheaper, but bursty, idle for long or rising faster than LMI scales: STAY_ON_LAMBDA;</li>
 *   <li>otherwise: RECOMMEND_LMI.</li>
 * </ol>
 * The seed skill's quick-decision table is the rule set: traffic (steady vs bursty, idle), cost, and code readiness
 * (which configuration cannot judge, so it is a readiness warning, never a pass).
 */
final class VerdictRules {
    private final AssessmentPolicy policy;

    VerdictRules(AssessmentPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param cost              null when no cost could be computed ({@code costError} says why)
     * @param workloadsThatFlip workload profiles under which the cost side of the decision comes out the other way
     * @param workloadAssumed   the workload was the policy's assumption, not the team's word
     */
    record Signals(String functionName, List<ReadinessItem> readiness, TrafficProfile traffic, CostSummary cost,
                   String costError, List<WorkloadProfile> workloadsThatFlip, boolean workloadAssumed) {
    }

    Verdict decide(Signals s) {
        List<ReadinessItem> blocks = s.readiness().stream().filter(i -> i.status() == ReadinessStatus.BLOCK).toList();
        if (!blocks.isEmpty()) {
            List<ReasonCode> reasons = blocks.stream().map(i -> ReasonCode.valueOf(i.code())).distinct().toList();
            return new Verdict(Finding.NOT_ELIGIBLE, reasons, Confidence.HIGH, List.of(),
                    s.functionName() + " cannot run on LMI as it is: " + blocks.stream()
                            .map(i -> i.message() + (i.fix() == null ? "" : " (fix: " + i.fix() + ")"))
                            .collect(Collectors.joining("; ")) + ".");
        }
        TrafficProfile t = s.traffic();
        if (!t.hasTraffic()) {
            return insufficient(ReasonCode.NO_METRICS, "CloudWatch shows no invocation of " + s.functionName()
                    + " in the last " + days(t) + " days: nothing to judge. If it is really idle, standard Lambda"
                    + " costs nothing while it waits; LMI would keep at least "
                    + policy.productionMinExecutionEnvironments() + " execution environments running.");
        }
        if (t.observedDays() < policy.minObservedDays()) {
            return insufficient(ReasonCode.INSUFFICIENT_HISTORY, String.format(Locale.ROOT, "%s has metrics for only"
                    + " %.1f days (since %s); at least %d are needed to see a weekly cycle. Assess it again later.",
                    s.functionName(), t.observedDays(), t.observedFrom(), policy.minObservedDays()));
        }
        if (s.cost() == null) {
            return insufficient(ReasonCode.COST_NOT_COMPUTABLE, "the cost could not be computed: " + s.costError()
                    + ". The seed requires a cost comparison before recommending LMI.");
        }

        CostSummary cost = s.cost();
        BigDecimal savings = cost.savingsShare();
        boolean cheaper = favours(savings);
        ReasonCode costCode = cheaper ? ReasonCode.LMI_CHEAPER
                : savings != null && savings.signum() > 0 ? ReasonCode.SAVINGS_BELOW_THRESHOLD
                : ReasonCode.LMI_MORE_EXPENSIVE;
        BigDecimal committed = CostSummary.share(cost.lambdaSavingsPlanMonthlyUsd(), cost.lmiSavingsPlan3yrMonthlyUsd());
        boolean onlyWithCommitment = !cheaper && favours(committed == null ? null : committed.movePointLeft(2));
        ReasonCode volume = t.requestsPerMonth() >= policy.highVolumeRequestsPerMonth() ? ReasonCode.HIGH_VOLUME
                : ReasonCode.LOW_VOLUME;
        List<ReasonCode> concerns = new ArrayList<>();
        if (t.peakToMeanRatio() != null && t.peakToMeanRatio() >= policy.burstyPeakToMeanRatio()) {
            concerns.add(ReasonCode.BURSTY_TRAFFIC);
        }
        if (t.idleShare() >= policy.idleShareThreshold()) {
            concerns.add(ReasonCode.LONG_IDLE_PERIODS);
        }
        if (t.largestRise() != null && t.largestRise().eventsAboveLimit() >= policy.fastRiseEventsToJudge()) {
            concerns.add(ReasonCode.RISES_FASTER_THAN_LMI_SCALES);
        }
        boolean shortDuration = t.avgDurationMs() != null && t.avgDurationMs() < policy.shortDurationMs();

        Set<ReasonCode> reasons = new LinkedHashSet<>();
        Finding finding;
        if (!cheaper) {
            finding = Finding.STAY_ON_LAMBDA;
            reasons.add(costCode);
            if (onlyWithCommitment) {
                reasons.add(ReasonCode.LMI_CHEAPER_ONLY_WITH_COMMITMENT);
            }
            if (volume == ReasonCode.LOW_VOLUME) {
                reasons.add(volume);
            }
            reasons.addAll(concerns);
            if (shortDuration) {
                reasons.add(ReasonCode.SHORT_DURATION);
            }
        } else if (!concerns.isEmpty()) {
            finding = Finding.STAY_ON_LAMBDA;
            reasons.addAll(concerns);
            reasons.add(ReasonCode.LMI_CHEAPER);
            reasons.add(volume);
        } else {
            finding = Finding.RECOMMEND_LMI;
            reasons.add(ReasonCode.LMI_CHEAPER);
            reasons.add(ReasonCode.STEADY_TRAFFIC);
            reasons.add(volume);
        }

        Confidence confidence = Confidence.HIGH;
        List<String> notes = new ArrayList<>();
        if (t.observedDays() < policy.fullConfidenceObservedDays()) {
            confidence = confidence.lower();
            notes.add(String.format(Locale.ROOT, "the history covers %.1f days, less than the %d of a full judgement",
                    t.observedDays(), policy.fullConfidenceObservedDays()));
        }
        if (savings != null && savings.subtract(policy.minSavingsShare()).abs().compareTo(policy.marginalSavingsBand()) < 0) {
            confidence = confidence.lower();
            notes.add("the saving (" + percent(cost.savingsPercent()) + ") is within "
                    + policy.marginalSavingsBand().movePointRight(2).stripTrailingZeros().toPlainString()
                    + " points of the " + policy.minSavingsShare().movePointRight(2).stripTrailingZeros().toPlainString()
                    + "% threshold");
        }
        if (finding == Finding.RECOMMEND_LMI && volume == ReasonCode.LOW_VOLUME) {
            confidence = confidence.lower();
            notes.add("the volume is below the seed's " + String.format(Locale.ROOT, "%,d",
                    policy.highVolumeRequestsPerMonth()) + " requests/month where LMI usually starts to pay off");
        }
        if (finding == Finding.STAY_ON_LAMBDA && cheaper) {
            confidence = confidence.lower();
            notes.add("LMI would cost less, but the traffic pattern argues against it");
        }
        if (s.workloadAssumed() && !s.workloadsThatFlip().isEmpty()) {
            confidence = confidence.lower();
            notes.add("the cost comparison comes out the other way if the function is "
                    + s.workloadsThatFlip().stream().map(WorkloadProfile::id).collect(Collectors.joining(" or "))
                    + "-bound; the " + policy.assumedWorkload() + " workload was assumed: give the workload to settle it");
        }
        if (t.throttleRate() != null && t.throttleRate() > policy.understatedPeakThrottleShare()) {
            confidence = confidence.lower();
            notes.add("standard Lambda throttled " + percent(BigDecimal.valueOf(t.throttleRate()).movePointRight(2))
                    + " of requests, so the measured peak concurrency understates demand");
        }
        return new Verdict(finding, List.copyOf(reasons), confidence, notes, summary(s, finding, cost, volume, concerns));
    }

    private boolean favours(BigDecimal savingsShare) {
        return savingsShare != null && savingsShare.compareTo(policy.minSavingsShare()) >= 0;
    }

    private Verdict insufficient(ReasonCode reason, String summary) {
        return new Verdict(Finding.INSUFFICIENT_DATA, List.of(reason), Confidence.LOW, List.of(), summary);
    }

    private String summary(Signals s, Finding finding, CostSummary cost, ReasonCode volume, List<ReasonCode> concerns) {
        TrafficProfile t = s.traffic();
        String costs = String.format(Locale.ROOT, "LMI %s would cost $%s a month against $%s on standard Lambda %s"
                        + " for %,d requests a month", option(cost.decisiveLmiOption()),
                usd(cost.decisiveLmiMonthlyUsd()), usd(cost.decisiveLambdaMonthlyUsd()),
                option(cost.decisiveLambdaOption()), t.requestsPerMonth());
        String saving = cost.savingsPercent() == null ? "" : cost.savingsPercent().signum() >= 0
                ? " (" + percent(cost.savingsPercent()) + " less)" : " (" + more(cost) + ")";
        long warnings = s.readiness().stream().filter(i -> i.status() == ReadinessStatus.WARN).count();
        return switch (finding) {
            case RECOMMEND_LMI -> "Move " + s.functionName() + " to LMI: " + costs + saving + ", with steady traffic"
                    + (volume == ReasonCode.HIGH_VOLUME ? " at high volume" : "") + ". Before migrating, work through the "
                    + warnings + " readiness warning" + (warnings == 1 ? "" : "s")
                    + " (concurrency safety of the code first).";
            case STAY_ON_LAMBDA -> "Keep " + s.functionName() + " on standard Lambda: " + costs + saving
                    + (concerns.isEmpty() ? "" : ", and the traffic is " + concerns.stream().map(VerdictRules::words)
                            .collect(Collectors.joining(" and "))) + ". A migration can still be forced.";
            default -> throw new IllegalStateException(finding + " is decided before the cost rules");
        };
    }

    /** "35.0% more", or "12.3 times as much" once LMI costs more than twice as much. */
    private static String more(CostSummary cost) {
        BigDecimal ratio = cost.decisiveLmiMonthlyUsd().divide(cost.decisiveLambdaMonthlyUsd(), java.math.MathContext.DECIMAL64);
        return ratio.compareTo(BigDecimal.valueOf(2)) > 0
                ? String.format(Locale.ROOT, "%,.1f times as much", ratio)
                : percent(cost.savingsPercent().negate()) + " more";
    }

    /** "on demand", or "with computeSavingsPlan3yr" for a cost line id. */
    private static String option(String id) {
        return "onDemand".equals(id) ? "on demand" : "with " + id;
    }

    private static String words(ReasonCode code) {
        return switch (code) {
            case BURSTY_TRAFFIC -> "bursty";
            case LONG_IDLE_PERIODS -> "idle for long periods";
            case RISES_FASTER_THAN_LMI_SCALES -> "rising faster than LMI scales";
            default -> code.name();
        };
    }

    private static String days(TrafficProfile t) {
        return String.valueOf(java.time.Duration.between(t.windowStart(), t.windowEnd()).toDays());
    }

    private static String usd(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.2f", JsonNumbers.cents(value));
    }

    private static String percent(BigDecimal percent) {
        return percent.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
