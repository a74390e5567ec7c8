package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentPolicy;
import io.lmi.controlplane.core.assess.ReadinessItem;
import io.lmi.controlplane.core.assess.TrafficProfile;
import io.lmi.controlplane.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An assessment as a report to paste into a pull request or an issue, with the seed's four-column cost table. */
final class AssessmentMarkdown {
    private static final String NL = "\n";

    private AssessmentMarkdown() {
    }

    static String render(Assessment a, AssessmentPolicy policy) {
        StringBuilder md = new StringBuilder();
        Assessment.FunctionSummary f = a.function();
        md.append("# LMI assessment: `").append(f.name()).append("`").append(NL).append(NL);
        md.append("**").append(a.verdict().finding()).append("** (confidence ").append(a.verdict().confidence())
                .append("). Reasons: ").append(a.verdict().reasonCodes().stream().map(r -> "`" + r + "`")
                        .collect(Collectors.joining(", "))).append(".").append(NL).append(NL);
        md.append("> ").append(cell(a.verdict().summary())).append(NL).append(NL);
        a.verdict().confidenceNotes().forEach(n -> md.append("- Confidence lowered: ").append(n).append(NL));
        md.append(String.format(Locale.ROOT, "- Function: %s, %s, %d MB, %s, timeout %d s%s, in %s%n",
                f.runtime() == null ? "container image" : f.runtime(), f.packageType(), f.memoryMb(), f.architecture(),
                f.timeoutSeconds(), f.inVpc() ? ", in a VPC" : "", f.region()));
        md.append(String.format(Locale.ROOT, "- Assessed %s from %d days of CloudWatch history; workload %s%s%n",
                AssessmentTable.WHEN.format(a.assessedAt()), a.options().windowDays(), a.options().workload(),
                a.options().workloadAssumed() ? " (assumed)" : ""));

        md.append(NL).append("## Cost comparison (monthly, USD)").append(NL).append(NL);
        if (a.cost() == null) {
            md.append("Not computed: ").append(cell(a.costError())).append(NL);
        } else {
            List<CostColumns.Column> columns = CostColumns.of(a, policy);
            md.append("| | ").append(columns.stream().map(CostColumns.Column::heading).collect(Collectors.joining(" | ")))
                    .append(" |").append(NL);
            md.append("|---|---:|---:|---:|---:|").append(NL);
            for (int row = 0; row < CostColumns.ROWS.size(); row++) {
                int r = row;
                md.append("| ").append(CostColumns.ROWS.get(r)).append(" | ").append(columns.stream()
                        .map(c -> c.cells().get(r)).collect(Collectors.joining(" | "))).append(" |").append(NL);
            }
            md.append(NL).append(CostColumns.basis(a)).append(".").append(NL);
        }

        md.append(NL).append("## Traffic").append(NL).append(NL);
        TrafficProfile t = a.traffic();
        md.append("| Measure | Value |").append(NL).append("|---|---|").append(NL);
        row(md, "Requests per month", String.format(Locale.ROOT, "%,d", t.requestsPerMonth()));
        row(md, "Mean / peak rate", AssessmentTable.plain(t.meanRequestsPerSecond()) + " / "
                + AssessmentTable.plain(t.peakRequestsPerSecond()) + " per second");
        row(md, "Peak-to-mean", AssessmentTable.plain(t.peakToMeanRatio()));
        row(md, "Idle share", AssessmentTable.plain(t.idleShare() * 100) + "% of periods");
        row(md, "Duration average / p99", AssessmentTable.plain(t.avgDurationMs()) + " / "
                + AssessmentTable.plain(t.p99DurationMs()) + " ms");
        row(md, "Concurrency peak / p" + AssessmentTable.plain(t.concurrencyPercentile()),
                AssessmentTable.plain(t.peakConcurrency()) + " / " + AssessmentTable.plain(t.highPercentileConcurrency()));
        if (t.largestRise() != null) {
            row(md, "Largest rise within " + t.largestRise().windowMinutes() + " min",
                    AssessmentTable.plain(t.largestRise().ratio()) + "x (" + t.largestRise().eventsAboveLimit()
                            + " above the " + AssessmentTable.plain(t.largestRise().limit()) + "x LMI absorbs)");
        }
        row(md, "History", AssessmentTable.plain(t.observedDays()) + " days observed; traffic on " + t.daysWithTraffic()
                + " UTC dates");

        md.append(NL).append("## Readiness").append(NL).append(NL);
        md.append("| Status | Check | Finding | Fix |").append(NL).append("|---|---|---|---|").append(NL);
        for (ReadinessItem item : a.readiness()) {
            md.append("| ").append(item.status()).append(" | `").append(item.code()).append("` | ")
                    .append(cell(item.message())).append(" | ").append(item.fix() == null ? "" : cell(item.fix()))
                    .append(" |").append(NL);
        }

        md.append(NL).append("## Recommended configuration").append(NL).append(NL);
        if (a.recommendation().configuration() != null) {
            md.append("```json").append(NL).append(Json.writePretty(a.recommendation().configuration())).append(NL)
                    .append("```").append(NL).append(NL);
        }
        a.recommendation().explanation().forEach(e -> md.append("- ").append(e).append(NL));
        if (a.samSnippet() != null) {
            md.append(NL).append("## SAM template").append(NL).append(NL).append("```yaml").append(NL)
                    .append(a.samSnippet()).append("```").append(NL);
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |").append(NL);
    }

    /** Table cells cannot hold line breaks or bare pipes. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
