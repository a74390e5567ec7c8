package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.schedule.CapacityShaper;
import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleAdapters;
import io.lmi.controlplane.aws.schedule.ScheduleApplier;
import io.lmi.controlplane.aws.schedule.ScheduleChange;
import io.lmi.controlplane.aws.schedule.ScheduleChangeFailedException;
import io.lmi.controlplane.aws.schedule.ScheduleRemover;
import io.lmi.controlplane.aws.schedule.ScheduleRequest;
import io.lmi.controlplane.aws.schedule.ScheduleRequestRecord;
import io.lmi.controlplane.aws.schedule.ShaperInput;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.schedule.ScheduleTarget;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * A PutFunctionScalingConfig that fails part-way through an apply or a removal (the local AWS answers every call, so
 * the failure is injected into one call; everything else is real): what had been changed is taken back.
 */
@ExtendWith(LocalAwsExtension.class)
class UndoOnFailureTest {
    private final ScheduleTestBed bed;
    private final AtomicInteger puts = new AtomicInteger();
    private volatile int failingPut;

    UndoOnFailureTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    /** The real Lambda client, except that the failingPut-th PutFunctionScalingConfig fails as a throttle would. */
    private LambdaClient failingOnce() {
        return (LambdaClient) Proxy.newProxyInstance(LambdaClient.class.getClassLoader(),
                new Class<?>[] {LambdaClient.class}, (proxy, method, args) -> {
                    // Either overload (request or builder consumer) reaches the proxy once per call: the consumer one
                    // is delegated to the real client as a whole.
                    if (method.getName().equals("putFunctionScalingConfig") && puts.incrementAndGet() == failingPut) {
                        throw LambdaException.builder().statusCode(429).message("Rate exceeded (injected)").build();
                    }
                    try {
                        return method.invoke(bed.lambda, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private ScheduleAdapters adapters() {
        return ScheduleAdapters.of(bed.dynamo, bed.table, failingOnce(), bed.scheduler,
                ScheduleSettings.scheduler(bed.controlPlane()), new EventPublisher(bed.events, bed.bus),
                SchedulePolicy.defaults(), bed.clock);
    }

    private ObjectNode selector(String team) {
        return Schedules.detail("""
                {"selector": {"tags": {"team": "%s"}}, "qualifier": "$LATEST.PUBLISHED",
                 "environment": "non-production", "timezone": "Europe/Berlin", "default": {"min": 1, "max": 5},
                 "periods": [{"name": "day", "days": ["MON", "TUE", "WED", "THU", "FRI"],
                              "start": "06:00", "end": "22:00", "min": 4, "max": 40}]}""".formatted(team));
    }

    private String[] twoTaggedFunctions(String team) {
        String first = bed.lmi.function("a", 0, Map.of("team", team));
        String second = bed.lmi.function("b", 0, Map.of("team", team));
        bed.lmi.publishLatest(first);
        bed.lmi.publishLatest(second);
        return new String[] {first, second};
    }

    private static ScheduleRequest request(ObjectNode detail) {
        return ScheduleRequest.fromEvent(ScheduleTestBed.event(detail), "test");
    }

    @Test
    void aFailedApplyTakesBackTheSchedulesAndTheScalingItHadSet() {
        String team = "t-" + UUID.randomUUID().toString().substring(0, 6);
        String[] functions = twoTaggedFunctions(team);
        ObjectNode detail = selector(team);
        failingPut = 2;

        assertThatThrownBy(() -> new ScheduleApplier(adapters()).apply(request(detail)))
                .isInstanceOf(ScheduleChangeFailedException.class)
                .hasMessageContaining("Rate exceeded (injected)")
                .hasMessageContaining("undone: set ")
                .hasMessageContaining("nothing is left changed");

        assertThat(bed.requested(functions[0], "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.requested(functions[1], "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
        assertThat(bed.schedules()).isEmpty();
        ScheduleRequestRecord record = bed.ledger().request(detail.get("requestId").asText()).orElseThrow();
        assertThat(record.status()).isEqualTo(ScheduleRequestRecord.Status.FAILED);
        assertThat(bed.ledger().all()).isEmpty();

        // Sent again (as Lambda's retry of the event would), it goes through.
        failingPut = 0;
        ScheduleRequestRecord retried = new ScheduleApplier(adapters()).apply(request(detail));
        assertThat(retried.status()).isEqualTo(ScheduleRequestRecord.Status.APPLIED);
        assertThat(bed.requested(functions[1], "$LATEST.PUBLISHED")).isEqualTo(new Scaling(4, 40));
    }

    @Test
    void aShaperFailingOnTheSecondFunction_recordsTheFirstOnesChange() {
        String team = "t-" + UUID.randomUUID().toString().substring(0, 6);
        String[] functions = twoTaggedFunctions(team);
        new ScheduleApplier(adapters()).apply(request(selector(team)));
        String key = new ScheduleTarget.TagSelector(Map.of("team", team)).key();
        // 22:00 in Berlin: the day period ends, 4/40 becomes 1/5; the second Put is throttled.
        bed.clock.set(Instant.parse("2026-11-30T21:00:01Z"));
        puts.set(0);
        failingPut = 2;

        assertThatThrownBy(() -> new CapacityShaper(adapters()).shape(new ShaperInput(key, "w2200-MON-FRI", 1, 5,
                null))).hasMessageContaining("Rate exceeded (injected)");

        String first = bed.ledger().changes(key).stream().filter(c -> c.cause() == ScheduleChange.Cause.TRANSITION)
                .map(ScheduleChange::function).findFirst().orElseThrow(() -> new AssertionError("no change recorded"));
        String second = first.equals(functions[0]) ? functions[1] : functions[0];
        assertThat(bed.requested(first, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 5));
        assertThat(bed.requested(second, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(4, 40));
        assertThat(bed.ledger().find(key).orElseThrow().schedule().governed().get(first).lastSet())
                .isEqualTo(new Scaling(1, 5));
        assertThat(bed.events(DetailTypes.CAPACITY_CHANGED)).anySatisfy(e -> {
            assertThat(e.path("function").asText()).isEqualTo(first);
            assertThat(e.path("cause").asText()).isEqualTo("TRANSITION");
        });

        // Scheduler's retry finishes the second and finds no drift on the first.
        failingPut = 0;
        CapacityShaper.Outcome retried = new CapacityShaper(adapters()).shape(new ShaperInput(key, "w2200-MON-FRI", 1,
                5, null));
        assertThat(retried.drifts()).isEmpty();
        assertThat(retried.changes()).extracting(ScheduleChange::function).containsExactly(second);
        assertThat(bed.requested(second, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 5));
    }

    @Test
    void aFailedRemovalPutsTheSchedulesAndTheCapacityBack() {
        String team = "t-" + UUID.randomUUID().toString().substring(0, 6);
        String[] functions = twoTaggedFunctions(team);
        new ScheduleApplier(adapters()).apply(request(selector(team)));
        Map<String, String> before = bed.snapshot();
        ObjectNode removal = Schedules.removal("x", null);
        removal.remove("function");
        removal.putObject("selector").putObject("tags").put("team", team);
        puts.set(0);
        failingPut = 2;

        assertThatThrownBy(() -> new ScheduleRemover(adapters()).remove(request(removal)))
                .isInstanceOf(ScheduleChangeFailedException.class)
                .hasMessageContaining("undone: ")
                .hasMessageContaining("deleted Scheduler schedule");

        assertThat(bed.snapshot().keySet()).isEqualTo(before.keySet());
        assertThat(bed.requested(functions[0], "$LATEST.PUBLISHED")).isEqualTo(new Scaling(4, 40));
        assertThat(bed.requested(functions[1], "$LATEST.PUBLISHED")).isEqualTo(new Scaling(4, 40));
        assertThat(bed.ledger().all()).hasSize(1);
    }
}
