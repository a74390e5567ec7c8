package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BreakEvenSolverTest {
    private static final PriceBook BOOK = PriceBook.bundled();
    private static final CostEngine WITH_BREAK_EVEN = CostEngine.withDefaults(BOOK);
    private static final java.util.concurrent.atomic.AtomicInteger FOUND = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger NOT_FOUND = new java.util.concurrent.atomic.AtomicInteger();
    private static final CostEngine MONTHLY_ONLY = new CostEngine(BOOK, SizingPolicy.defaults(),
            CostPolicy.defaults().withBreakEven(false));

    @Test
    void aFixedFleetBreaksEvenWhereLambdaDurationCatchesUp() {
        // 2,000 h of m7g.xlarge: on demand 2,000 x (0.1632 + 0.02448) = 375.36 a month; requests cost the same on
        // both sides. Lambda arm64, 100 ms, 2,048 MB: 0.2 GB-s x 0.0000133334 = 0.00000266668 per request.
        // 375.36 / 0.00000266668 = 140,759,296.2 -> 140,759,297. With 72% off EC2: 140.352 -> 52,631,737.
        CostReport r = WITH_BREAK_EVEN.estimate(CostRequest.builder()
                .requestsPerMonth(1).avgDurationMs(100).memoryMb(2048).architecture(Architecture.ARM64)
                .runtime("java21").instanceType("m7g.xlarge").instanceHours(new BigDecimal("2000"))
                .extraSavingsOptions(List.of(SavingsOption.customEc2(new BigDecimal("0.72")))).build());

        assertThat(r.lmi().onDemand().breakEvenRequestsPerMonth()).isEqualTo(140_759_297L);
        assertThat(r.lmi().savings().stream().filter(l -> l.id().equals("customEc2Discount")).findFirst()
                .orElseThrow().breakEvenRequestsPerMonth()).isEqualTo(52_631_737L);
        assertThat(r.lmi().breakEvenSearchLimitRequestsPerMonth()).isNull();
    }

    @Test
    void theSearchEndsAtTheLargestFleetOneCapacityProviderHolds() {
        // Seed example shape (Node io 512 MB x86, 200 ms): 8 invocations per 1-vCPU environment; Little's law gives
        // 250 / 2,628,000,000 concurrency per request, i.e. 10,512,000 requests a month per unit of concurrency.
        // Largest base count b with ceil(1.5 b) x vCPUs <= 15,000, times environments per instance, times 8:
        //   m7i.large   (2 vCPU):  b 5000 x 1  x 8 = 40,000 -> 420,480,000,000
        //   m7i.xlarge  (4 vCPU):  b 2500 x 3  x 8 = 60,000 -> 630,720,000,000
        //   m7i.2xlarge (8 vCPU):  b 1250 x 7  x 8 = 70,000 -> 735,840,000,000
        //   m7i.4xlarge (16 vCPU): b 624  x 15 x 8 = 74,880 -> 787,138,560,000 (ceil(1.5 x 625) = 938 > 937)
        CostReport r = WITH_BREAK_EVEN.estimate(CostRequest.builder().runtime("nodejs22.x").memoryMb(512)
                .avgDurationMs(200).workload(WorkloadProfile.IO).requestsPerMonth(259_200_000L).build());

        assertThat(r.lmi().breakEvenSearchLimitRequestsPerMonth()).isEqualTo(787_138_560_000L);
    }

    @Test
    void theSolverFindsTheFirstCrossingInsideAStepAcrossAKink() {
        // Lambda cost 0 up to 100 requests (a free tier), then 1 per request; LMI one flat step of 50 from 0.
        BreakEvenSolver.LambdaCurve curve = new BreakEvenSolver.LambdaCurve() {
            @Override
            public BigDecimal costAt(long r) {
                return BigDecimal.valueOf(Math.max(0, r - 100));
            }

            @Override
            public List<BigDecimal> kinks() {
                return List.of(BigDecimal.valueOf(100));
            }
        };
        var found = BreakEvenSolver.solve(curve,
                List.of(new BreakEvenSolver.Step(0, 1000, BigDecimal.ONE)).iterator(), BigDecimal.ZERO,
                List.of(new BigDecimal("50"), new BigDecimal("2000")));

        assertThat(found.get(0)).hasValue(150);
        assertThat(found.get(1)).isEmpty();
    }

    @Test
    void aLaterCheaperStepCountsButAnEarlierOneWins() {
        BreakEvenSolver.LambdaCurve linear = new BreakEvenSolver.LambdaCurve() {
            @Override
            public BigDecimal costAt(long r) {
                return BigDecimal.valueOf(r);
            }

            @Override
            public List<BigDecimal> kinks() {
                return List.of();
            }
        };
        // Step 1: volumes 0..10 cost 20 (never <= r there); step 2: 11..30 cost 25 -> first r = 25.
        var found = BreakEvenSolver.solve(linear, List.of(
                new BreakEvenSolver.Step(0, 10, new BigDecimal("20")),
                new BreakEvenSolver.Step(11, 30, new BigDecimal("25"))).iterator(), BigDecimal.ZERO,
                List.of(BigDecimal.ONE));
        assertThat(found.get(0)).hasValue(25);
    }

    /**
     * The defining property on generated function shapes: at the break-even volume every LMI option costs no more than
     * Lambda on demand, one request less it costs more, and so does every sampled smaller volume; with no break-even,
     * no sampled volume up to the search limit has LMI cheaper.
     */
    @RepeatedTest(40)
    void breakEvenIsTheSmallestVolumeWhereLmiIsNoDearer(RepetitionInfo info) {
        Random random = new Random(7_000L + info.getCurrentRepetition());
        CostRequest base = randomShape(random, 0);
        CostReport report = WITH_BREAK_EVEN.estimate(base);
        List<CostReport.LmiLine> lines = report.lmiLines();
        for (int i = 0; i < lines.size(); i++) {
            int option = i;
            LongFunction<BigDecimal> margin = volume -> {
                CostReport at = MONTHLY_ONLY.estimate(withVolume(base, volume));
                return at.lambda().onDemand().monthlyUsd().subtract(at.lmiLines().get(option).monthlyUsd());
            };
            Long breakEven = lines.get(i).breakEvenRequestsPerMonth();
            long upTo;
            (breakEven != null ? FOUND : NOT_FOUND).incrementAndGet();
            if (breakEven != null) {
                assertThat(margin.apply(breakEven)).as("LMI <= Lambda at the break-even %d", breakEven)
                        .isGreaterThanOrEqualTo(BigDecimal.ZERO);
                if (breakEven > 0) {
                    assertThat(margin.apply(breakEven - 1)).as("LMI > Lambda one request below %d", breakEven)
                            .isNegative();
                }
                upTo = breakEven;
            } else {
                upTo = report.lmi().breakEvenSearchLimitRequestsPerMonth();
            }
            for (long sample : samplesBelow(random, upTo)) {
                assertThat(margin.apply(sample)).as("LMI > Lambda at %d, below %d", sample, upTo).isNegative();
            }
        }
    }

    /** The generated shapes must exercise both outcomes, or the property above proves little. */
    @org.junit.jupiter.api.AfterAll
    static void bothOutcomesWereExercised() {
        assertThat(FOUND.get()).isGreaterThan(50);
        assertThat(NOT_FOUND.get()).isGreaterThan(5);
    }

    @Test
    void aJavaApiAtTwoHundredMillisecondsBreaksEvenAtKnownVolumes() {
        // Java io, 1,024 MB, x86 -> m7i sizes with 8 invocations per environment. The volumes are pinned here as a
        // regression check; each is verified against the defining property just below.
        CostRequest shape = CostRequest.builder().runtime("java").memoryMb(1024).avgDurationMs(200)
                .workload(WorkloadProfile.IO).requestsPerMonth(100_000_000).build();
        CostReport r = WITH_BREAK_EVEN.estimate(shape);
        assertThat(r.lmiLines()).extracting(CostReport.LmiLine::id, CostReport.LmiLine::breakEvenRequestsPerMonth)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("onDemand", 126_932_147L),
                        org.assertj.core.groups.Tuple.tuple("computeSavingsPlan1yr", 91_611_897L),
                        org.assertj.core.groups.Tuple.tuple("computeSavingsPlan3yr", 55_187_890L),
                        org.assertj.core.groups.Tuple.tuple("ec2InstanceSavingsPlan1yr", 91_611_897L),
                        org.assertj.core.groups.Tuple.tuple("reservedInstance3yr", 55_187_890L));
        for (int i = 0; i < r.lmiLines().size(); i++) {
            long breakEven = r.lmiLines().get(i).breakEvenRequestsPerMonth();
            CostReport at = MONTHLY_ONLY.estimate(withVolume(shape, breakEven));
            CostReport below = MONTHLY_ONLY.estimate(withVolume(shape, breakEven - 1));
            assertThat(at.lmiLines().get(i).monthlyUsd()).isLessThanOrEqualTo(at.lambda().onDemand().monthlyUsd());
            assertThat(below.lmiLines().get(i).monthlyUsd()).isGreaterThan(below.lambda().onDemand().monthlyUsd());
        }
    }

    private static List<Long> samplesBelow(Random random, long limit) {
        List<Long> out = new ArrayList<>();
        out.add(0L);
        for (int i = 0; i < 12 && limit > 1; i++) {
            out.add((long) (random.nextDouble() * (limit - 1)));
            out.add(limit - 1 - (long) (random.nextDouble() * Math.min(limit - 1, 10_000_000L)));
        }
        return out;
    }

    static CostRequest randomShape(Random random, long requests) {
        String[] runtimes = {"python3.13", "nodejs22.x", "java21", "dotnet8"};
        int[] memories = {128, 256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 10_240};
        return CostRequest.builder()
                .requestsPerMonth(requests)
                .avgDurationMs(BigDecimal.valueOf(1 + random.nextInt(3000)))
                .memoryMb(memories[random.nextInt(memories.length)])
                .architecture(random.nextBoolean() ? Architecture.ARM64 : Architecture.X86_64)
                .runtime(runtimes[random.nextInt(runtimes.length)])
                .workload(WorkloadProfile.values()[random.nextInt(3)])
                .build();
    }

    static CostRequest withVolume(CostRequest r, long volume) {
        return new CostRequest(r.region(), volume, r.avgDurationMs(), r.memoryMb(), r.architecture(), r.runtime(),
                r.workload(), r.peakConcurrency(), r.instanceType(), r.instances(), r.instanceHours(),
                r.extraSavingsOptions());
    }
}
