package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two schedules never govern one version: refused at apply; at wake-up a function's own schedule wins. */
@ExtendWith(LocalAwsExtension.class)
class OneSchedulePerVersionTest {
    private static final String LATEST = "$LATEST.PUBLISHED";
    private final ScheduleTestBed bed;
    private final String team = "team-" + UUID.randomUUID().toString().substring(0, 6);

    OneSchedulePerVersionTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    /** Berlin, 06:00-22:00 on weekdays at 4/40 (so 4/40 at the test's Monday 16:00), else 1/5. */
    private static ObjectNode selector(Map<String, String> tags) {
        StringBuilder json = new StringBuilder();
        tags.forEach((k, v) -> json.append(json.isEmpty() ? "" : ", ").append('"').append(k).append("\": \"")
                .append(v).append('"'));
        return Schedules.detail("""
                {"selector": {"tags": {%s}}, "qualifier": "$LATEST.PUBLISHED",
                 "environment": "non-production", "timezone": "Europe/Berlin", "default": {"min": 1, "max": 5},
                 "periods": [{"name": "day", "days": ["MON", "TUE", "WED", "THU", "FRI"],
                              "start": "06:00", "end": "22:00", "min": 4, "max": 40}]}""".formatted(json));
    }

    /** The function's own schedule: 2/8 all the time. */
    private static ObjectNode own(String function) {
        return Schedules.detail("""
                {"function": "%s", "qualifier": "$LATEST.PUBLISHED", "environment": "non-production",
                 "timezone": "UTC", "default": {"min": 2, "max": 8}}""".formatted(function));
    }

    private String publishedFunction(String prefix, Map<String, String> tags) {
        String function = bed.lmi.function(prefix, 0, tags);
        bed.lmi.publishLatest(function);
        return function;
    }

    @Test
    void aSelectorMatchingAFunctionWithItsOwnSchedule_isRefusedNamingIt() {
        String function = publishedFunction("own", Map.of("team", team));
        bed.applyRequest(own(function));
        var before = bed.schedules().keySet();

        assertThatThrownBy(() -> bed.applyRequest(selector(Map.of("team", team))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("selector.tags");
                    assertThat(e.getMessage()).contains(function + " (:" + LATEST + ") is already governed by its own "
                            + "schedule", "./lmi schedule remove " + function);
                });
        assertThat(bed.schedules().keySet()).isEqualTo(before);
        assertThat(bed.requested(function, LATEST)).isEqualTo(new Scaling(2, 8));
    }

    @Test
    void aFunctionsOwnScheduleWhenASelectorGovernsIt_isRefusedNamingTheSelector() {
        String function = publishedFunction("tagged", Map.of("team", team, "tier", "web"));
        bed.applyRequest(selector(Map.of("team", team)));

        assertThatThrownBy(() -> bed.applyRequest(own(function)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("function");
                    assertThat(e.getMessage()).contains("is already governed by the schedule for tags team=" + team,
                            "./lmi schedule remove --tag team=" + team);
                });
        assertThat(bed.ledger().find(function)).isEmpty();
        assertThat(bed.requested(function, LATEST)).isEqualTo(new Scaling(4, 40));
    }

    @Test
    void twoSelectorsMatchingOneFunction_areRefused() {
        String both = publishedFunction("both", Map.of("team", team, "tier", "web"));
        publishedFunction("teamonly", Map.of("team", team));
        bed.applyRequest(selector(Map.of("team", team)));

        assertThatThrownBy(() -> bed.applyRequest(selector(Map.of("tier", "web", "team", team))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(both + " (:" + LATEST + ") is already governed by the schedule for tags team="
                        + team)
                .hasMessageContaining("narrow one of the two selectors");
        assertThat(bed.ledger().find(new ScheduleTarget.TagSelector(Map.of("tier", "web", "team", team)).key()))
                .isEmpty();
    }

    @Test
    void aFunctionTaggedLater_keepsItsOwnScheduleWhenTheSelectorWakes() {
        String function = publishedFunction("later", Map.of());
        String member = publishedFunction("member", Map.of("team", team));
        bed.applyRequest(own(function));
        bed.applyRequest(selector(Map.of("team", team)));
        String arn = bed.lambda.getFunction(r -> r.functionName(function)).configuration().functionArn();
        bed.lambda.tagResource(r -> r.resource(arn).tags(Map.of("team", team)));

        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.TagSelector(Map.of("team", team)));
        bed.shape(bed.fire(prefix + "drift-check"));

        assertThat(bed.requested(member, LATEST)).isEqualTo(new Scaling(4, 40));
        assertThat(bed.requested(function, LATEST)).as("its own schedule wins").isEqualTo(new Scaling(2, 8));
        assertThat(bed.ledger().find(new ScheduleTarget.TagSelector(Map.of("team", team)).key()).orElseThrow()
                .schedule().governed().keySet()).containsExactly(member);
    }
}
