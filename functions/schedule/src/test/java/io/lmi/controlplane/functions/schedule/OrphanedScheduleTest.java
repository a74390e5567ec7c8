package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The governed function or version was deleted: nothing is left firing silently. */
@ExtendWith(LocalAwsExtension.class)
class OrphanedScheduleTest {
    private final ScheduleTestBed bed;

    OrphanedScheduleTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    private static String driftCheck(String function) {
        return DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function)) + "drift-check";
    }

    @Test
    void aDeletedFunction_takesItsScheduleAndSchedulerSchedulesWithIt() {
        String function = bed.lmi.function("gone", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        assertThat(bed.schedules()).isNotEmpty();
        String payload = bed.fire(driftCheck(function));
        bed.lambda.deleteFunction(r -> r.functionName(function));

        JsonNode outcome = bed.shape(payload);

        assertThat(outcome.path("status").asText()).isEqualTo("ORPHANED");
        assertThat(outcome.path("message").asText()).contains("the function " + function + " no longer exists");
        assertThat(bed.schedules()).as("no Scheduler schedule left firing").isEmpty();
        assertThat(bed.ledger().find(function)).isEmpty();
        assertThat(bed.ledger().changes(function)).filteredOn(c -> c.outcome() == ScheduleChange.Outcome.ORPHANED)
                .singleElement().satisfies(c -> {
                    assertThat(c.qualifier()).isEqualTo("1");
                    assertThat(c.note()).contains("Scheduler schedules were deleted");
                });
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED))
                .anySatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("ORPHANED"));
    }

    @Test
    void aDeletedVersion_isRecordedOnceAndTheScheduleStays() {
        String function = bed.lmi.function("versions", 2, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        String payload = bed.fire(driftCheck(function));
        bed.lambda.deleteFunction(r -> r.functionName(function).qualifier("1"));

        JsonNode outcome = bed.shape(payload);

        assertThat(outcome.path("status").asText()).isEqualTo("SHAPED");
        assertThat(outcome.path("message").asText()).contains("gone, nothing set: " + function + ":1");
        assertThat(bed.ledger().changes(function)).filteredOn(c -> c.outcome() == ScheduleChange.Outcome.ORPHANED)
                .singleElement().satisfies(c -> assertThat(c.note()).contains(function + ":1 no longer exists",
                        "apply it to an existing version"));
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED))
                .anySatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("ORPHANED"));
        assertThat(bed.ledger().find(function)).isPresent();
        assertThat(bed.requested(function, "2")).as("another version is not touched").isEqualTo(Scaling.LMI_DEFAULT);

        bed.shape(bed.fire(driftCheck(function)));
        assertThat(bed.ledger().changes(function)).filteredOn(c -> c.outcome() == ScheduleChange.Outcome.ORPHANED)
                .hasSize(1);
    }
}
