package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.schedule.DesiredSchedules;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.aws.schedule.StoredSchedule;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/** Applying schedules against the local AWS: the Scheduler resources, the scaling config now, the ledger, the bus. */
@ExtendWith(LocalAwsExtension.class)
class ApplyScheduleHandlerTest {
    private final ScheduleTestBed bed;

    ApplyScheduleHandlerTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void applyingCreatesTheSchedulerSchedulesAndSetsWhatTheCalendarSaysNow() {
        String function = bed.lmi.function("orders", 1, Map.of());
        ObjectNode request = Schedules.businessHours(function, "1");

        JsonNode outcome = bed.applyRequest(request);

        assertThat(outcome.path("status").asText()).isEqualTo("APPLIED");
        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
        Map<String, GetScheduleResponse> schedules = bed.schedules();
        // Mon-Fri 08:00 and 18:00 (crons); the pre-warm's start at 22:00 and its end at 02:00 (one-offs, as no cron
        // fires then); Christmas like a Sunday needs nothing more; and the hourly drift check.
        assertThat(schedules.keySet()).containsExactlyInAnyOrder(prefix + "w0800-MON-FRI", prefix + "w1800-MON-FRI",
                prefix + "o20261225T0300Z", prefix + "o20261225T0700Z", prefix + "drift-check");
        assertThat(outcome.path("schedulerSchedules")).hasSize(5);

        GetScheduleResponse opening = schedules.get(prefix + "w0800-MON-FRI");
        assertThat(opening.scheduleExpression()).isEqualTo("cron(0 8 ? * MON-FRI *)");
        assertThat(opening.scheduleExpressionTimezone()).isEqualTo("America/New_York");
        assertThat(opening.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(opening.target().arn()).isEqualTo(bed.shaperArn);
        assertThat(opening.target().roleArn()).isEqualTo(bed.roleArn);
        assertThat(opening.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
        assertThat(opening.target().retryPolicy().maximumRetryAttempts()).isEqualTo(10);
        assertThat(json(opening.target().input())).isEqualTo(json("""
                {"schedule": "%s", "transition": "%sw0800-MON-FRI", "expectedMin": 10, "expectedMax": 100,
                 "scheduledTime": "<aws.scheduler.scheduled-time>"}""".formatted(function, prefix)));
        assertThat(opening.description()).isEqualTo("sets 10/100: period business-hours starts");

        GetScheduleResponse prewarm = schedules.get(prefix + "o20261225T0300Z");
        assertThat(prewarm.scheduleExpression()).isEqualTo("at(2026-12-24T22:00:00)");
        assertThat(prewarm.scheduleExpressionTimezone()).isEqualTo("America/New_York");
        assertThat(prewarm.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(json(prewarm.target().input()).path("expectedMin").asInt()).isEqualTo(40);
        assertThat(schedules.get(prefix + "drift-check").scheduleExpression()).isEqualTo("rate(60 minutes)");

        // Applied at 10:00 on a Monday: business hours are on now, not at the next boundary.
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));

        StoredSchedule stored = bed.ledger().find(function).orElseThrow().schedule();
        assertThat(stored.appliedBy()).isEqualTo("ana@platform");
        assertThat(stored.qualifier()).isEqualTo("1");
        assertThat(stored.schedulerSchedules()).hasSize(5);
        assertThat(stored.governed().get(function).lastSet()).isEqualTo(new Scaling(10, 100));
        ScheduleRequestRecord record = bed.ledger().request(request.get("requestId").asText()).orElseThrow();
        assertThat(record.status()).isEqualTo(ScheduleRequestRecord.Status.APPLIED);
        assertThat(record.schedulerChanges()).isEqualTo("5 created, 0 updated, 0 deleted, 0 unchanged");
        assertThat(bed.ledger().changes(function)).singleElement().satisfies(change -> {
            assertThat(change.cause()).isEqualTo(ScheduleChange.Cause.APPLY);
            assertThat(change.from()).isEqualTo(Scaling.LMI_DEFAULT);
            assertThat(change.to()).isEqualTo(new Scaling(10, 100));
            assertThat(change.by()).isEqualTo("ana@platform");
            assertThat(change.reason()).isEqualTo("period business-hours");
        });

        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_APPLIED)).singleElement()
                .satisfies(e -> assertThat(e.path("requestId").asText()).isEqualTo(request.get("requestId").asText()));
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).singleElement().satisfies(e -> {
            assertThat(e.path("function").asText()).isEqualTo(function);
            assertThat(e.at("/from/min").asInt()).isEqualTo(3);
            assertThat(e.at("/to/max").asInt()).isEqualTo(100);
        });
    }

    @Test
    void applyingTheSameScheduleAgainChangesNothingAndAnUpdateDeletesTheStaleSchedules() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        Map<String, GetScheduleResponse> first = bed.schedules();

        JsonNode again = bed.applyRequest(Schedules.businessHours(function, "1"));

        assertThat(again.path("schedulerChanges").asText()).isEqualTo("0 created, 0 updated, 0 deleted, 5 unchanged");
        assertThat(bed.schedules().keySet()).isEqualTo(first.keySet());
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).hasSize(1);

        // Business hours from 07:00 to 19:00 and no pre-warm: four schedules go, two come.
        ObjectNode updated = Schedules.businessHours(function, "1");
        ((ObjectNode) updated.get("periods").get(0)).put("start", "07:00").put("end", "19:00");
        updated.remove("prewarms");
        JsonNode outcome = bed.applyRequest(updated);

        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
        assertThat(outcome.path("schedulerChanges").asText()).isEqualTo("2 created, 0 updated, 4 deleted, 1 unchanged");
        assertThat(bed.schedules().keySet()).containsExactlyInAnyOrder(prefix + "w0700-MON-FRI",
                prefix + "w1900-MON-FRI", prefix + "drift-check");
        assertThat(bed.ledger().find(function).orElseThrow().schedule().schedulerSchedules())
                .containsExactlyInAnyOrderElementsOf(bed.schedules().keySet());
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
    }

    @Test
    void aFunctionGivenByArnIsStoredByName() {
        String function = bed.lmi.function("orders", 1, Map.of());
        String arn = bed.lambda.getFunctionConfiguration(r -> r.functionName(function)).functionArn();

        bed.applyRequest(Schedules.businessHours(arn, "1"));

        assertThat(bed.ledger().find(function)).isPresent();
        assertThat(bed.ledger().find(function).orElseThrow().schedule().schedule().path("function").asText())
                .isEqualTo(function);
    }

    @Test
    void aRedeliveredRequestIsNotAppliedTwice() {
        String function = bed.lmi.function("orders", 1, Map.of());
        ObjectNode request = Schedules.businessHours(function, "1");
        bed.applyRequest(request);
        bed.putByHand(function, "1", 4, 40);

        JsonNode replay = bed.applyRequest(request);

        assertThat(replay.path("status").asText()).isEqualTo("APPLIED");
        assertThat(bed.requested(function, "1")).as("the redelivery did nothing").isEqualTo(new Scaling(4, 40));
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_APPLIED)).hasSize(2);
    }

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                Arguments.of("an unknown time zone", (Function<ObjectNode, ObjectNode>) s -> s.put("timezone", "Mars/Olympus"),
                        "timezone", "is not an IANA time zone id"),
                Arguments.of("a malformed time", (Function<ObjectNode, ObjectNode>) s -> {
                    period(s).put("start", "8:00");
                    return s;
                },
                        "periods[0].start", "is not a time"),
                Arguments.of("a malformed day", (Function<ObjectNode, ObjectNode>) s -> {
                    period(s).putArray("days").add("MONDAY");
                    return s;
                }, "periods[0].days[0]", "MONDAY"),
                Arguments.of("a production min below the floor", (Function<ObjectNode, ObjectNode>) s -> {
                    ((ObjectNode) s.get("default")).put("min", 1);
                    return s;
                }, "default.min", "below the production floor of 3"),
                Arguments.of("0/0 without reactivation", (Function<ObjectNode, ObjectNode>) s -> {
                    s.put("environment", "non-production");
                    ((ObjectNode) s.get("default")).put("min", 0).put("max", 0);
                    s.putArray("periods");
                    s.putArray("exceptions");
                    s.putArray("prewarms");
                    return s;
                }, "default", "deactivates the version"),
                Arguments.of("an alias as qualifier", (Function<ObjectNode, ObjectNode>) s -> s.put("qualifier", "live"),
                        "qualifier", "never an alias"),
                Arguments.of("a version that does not exist", (Function<ObjectNode, ObjectNode>) s -> s.put("qualifier", "99"),
                        "qualifier", "has no version 99"));
    }

    @ParameterizedTest(name = "{0} is refused and changes nothing")
    @MethodSource("badSchedules")
    void aBadScheduleIsRefusedNamingTheFieldAndChangesNothing(String what, Function<ObjectNode, ObjectNode> breakIt,
                                                            String field, String message) {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.putByHand(function, "1", 5, 50);
        ObjectNode request = breakIt.apply(Schedules.businessHours(function, "1"));

        assertThatThrownBy(() -> bed.applyRequest(request)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).as(e.getMessage()).extracting(FieldError::field).contains(field);
            assertThat(e.getMessage()).contains(message);
        });

        assertNothingChanged(function, new Scaling(5, 50));
        ScheduleRequestRecord record = bed.ledger().request(request.get("requestId").asText()).orElseThrow();
        assertThat(record.status()).isEqualTo(ScheduleRequestRecord.Status.REFUSED);
        assertThat(record.problems()).extracting(ScheduleRequestRecord.Problem::path).contains(field);
        assertThat(record.message()).startsWith("refused, nothing was changed");
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_FAILED)).singleElement().satisfies(e -> {
            assertThat(e.path("status").asText()).isEqualTo("REFUSED");
            assertThat(e.path("requestedBy").asText()).isEqualTo("ana@platform");
        });
    }

    @Test
    void aFunctionNotOnLmiIsRefused() {
        String standard = bed.lmi.standardFunction("legacy");
        ObjectNode request = Schedules.businessHours(standard, "1");

        assertThatThrownBy(() -> bed.applyRequest(request)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("function");
            assertThat(e.getMessage()).contains(standard + " has no capacity provider configuration",
                    "capacity schedules apply only to functions on Lambda Managed Instances");
        });
        assertThat(bed.schedules()).isEmpty();
        assertThat(bed.ledger().find(standard)).isEmpty();
        // Lambda retries an invocation that threw: the retry finds the refusal, returns it and announces nothing new.
        assertThat(bed.applyRequest(request).path("status").asText()).isEqualTo("REFUSED");
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_FAILED)).hasSize(1);
        assertThatThrownBy(() -> bed.applyRequest(Schedules.businessHours("no-such-function", "1")))
                .hasMessageContaining("there is no function no-such-function");
    }

    @Test
    void aRefusedUpdateLeavesTheAppliedScheduleAsItWas() {
        String function = bed.lmi.function("orders", 1, Map.of());
        bed.applyRequest(Schedules.businessHours(function, "1"));
        Map<String, String> before = bed.snapshot();
        StoredSchedule stored = bed.ledger().find(function).orElseThrow().schedule();

        ObjectNode bad = Schedules.businessHours(function, "1");
        ((ObjectNode) bad.get("default")).put("min", 0).put("max", 0);
        assertThatThrownBy(() -> bed.applyRequest(bad)).isInstanceOf(InvalidRequestException.class);

        assertThat(bed.snapshot()).isEqualTo(before);
        assertThat(bed.ledger().find(function).orElseThrow().schedule()).isEqualTo(stored);
        assertThat(bed.requested(function, "1")).isEqualTo(new Scaling(10, 100));
    }

    @Test
    void aSchedulerFailurePartWayUndoesWhatTheApplyCreated() {
        String function = bed.lmi.function("orders", 1, Map.of());
        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
        // Someone else's schedule has the name the drift check needs (the last one an apply creates): the create
        // conflicts after every transition schedule was created.
        bed.scheduler.createSchedule(r -> r.groupName(bed.group).name(prefix + "drift-check")
                .scheduleExpression("rate(1 day)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(bed.shaperArn).roleArn(bed.roleArn).input("{\"schedule\": \"someone-else\"}")));
        bed.putByHand(function, "1", 5, 50);
        ObjectNode request = Schedules.businessHours(function, "1");

        assertThatThrownBy(() -> bed.applyRequest(request))
                .hasMessageContaining("already exists in group").hasMessageContaining("undone: ");

        assertThat(bed.schedules().keySet()).containsExactly(prefix + "drift-check");
        assertNothingChanged(function, new Scaling(5, 50));
        ScheduleRequestRecord record = bed.ledger().request(request.get("requestId").asText()).orElseThrow();
        assertThat(record.status()).isEqualTo(ScheduleRequestRecord.Status.FAILED);
        assertThat(record.undo()).contains("created Scheduler schedule " + prefix + "w0800-MON-FRI")
                .doesNotContain("COULD NOT UNDO");
        assertThat(bed.events(DetailTypes.CAPACITY_SCHEDULE_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.path("status").asText()).isEqualTo("FAILED"));
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).isEmpty();
    }

    private void assertNothingChanged(String function, Scaling scaling) {
        String prefix = DesiredSchedules.namePrefix(new ScheduleTarget.FunctionTarget(function));
        assertThat(bed.schedules().keySet()).noneMatch(name -> name.startsWith(prefix) && !name.endsWith("drift-check"));
        assertThat(bed.requested(function, "1")).isEqualTo(scaling);
        assertThat(bed.ledger().find(function)).isEmpty();
        assertThat(bed.ledger().changes(function)).isEmpty();
    }

    private static ObjectNode period(ObjectNode schedule) {
        return (ObjectNode) schedule.get("periods").get(0);
    }

    private static JsonNode json(String text) {
        try {
            return ScheduleTestBed.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
