package io.lmi.controlplane.core.assess;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.lmi.controlplane.core.cost.CostReport;
import io.lmi.controlplane.core.cost.JsonNumbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The seed's mandatory four columns (Lambda on demand | Lambda + Savings Plan | LMI on demand | LMI + 3-year Savings
 * Plan) as monthly totals, and the comparison the verdict decides on. Lambda is priced as the function is configured
 * today; LMI on the recommended architecture (they differ when the recommendation moves x86_64 to arm64).
 *
 * @param savingsPercent how much less the decisive LMI line costs than the decisive Lambda line, in percent (negative
 *                       when LMI costs more); null when the Lambda line costs nothing
 */
public record CostSummary(
        String lambdaArchitecture,
        String lmiArchitecture,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lambdaOnDemandMonthlyUsd,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lambdaSavingsPlanMonthlyUsd,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lmiOnDemandMonthlyUsd,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal lmiSavingsPlan3yrMonthlyUsd,
        String decisiveLambdaOption,
        String decisiveLmiOption,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal decisiveLambdaMonthlyUsd,
        @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal decisiveLmiMonthlyUsd,
        @JsonSerialize(using = JsonNumbers.Percent.class) BigDecimal savingsPercent) {

    /** The share saved (0.35 for 35%), or null when Lambda costs nothing. */
    public BigDecimal savingsShare() {
        return savingsPercent == null ? null : savingsPercent.movePointLeft(2);
    }

    static CostSummary of(CostReport lambda, CostReport lmi, AssessmentPolicy policy) {
        BigDecimal decisiveLambda = lambdaLine(lambda, policy.decisiveLambdaOption()).monthlyUsd();
        BigDecimal decisiveLmi = lmiLine(lmi, policy.decisiveLmiOption()).monthlyUsd();
        return new CostSummary(
                lambda.input().architecture().id(),
                lmi.input().architecture().id(),
                lambda.lambda().onDemand().monthlyUsd(),
                lambdaLine(lambda, policy.commitmentLambdaOption()).monthlyUsd(),
                lmi.lmi().onDemand().monthlyUsd(),
                lmiLine(lmi, policy.commitmentLmiOption()).monthlyUsd(),
                policy.decisiveLambdaOption(),
                policy.decisiveLmiOption(),
                decisiveLambda,
                decisiveLmi,
                share(decisiveLambda, decisiveLmi));
    }

    /** (lambda - lmi) / lambda in percent; null when lambda is 0. */
    static BigDecimal share(BigDecimal lambda, BigDecimal lmi) {
        if (lambda.signum() == 0) {
            return null;
        }
        return lambda.subtract(lmi).divide(lambda, MathContext.DECIMAL64).movePointRight(2);
    }

    static CostReport.LambdaLine lambdaLine(CostReport report, String id) {
        List<CostReport.LambdaLine> lines = report.lambdaLines();
        return lines.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("the cost report has no Lambda line '" + id + "'; lines: "
                        + lines.stream().map(CostReport.LambdaLine::id).toList()));
    }

    static CostReport.LmiLine lmiLine(CostReport report, String id) {
        List<CostReport.LmiLine> lines = report.lmiLines();
        return lines.stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("the cost report has no LMI line '" + id + "'; lines: "
                        + lines.stream().map(CostReport.LmiLine::id).toList()));
    }
}
