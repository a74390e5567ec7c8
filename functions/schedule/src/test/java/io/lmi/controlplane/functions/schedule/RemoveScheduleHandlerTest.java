package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class RemoveScheduleHandlerTest {
    private final ScheduleTestBed bed;

    RemoveScheduleHandlerTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void removingDeletesEveryScheduleRestoresTheDefaultAndLeavesNothing() {
        String function = bed.lmi.function("orders", 1, Map.of());
        String other = bed.lmi.function("billing", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        bed.applyRequest(Schedules.businessHours(other, "1"));
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
        ObjectNode removal = Schedules.removal(function, "1");
        bed.clock.advance(Duration.ofMinutes(5));

        JsonNode outcome = bed.removeRequest(removal);

        assertThat(outcome.path("status").asText()).isEqualTo("REMOVED");
        assertThat(outcome.path("schedulerSchedules")).hasSize(5);
        assertThat(bed.schedules().keySet()).as("only the other function's schedules are left")
                .hasSize(5).allSatisfy(name -> assertThat(name).startsWith(other.substring(0, other.length())));
        assertThat(bed.requested(function, "1")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.requested(other, "1")).isEqualTo(new Scaling(10, 100));
        assertThat(bed.ledger().find(function)).isEmpty();
        assertThat(bed.ledger().all()).extracting(s -> s.key()).containsExactly(other);
        assertThat(bed.ledger().changes(function)).last().satisfies(change -> {
            assertThat(change.cause()).isEqualTo(ScheduleChange.Cause.REMOVE);
            assertThat(change.from()).isEqualTo(new Scaling(10, 100));
            assertThat(change.to()).isEqualTo(Scaling.LMI_DEFAULT);
            assertThat(change.by()).isEqualTo("ana@platform");
        });
        ScheduleRequestRecord record = bed.ledger().request(removal.get("requestId").asText()).orElseThrow();
        assertThat(record.status()).isEqualTo(ScheduleRequestRecord.Status.REMOVED);
        assertThat(record.message()).contains("5 Scheduler schedules deleted", "Lambda's default (3/no max) restored");
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_REMOVED)).singleElement()
                .satisfies(e -> assertThat(e.path("schedule").asText()).isEqualTo(function));
    }

    @Test
    void thereIsNothingToRemoveTwice() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        bed.removeRequest(Schedules.removal(function, null));

        assertThatThrownBy(() -> bed.removeRequest(Schedules.removal(function, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("function");
                    assertThat(e.getMessage()).contains("there is no capacity schedule for " + function);
                });
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("REFUSED"));
    }

    @Test
    void aQualifierThatIsNotTheScheduledOneIsRefusedAndNothingIsRemoved() {
        String function = bed.lmi.function("orders", 2, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "2"));
        Map<String, String> before = bed.snapshot();

        assertThatThrownBy(() -> bed.removeRequest(Schedules.removal(function, "1")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("qualifier");
                    assertThat(e.getMessage()).contains("governs 2, not 1");
                });

        assertThat(bed.snapshot()).isEqualTo(before);
        assertThat(bed.requested(function, "2")).isEqualTo(new Scaling(10, 100));
        assertThat(bed.ledger().find(function)).isPresent();
    }

    @Test
    void aRemovalWithoutAFunctionOrSelectorIsRefused() {
        ObjectNode removal = Schedules.removal("x", null);
        removal.remove("function");

        assertThatThrownBy(() -> bed.removeRequest(removal)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("function"));
    }
}
