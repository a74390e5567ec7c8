package io.lmi.controlplane.aws.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.schedule.CapacitySchedules;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.ValidatedSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The samples in events/ are requests the control plane accepts (put-events entries, as the README shows them). */
class SampleEventsTest {
    /** Before the samples' dates (late 2026), as the examples in docs/ are. */
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode entry(String file) throws Exception {
        String root = System.getProperty("lmi.repository.root", "../..");
        JsonNode entries = JSON.readTree(Files.readString(Path.of(root, "events", file)));
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("Source").asText()).isEqualTo(DetailTypes.SOURCE);
        assertThat(entry.path("DetailType").asText()).isEqualTo(DetailTypes.CAPACITY_SCHEDULE_REQUESTED);
        return entry;
    }

    private static ScheduleRequest request(JsonNode entry) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("id", "sample");
        event.set("detail", JSON.readTree(entry.path("Detail").asText()));
        return ScheduleRequest.fromEvent(event, "lambda");
    }

    @Test
    void theApplySampleIsAValidSchedule() throws Exception {
        ScheduleRequest request = request(entry("capacity-schedule-requested.json"));

        assertThat(request.problems()).isEmpty();
        assertThat(request.action()).isEqualTo(ScheduleRequest.Action.APPLY);
        assertThat(request.requestId()).isEqualTo("capacity-4712");
        ValidatedSchedule schedule = CapacitySchedules.parse(request.scheduleTree(), SchedulePolicy.defaults(), NOW, null);
        assertThat(schedule.schedule().target()).isEqualTo(new ScheduleTarget.FunctionTarget("orders-api"));
    }

    @Test
    void theRemoveSampleNamesTheSameFunction() throws Exception {
        ScheduleRequest request = request(entry("capacity-schedule-remove-requested.json"));

        assertThat(request.problems()).isEmpty();
        assertThat(request.action()).isEqualTo(ScheduleRequest.Action.REMOVE);
        assertThat(request.removalTarget()).isEqualTo(new ScheduleTarget.FunctionTarget("orders-api"));
        assertThat(request.expectedQualifier()).isEqualTo("$LATEST.PUBLISHED");
    }
}
