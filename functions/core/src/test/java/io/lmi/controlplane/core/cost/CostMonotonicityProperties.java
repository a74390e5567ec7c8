package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Properties over generated inputs (seeded, so a failure reproduces): more traffic never lowers a cost or, for a
 * given instance type, the instance count; a larger discount never lowers the fee and never raises the EC2 part; the
 * fee is always 15% of the on-demand EC2 cost.
 *
 * <p>When the engine chooses the size itself, a higher volume may move it to a larger size with fewer instances (5
 * x large at the floor, then 5 x xlarge instead of 11 x large): the cost still never falls, which is what is asserted
 * there, while the count property is asserted with the type held fixed.
 */
class CostMonotonicityProperties {
    private static final long SEED = 20_261_125L;
    private static final PriceTable T = PriceBook.bundled().forRegion("us-east-1");
    private static final CostEngine ENGINE = new CostEngine(PriceBook.bundled(), SizingPolicy.defaults(),
            CostPolicy.defaults().withBreakEven(false));

    private static Random random(RepetitionInfo info) {
        return new Random(SEED * 31 + info.getCurrentRepetition());
    }

    private static long volume(Random random) {
        // Log-uniform from 0 to ~10^11 requests a month, so small and huge fleets both occur.
        return random.nextInt(20) == 0 ? 0 : (long) Math.pow(10, random.nextDouble() * 11);
    }

    @RepeatedTest(300)
    void moreTrafficNeverLowersLambdaOrLmiCost(RepetitionInfo info) {
        Random random = random(info);
        CostRequest shape = BreakEvenSolverTest.randomShape(random, 0);
        long low = volume(random);
        long high = low + 1 + (long) (random.nextDouble() * volume(random));
        CostReport a = ENGINE.estimate(BreakEvenSolverTest.withVolume(shape, low));
        CostReport b = ENGINE.estimate(BreakEvenSolverTest.withVolume(shape, high));

        for (int i = 0; i < a.lambdaLines().size(); i++) {
            assertThat(b.lambdaLines().get(i).monthlyUsd()).as("Lambda line %d, %d -> %d", i, low, high)
                    .isGreaterThanOrEqualTo(a.lambdaLines().get(i).monthlyUsd());
        }
        for (int i = 0; i < a.lmiLines().size(); i++) {
            assertThat(b.lmiLines().get(i).monthlyUsd()).as("LMI line %d, %d -> %d", i, low, high)
                    .isGreaterThanOrEqualTo(a.lmiLines().get(i).monthlyUsd());
        }
    }

    @RepeatedTest(300)
    void moreTrafficNeverLowersTheInstanceCountOfAGivenType(RepetitionInfo info) {
        Random random = random(info);
        CostRequest shape = BreakEvenSolverTest.randomShape(random, 0);
        // Pin the size the engine picks at a random volume, then compare two volumes on it.
        String type = ENGINE.estimate(BreakEvenSolverTest.withVolume(shape, volume(random))).lmi().instanceType();
        CostRequest pinned = new CostRequest(shape.region(), 0, shape.avgDurationMs(), shape.memoryMb(),
                shape.architecture(), shape.runtime(), shape.workload(), null, type, null, null, java.util.List.of());
        long low = volume(random);
        long high = low + 1 + (long) (random.nextDouble() * volume(random));
        CostReport a = ENGINE.estimate(BreakEvenSolverTest.withVolume(pinned, low));
        CostReport b = ENGINE.estimate(BreakEvenSolverTest.withVolume(pinned, high));

        assertThat(b.lmi().instances()).as("%s, %d -> %d", type, low, high)
                .isGreaterThanOrEqualTo(a.lmi().instances());
        assertThat(b.lmi().sizing().environmentsNeeded()).isGreaterThanOrEqualTo(a.lmi().sizing().environmentsNeeded());
    }

