package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentPolicy;
import io.lmi.controlplane.core.assess.ReadinessItem;
import io.lmi.controlplane.core.assess.TrafficProfile;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An assessment for a person at a terminal: the verdict first, then the evidence, then what to configure. */
final class AssessmentTable {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String NL = System.lineSeparator();

    private AssessmentTable() {
    }

    static String render(Assessment a, AssessmentPolicy policy) {
        StringBuilder out = new StringBuilder();
        Assessment.FunctionSummary f = a.function();
        out.append(String.format(Locale.ROOT, "%s (%s, %d MB, %s) in %s: %d days of CloudWatch history to %s%n%n",
                f.name(), f.runtime() == null ? f.packageType() : f.runtime(), f.memoryMb(), f.architecture(),
                f.region(), a.options().windowDays(), WHEN.format(a.traffic().windowEnd())));
        out.append(String.format("Verdict: %s (confidence %s)%n", a.verdict().finding(), a.verdict().confidence()));
        out.append("  ").append(a.verdict().summary()).append(NL);
        out.append("  Reasons: ").append(a.verdict().reasonCodes().stream().map(Enum::name)
                .collect(Collectors.joining(", "))).append(NL);
        a.verdict().confidenceNotes().forEach(n -> out.append("  Confidence lowered: ").append(n).append(NL));
        if (a.options().workloadAssumed()) {
            out.append("  Workload assumed ").append(a.options().workload())
                    .append(" (--workload io|balanced|cpu if you know better)").append(NL);
        }
        out.append(NL).append("Traffic").append(NL);
        traffic(a.traffic(), out);
        out.append(NL).append("Monthly cost, USD").append(NL);
        if (a.cost() == null) {
            out.append("  not computed: ").append(a.costError()).append(NL);
        } else {
            List<CostColumns.Column> columns = CostColumns.of(a, policy);
            TextTable table = new TextTable("", columns.get(0).heading(), columns.get(1).heading(),
                    columns.get(2).heading(), columns.get(3).heading());
            for (int row = 0; row < CostColumns.ROWS.size(); row++) {
                int r = row;
                table.row(CostColumns.ROWS.get(r), columns.get(0).cells().get(r), columns.get(1).cells().get(r),
                        columns.get(2).cells().get(r), columns.get(3).cells().get(r));
            }
            indent(table.render(), out);
            out.append("  ").append(CostColumns.basis(a)).append(NL);
        }
        out.append(NL).append("Readiness").append(NL);
        for (ReadinessItem item : a.readiness()) {
            out.append(String.format("  %-5s %-32s %s%n", item.status(), item.code(), item.message()));
            if (item.fix() != null) {
                out.append(String.format("  %-5s %-32s fix: %s%n", "", "", item.fix()));
            }
        }
        out.append(NL).append("Recommended configuration").append(NL);
        LmiConfiguration c = a.recommendation().configuration();
        if (c == null) {
            a.recommendation().explanation().forEach(e -> out.append("  ").append(e).append(NL));
        } else {
            out.append(String.format(Locale.ROOT, "  capacity provider: %s, MaxVCpuCount %d, %s, instance types: %s%n",
                    c.capacityProvider().architecture(), c.capacityProvider().maxVCpuCount(),
                    c.capacityProvider().targetCpuUtilization() == null ? "scaling Auto"
                            : "scaling Manual at " + plain(c.capacityProvider().targetCpuUtilization()) + "% CPU",
                    c.capacityProvider().allowedInstanceTypes().isEmpty() ? "Lambda chooses"
                            : String.join(", ", c.capacityProvider().allowedInstanceTypes())));
            out.append(String.format(Locale.ROOT, "  function: %s, %d MB, %s GiB per vCPU, %d concurrent invocations"
                            + " per execution environment%n", c.function().runtime() == null ? "image's runtime"
                            : c.function().runtime(), c.function().memoryMb(), plain(c.function().memoryGiBPerVCpu()),
                    c.function().perExecutionEnvironmentMaxConcurrency()));
            out.append(String.format("  scaling: MinExecutionEnvironments %d, MaxExecutionEnvironments %s%n",
                    c.scaling().minExecutionEnvironments(), c.scaling().maxExecutionEnvironments() == null
                            ? "none (MaxVCpuCount bounds it)" : c.scaling().maxExecutionEnvironments()));
            a.recommendation().explanation().forEach(e -> out.append("  - ").append(e).append(NL));
            out.append("  SAM template: --output markdown (or json, field samSnippet)").append(NL);
        }
        return out.toString();
    }

    private static void traffic(TrafficProfile t, StringBuilder out) {
        if (!t.hasTraffic()) {
            out.append("  no invocation in the window").append(NL);
            return;
        }
        out.append(String.format(Locale.ROOT, "  %,d requests/month; mean %s/s, peak %s/s (%sx the mean) at %s;"
                        + " idle %s%% of the time%n", t.requestsPerMonth(), plain(t.meanRequestsPerSecond()),
                plain(t.peakRequestsPerSecond()), plain(t.peakToMeanRatio()), WHEN.format(t.peakAt()),
                plain(t.idleShare() * 100)));
        out.append(String.format(Locale.ROOT, "  duration: average %s ms, p99 %s ms; concurrency: peak %s, p%s"
                        + " %s; errors %s%%, throttles %s%%%n", plain(t.avgDurationMs()), plain(t.p99DurationMs()),
                plain(t.peakConcurrency()), plain(t.concurrencyPercentile()), plain(t.highPercentileConcurrency()),
                plain(t.errorRate() == null ? null : t.errorRate() * 100),
                plain(t.throttleRate() == null ? null : t.throttleRate() * 100)));
        out.append(String.format(Locale.ROOT, "  observed %s days since %s; traffic on %d UTC dates%n", plain(t.observedDays()),
                WHEN.format(t.observedFrom()), t.daysWithTraffic()));
        if (t.largestRise() != null) {
            TrafficProfile.Rise r = t.largestRise();
            out.append(String.format(Locale.ROOT, "  largest rise within %d minutes: %sx (%s concurrent against a base of"
                            + " %s: what it had, or what the minimum environments hold); %d rises above the %sx LMI"
                            + " absorbs%n", r.windowMinutes(), plain(r.ratio()), plain(r.toConcurrency()),
                    plain(r.baselineConcurrency()), r.eventsAboveLimit(), plain(r.limit())));
        }
    }

    private static void indent(String block, StringBuilder out) {
        block.lines().forEach(line -> out.append("  ").append(line).append(NL));
    }

    static String plain(Double value) {
        if (value == null) {
            return "-";
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
