package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.JsonNumbers;
import io.lmi.controlplane.core.cost.SizingResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The human form of a {@link CostReport}: one row per pricing option, then the fleet and break-even volumes. */
final class CostTable {
    private static final String ROW = "%-44s %12s %12s %10s %12s %13s  %s%n";

    private CostTable() {}

    static String render(CostReport r) {
        StringBuilder out = new StringBuilder();
        CostReport.Input in = r.input();
        out.append(String.format(Locale.ROOT, "Lambda vs Lambda Managed Instances, %s, prices as of %s (%s)%n",
                r.region(), r.pricesAsOf(), r.pricesSource()));
        out.append(String.format(Locale.ROOT,
                "Function: %,d requests/month, %s ms average, %d MB, %s, %s, %s workload%s%n%n",
                in.requestsPerMonth(), in.avgDurationMs().stripTrailingZeros().toPlainString(), in.memoryMb(),
                in.architecture(), in.runtime(), in.workload(),
                in.lambdaFreeTierIncluded() ? ", Lambda free tier included" : ""));
        out.append(String.format(Locale.ROOT, ROW, "Monthly USD", "Requests", "Duration/EC2", "Mgmt fee",
                "Monthly", "Annual", "vs Lambda on demand"));
        for (CostReport.LambdaLine l : r.lambdaLines()) {
            out.append(String.format(Locale.ROOT, ROW, label(l.name(), l.discountRate()), usd(l.requestsUsd()),
                    usd(l.durationUsd()), "-", usd(l.monthlyUsd()), usd(l.annualUsd()),
                    vsLambda(l.id(), l.savingsVsLambdaOnDemandUsd(), l.savingsVsLambdaOnDemandPercent())));
        }
        for (CostReport.LmiLine l : r.lmiLines()) {
            out.append(String.format(Locale.ROOT, ROW, label(l.name(), l.discountRate()), usd(l.requestsUsd()),
                    usd(l.ec2Usd()), usd(l.managementFeeUsd()), usd(l.monthlyUsd()), usd(l.annualUsd()),
                    vsLambda("", l.savingsVsLambdaOnDemandUsd(), l.savingsVsLambdaOnDemandPercent())));
        }
        out.append(System.lineSeparator());
        fleet(r, out);
        breakEven(r, out);
        if (!r.warnings().isEmpty()) {
            out.append(String.format("%nWarnings:%n"));
            r.warnings().forEach(w -> out.append("  - ").append(w).append(System.lineSeparator()));
        }
        return out.toString();
    }

    private static void fleet(CostReport r, StringBuilder out) {
        CostReport.LmiEstimate lmi = r.lmi();
        String how = switch (lmi.capacitySource()) {
            case "instances" -> "instance count given";
            case "instance-hours" -> "instance-hours given";
            default -> "sized by the LMI pricing calculator's method";
        };
        out.append(String.format(Locale.ROOT, "LMI fleet: %s x %s at $%s/h on demand (%s instance-hours/month), %s%n",
                quantity(lmi.instances()), lmi.instanceType(), lmi.onDemandHourlyUsd().toPlainString(),
                quantity(lmi.instanceHours()), how));
        SizingResult s = lmi.sizing();
        if (s == null) {
            return;
        }
        String target = "littles-law".equals(s.targetConcurrencyBasis())
                ? "Little's law x peak factor " + s.peakToAverageFactor().toPlainString()
                : "measured peak";
        out.append(String.format(Locale.ROOT,
                "  target concurrency %s (%s); %d execution environments of %d MB and %d vCPU (%s GiB per vCPU),"
                        + " %d concurrent invocations each%n",
                quantity(s.targetConcurrency()), target, s.environmentsNeeded(), s.functionMemoryMb(),
                s.vcpusPerEnvironment(), s.memoryGiBPerVcpu().toPlainString(),
                s.sustainableConcurrencyPerEnvironment()));
        out.append(String.format(Locale.ROOT,
                "  %d per %s; base %d instances (minimum %d) x %s scaling buffer = %d; family %s (%s)%n",
                s.environmentsPerInstance(), s.instanceType(), s.baseInstances(), s.minInstances(),
                s.scalingBuffer().toPlainString(), s.instances(), s.familyClass(), s.familyClassReason()));
    }

    private static void breakEven(CostReport r, StringBuilder out) {
        out.append(String.format(
                "%nBreak-even: smallest monthly volume at which LMI costs no more than Lambda on demand%n"));
        for (CostReport.LmiLine l : r.lmiLines()) {
            String value;
            if (l.breakEvenRequestsPerMonth() != null) {
                value = String.format(Locale.ROOT, "%,d requests/month", l.breakEvenRequestsPerMonth());
            } else if (r.lmi().breakEvenSearchLimitRequestsPerMonth() != null) {
                value = String.format(Locale.ROOT, "none up to %,d requests/month (one capacity provider's vCPU quota)",
                        r.lmi().breakEvenSearchLimitRequestsPerMonth());
            } else {
                value = "none";
            }
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", label(l.name(), l.discountRate()), value));
        }
    }

    private static String label(String name, BigDecimal rate) {
        if (rate.signum() == 0 || name.contains("%")) {
            return name;
        }
        return name + " (" + rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%)";
    }

    private static String vsLambda(String id, BigDecimal savings, BigDecimal percent) {
        if ("onDemand".equals(id)) {
            return "-";
        }
        String amount = usd(savings);
        return percent == null ? amount
                : amount + " (" + percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%)";
    }

    private static String usd(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.2f", JsonNumbers.cents(value));
    }

    private static String quantity(BigDecimal value) {
        BigDecimal shown = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
    }
}
