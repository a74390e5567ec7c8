package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A tag selector: every LMI function with the tags and a $LATEST.PUBLISHED version, resolved at every wake-up. */
@ExtendWith(LocalAwsExtension.class)
class SelectorScheduleTest {
    /** Monday 30 November 2026, 10:00 in Berlin. */
    private static final Instant MONDAY_10AM_BERLIN = Instant.parse("2026-11-30T09:00:00Z");
    private final ScheduleTestBed bed;

    SelectorScheduleTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, MONDAY_10AM_BERLIN);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void everyTaggedFunctionIsShapedAndOneThatLosesItsTagGetsTheDefaultBack() {
        String team = "analytics-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> tags = Map.of("team", team, "stage", "dev");
        String first = bed.lmi.function("etl", 0, tags);
        String second = bed.lmi.function("report", 0, tags);
        String unpublished = bed.lmi.function("draft", 0, tags);
        String untagged = bed.lmi.function("other", 0, Map.of("team", team));
        for (String function : new String[] {first, second, untagged}) {
            bed.lmi.publishLatest(function);
        }
        ObjectNode request = Schedules.detail("""
                {"selector": {"tags": {"team": "%s", "stage": "dev"}}, "qualifier": "$LATEST.PUBLISHED",
                 "environment": "non-production", "timezone": "Europe/Berlin", "default": {"min": 0, "max": 0},
                 "periods": [{"name": "working-hours", "days": ["MON", "TUE", "WED", "THU", "FRI"],
                              "start": "07:00", "end": "19:00", "min": 1, "max": 10}]}""".formatted(team));

        JsonNode applied = bed.applyRequest(request);

        assertThat(applied.path("capacity")).extracting(v -> v.path("function").asText())
                .containsExactlyInAnyOrder(first, second);
        assertThat(bed.requested(first, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 10));
        assertThat(bed.requested(second, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 10));
        assertThat(bed.requested(untagged, "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
        String key = new ScheduleTarget.TagSelector(tags).key();
        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.TagSelector(tags));
        assertThat(prefix).startsWith("tags-");
        assertThat(bed.schedules().keySet()).containsExactlyInAnyOrder(prefix + "w0700-MON-FRI",
                prefix + "w1900-MON-FRI", prefix + "drift-check");

        // 19:00: both are deactivated (0/0), as the non-production default says.
        bed.clock.set(Instant.parse("2026-11-30T18:00:01Z"));
        bed.shape(bed.fire(prefix + "w1900-MON-FRI"));
        assertThat(bed.requested(first, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(0, 0));
        assertThat(bed.requested(second, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(0, 0));

        // The second loses its tag; the draft gets published: at 07:00 the draft joins, the second leaves.
        String secondArn = bed.lambda.getFunction(r -> r.functionName(second)).configuration().functionArn();
        bed.lambda.untagResource(r -> r.resource(secondArn).tagKeys("stage"));
        bed.lmi.publishLatest(unpublished);
        bed.clock.set(Instant.parse("2026-12-01T06:00:01Z"));
        bed.shape(bed.fire(prefix + "w0700-MON-FRI"));
        assertThat(bed.requested(first, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 10));
        assertThat(bed.requested(unpublished, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 10));
        assertThat(bed.requested(second, "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.ledger().find(key).orElseThrow().schedule().governed().keySet())
                .containsExactlyInAnyOrder(first, unpublished);
        assertThat(bed.ledger().changes(key)).filteredOn(c -> c.cause() == ScheduleChange.Cause.RELEASE)
                .singleElement().satisfies(c -> assertThat(c.function()).isEqualTo(second));

        ObjectNode removal = Schedules.removal("x", null);
        removal.remove("function");
        removal.putObject("selector").putObject("tags").put("team", team).put("stage", "dev");
        bed.removeRequest(removal);
        assertThat(bed.schedules()).isEmpty();
        assertThat(bed.requested(first, "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.requested(unpublished, "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
    }

    @Test
    void aSelectorWithAVersionNumberIsRefused() {
        ObjectNode request = Schedules.detail("""
                {"selector": {"tags": {"team": "x"}}, "qualifier": "3", "environment": "non-production",
                 "timezone": "UTC", "default": {"min": 1, "max": 5}}""");

        assertThatThrownBy(() -> bed.applyRequest(request)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("qualifier: a selector governs many functions");
        assertThat(bed.schedules()).isEmpty();
    }
}