    @RepeatedTest(300)
    void aMeasuredPeakNeverLowersTheFleetWhenItGrows(RepetitionInfo info) {
        Random random = random(info);
        CostRequest shape = BreakEvenSolverTest.randomShape(random, 1_000_000);
        BigDecimal low = BigDecimal.valueOf(random.nextInt(5000));
        BigDecimal high = low.add(BigDecimal.valueOf(1 + random.nextInt(5000)));
        CostReport a = ENGINE.estimate(withPeak(shape, low));
        CostReport b = ENGINE.estimate(withPeak(shape, high));

        assertThat(b.lmi().onDemand().monthlyUsd()).isGreaterThanOrEqualTo(a.lmi().onDemand().monthlyUsd());
        assertThat(b.lmi().sizing().environmentsNeeded()).isGreaterThanOrEqualTo(a.lmi().sizing().environmentsNeeded());
    }

    @RepeatedTest(500)
    void aLargerDiscountNeverLowersTheFeeNorRaisesTheEc2Part(RepetitionInfo info) {
        Random random = random(info);
        String[] types = T.instanceTypes().keySet().toArray(String[]::new);
        BigDecimal od = T.instanceType(types[random.nextInt(types.length)]).onDemandHourlyUsd();
        BigDecimal hours = BigDecimal.valueOf(1 + random.nextInt(100_000));
        long requests = volume(random);
        BigDecimal smaller = BigDecimal.valueOf(random.nextInt(1000), 3);
        BigDecimal larger = smaller.add(BigDecimal.valueOf(random.nextInt(1000 - smaller.unscaledValue().intValue()), 3));
        Integer scale = random.nextBoolean() ? null : 4;

        LmiPricing.Charges a = LmiPricing.monthly(od, hours, requests, T.lmi(), smaller, scale);
        LmiPricing.Charges b = LmiPricing.monthly(od, hours, requests, T.lmi(), larger, scale);
        LmiPricing.Charges onDemand = LmiPricing.monthly(od, hours, requests, T.lmi(), BigDecimal.ZERO, scale);

        assertThat(b.managementFeeUsd()).isGreaterThanOrEqualTo(a.managementFeeUsd());
        assertThat(b.ec2Usd()).isLessThanOrEqualTo(a.ec2Usd());
        assertThat(b.requestsUsd()).isEqualByComparingTo(a.requestsUsd());
        for (LmiPricing.Charges c : new LmiPricing.Charges[] {a, b}) {
            assertThat(c.managementFeeUsd()).isEqualByComparingTo(onDemand.ec2Usd().multiply(new BigDecimal("0.15")));
            assertThat(c.managementFeeUsd()).isEqualByComparingTo(c.ec2OnDemandUsd().multiply(new BigDecimal("0.15")));
        }
    }

    @RepeatedTest(200)
    void inEveryReportTheFeeIsFifteenPercentOfOnDemandEc2WhateverTheDiscount(RepetitionInfo info) {
        Random random = random(info);
        CostRequest shape = BreakEvenSolverTest.randomShape(random, volume(random));
        BigDecimal custom = BigDecimal.valueOf(random.nextInt(1000), 3);
        CostRequest withCustom = new CostRequest(shape.region(), shape.requestsPerMonth(), shape.avgDurationMs(),
                shape.memoryMb(), shape.architecture(), shape.runtime(), shape.workload(), null, null, null, null,
                java.util.List.of(SavingsOption.customEc2(custom)));
        CostReport r = ENGINE.estimate(withCustom);

        BigDecimal fee = r.lmi().onDemand().ec2Usd().multiply(new BigDecimal("0.15"));
        for (CostReport.LmiLine line : r.lmiLines()) {
            assertThat(line.managementFeeUsd()).as(line.id()).isEqualByComparingTo(fee);
            assertThat(line.ec2Usd()).as(line.id()).isLessThanOrEqualTo(r.lmi().onDemand().ec2Usd());
        }
    }

    private static CostRequest withPeak(CostRequest r, BigDecimal peak) {
        return new CostRequest(r.region(), r.requestsPerMonth(), r.avgDurationMs(), r.memoryMb(), r.architecture(),
                r.runtime(), r.workload(), peak, null, null, null, java.util.List.of());
    }
}
