package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentPolicy;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.JsonNumbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The seed skill's mandatory four-column cost table (Lambda OD | Lambda + SP | LMI OD | LMI + 3yr SP; rows Requests,
 * Duration/compute, Management fee, Monthly, Annual, Savings vs Lambda), from an assessment. Lambda is priced as the
 * function is configured today, LMI on the recommended architecture, and every saving is against today's Lambda on
 * demand.
 */
final class CostColumns {
    static final List<String> ROWS = List.of("Requests", "Duration / compute", "Management fee", "Monthly", "Annual",
            "Savings vs Lambda");

    /** One column, its cells in ROWS order, as text ("-" where the row does not apply). */
    record Column(String heading, List<String> cells) {
    }

    private CostColumns() {
    }

    static List<Column> of(Assessment a, AssessmentPolicy policy) {
        CostReport lmi = a.cost();
        CostReport lambda = a.currentCost() != null ? a.currentCost() : lmi;
        CostReport.LambdaLine od = lambda.lambda().onDemand();
        CostReport.LambdaLine sp = lambda.lambdaLines().stream()
                .filter(l -> l.id().equals(policy.commitmentLambdaOption())).findFirst().orElseThrow();
        CostReport.LmiLine lmiOd = lmi.lmi().onDemand();
        CostReport.LmiLine lmiSp = lmi.lmiLines().stream()
                .filter(l -> l.id().equals(policy.commitmentLmiOption())).findFirst().orElseThrow();
        BigDecimal base = od.monthlyUsd();
        return List.of(
                new Column("Lambda on demand", List.of(usd(od.requestsUsd()), usd(od.durationUsd()), "-",
                        usd(od.monthlyUsd()), usd(od.annualUsd()), "-")),
                new Column("Lambda + Savings Plan (" + percent(sp.discountRate()) + ")", List.of(usd(sp.requestsUsd()),
                        usd(sp.durationUsd()), "-", usd(sp.monthlyUsd()), usd(sp.annualUsd()), saving(base, sp.monthlyUsd()))),
                new Column("LMI on demand", List.of(usd(lmiOd.requestsUsd()), usd(lmiOd.ec2Usd()),
                        usd(lmiOd.managementFeeUsd()), usd(lmiOd.monthlyUsd()), usd(lmiOd.annualUsd()),
                        saving(base, lmiOd.monthlyUsd()))),
                new Column("LMI + 3yr Savings Plan (" + percent(lmiSp.discountRate()) + ")", List.of(
                        usd(lmiSp.requestsUsd()), usd(lmiSp.ec2Usd()), usd(lmiSp.managementFeeUsd()),
                        usd(lmiSp.monthlyUsd()), usd(lmiSp.annualUsd()), saving(base, lmiSp.monthlyUsd()))));
    }

    /** Which fleet and which prices the columns are: a note for under the table. */
    static String basis(Assessment a) {
        CostReport lmi = a.cost();
        CostReport lambda = a.currentCost() != null ? a.currentCost() : lmi;
        return String.format(Locale.ROOT, "Lambda as configured (%s, %d MB); LMI on %s: %s x %s at $%s/h on demand"
                        + " (sized for the measured peak, all month); prices %s as of %s",
                lambda.input().architecture(), lambda.input().memoryMb(), lmi.input().architecture(),
                quantity(lmi.lmi().instances()), lmi.lmi().instanceType(),
                lmi.lmi().onDemandHourlyUsd().toPlainString(), lmi.pricesSource(), lmi.pricesAsOf());
    }

    private static String saving(BigDecimal base, BigDecimal monthly) {
        BigDecimal saved = base.subtract(monthly);
        if (base.signum() == 0) {
            return usd(saved);
        }
        BigDecimal pct = saved.divide(base, MathContext.DECIMAL64).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        return usd(saved) + " (" + pct.toPlainString() + "%)";
    }

    static String usd(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.2f", JsonNumbers.cents(value));
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String quantity(BigDecimal value) {
        BigDecimal shown = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
    }
}
