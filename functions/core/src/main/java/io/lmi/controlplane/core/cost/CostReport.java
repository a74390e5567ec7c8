package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Standard Lambda and LMI, side by side, for one function: the JSON document `lmi cost --output json` prints and the
 * assessment stores. Field names are a contract (docs/cost-model.md); all money is monthly USD unless the name says
 * annual. The Java values are exact; JSON rounds money to cents at the last moment ({@link JsonNumbers}).
 *
 * @param pricesSource the file or bundled resource the region's prices came from
 * @param warnings things a reader should know before acting on the numbers
 */
@JsonPropertyOrder({"schemaVersion", "currency", "region", "pricesAsOf", "pricesSource", "input", "lambda", "lmi",
    "warnings"})
public record CostReport(
        int schemaVersion,
        String currency,
        String region,
        LocalDate pricesAsOf,
        String pricesSource,
        Input input,
        LambdaEstimate lambda,
        LmiEstimate lmi,
        List<String> warnings) {

    public static final int SCHEMA_VERSION = 1;

    public CostReport {
        warnings = List.copyOf(warnings);
    }

    /** The request as understood, so the numbers can be traced to it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(
            long requestsPerMonth,
            BigDecimal avgDurationMs,
            int memoryMb,
            Architecture architecture,
            String runtime,
            RuntimeFamily runtimeFamily,
            WorkloadProfile workload,
            BigDecimal peakConcurrency,
            boolean lambdaFreeTierIncluded) {}

    /**
     * @param gbSecondsPerMonth duration billed before any free tier
     * @param onDemand Lambda on demand (id onDemand)
     * @param savings one entry per Lambda savings option
     */
    public record LambdaEstimate(BigDecimal gbSecondsPerMonth, LambdaLine onDemand, List<LambdaLine> savings) {
        public LambdaEstimate {
            savings = List.copyOf(savings);
        }
    }

    /** One Lambda pricing option. */
    @JsonPropertyOrder({"id", "name", "discountRate", "requestsUsd", "durationUsd", "monthlyUsd", "annualUsd",
        "savingsVsLambdaOnDemandUsd", "savingsVsLambdaOnDemandPercent"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LambdaLine(
            String id,
            String name,
            BigDecimal discountRate,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal requestsUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal durationUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal monthlyUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal annualUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal savingsVsLambdaOnDemandUsd,
            @JsonSerialize(using = JsonNumbers.Percent.class) BigDecimal savingsVsLambdaOnDemandPercent) {}

    /**
     * @param instances average instances running over the month (instance-hours / hours per month); whole unless
     *     instance-hours were given
     * @param capacitySource sized, instances (count given) or instance-hours (hours given)
     * @param sizing the calculator-method sizing; present when sized, and also under an override when it could be
     *     computed, for comparison
     * @param breakEvenSearchLimitRequestsPerMonth the largest volume the break-even search covered with a sized fleet
     *     (one capacity provider's vCPU quota); null when the fleet is fixed by an override
     */
    @JsonPropertyOrder({"instanceType", "instances", "instanceHours", "onDemandHourlyUsd", "capacitySource", "sizing",
        "onDemand", "savings", "breakEvenSearchLimitRequestsPerMonth"})
    public record LmiEstimate(
            String instanceType,
            @JsonSerialize(using = JsonNumbers.Quantity.class) BigDecimal instances,
            BigDecimal instanceHours,
            BigDecimal onDemandHourlyUsd,
            String capacitySource,
            @JsonInclude(JsonInclude.Include.NON_NULL) SizingResult sizing,
            LmiLine onDemand,
            List<LmiLine> savings,
            Long breakEvenSearchLimitRequestsPerMonth) {
        public LmiEstimate {
            savings = List.copyOf(savings);
        }
    }

    /**
     * One LMI pricing option.
     *
     * @param hourlyRateUsd the EC2 rate per instance-hour after this option's discount
     * @param breakEvenRequestsPerMonth smallest monthly volume at which this option costs no more than Lambda on
     *     demand; null when there is none within the search
     */
    @JsonPropertyOrder({"id", "name", "discountRate", "hourlyRateUsd", "ec2Usd", "managementFeeUsd", "requestsUsd",
        "monthlyUsd", "annualUsd", "savingsVsLambdaOnDemandUsd", "savingsVsLambdaOnDemandPercent",
        "breakEvenRequestsPerMonth"})
    public record LmiLine(
            String id,
            String name,
            BigDecimal discountRate,
            BigDecimal hourlyRateUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal ec2Usd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal managementFeeUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal requestsUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal monthlyUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal annualUsd,
            @JsonSerialize(using = JsonNumbers.Usd.class) BigDecimal savingsVsLambdaOnDemandUsd,
            @JsonSerialize(using = JsonNumbers.Percent.class) @JsonInclude(JsonInclude.Include.NON_NULL)
                    BigDecimal savingsVsLambdaOnDemandPercent,
            Long breakEvenRequestsPerMonth) {}

    /** Every LMI line, on demand first. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<LmiLine> lmiLines() {
        List<LmiLine> all = new java.util.ArrayList<>();
        all.add(lmi.onDemand());
        all.addAll(lmi.savings());
        return all;
    }

    /** Every Lambda line, on demand first. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<LambdaLine> lambdaLines() {
        List<LambdaLine> all = new java.util.ArrayList<>();
        all.add(lambda.onDemand());
        all.addAll(lambda.savings());
        return all;
    }
}
