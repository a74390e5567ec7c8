package io.lmi.controlplane.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficPlanTest {
    private static final Trigger QUEUE = new Trigger(TriggerKind.SQS, "esm-1", "orders-queue", null);
    private static final Trigger STREAM = new Trigger(TriggerKind.KINESIS, "esm-2", "orders-stream", null);
    private static final Trigger URL = new Trigger(TriggerKind.FUNCTION_URL, "https://x", "url", null);

    @Test
    void weightedTriggersFollowTheStepsAndCutoverTriggersMoveAtOnce() {
        TrafficPlan plan = new TrafficPlan(List.of(10, 50, 100), 50, List.of(QUEUE, STREAM));

        assertThat(List.of(plan.percentAt(QUEUE, 0), plan.percentAt(QUEUE, 1), plan.percentAt(QUEUE, 2)))
                .containsExactly(10, 50, 100);
        assertThat(List.of(plan.percentAt(STREAM, 0), plan.percentAt(STREAM, 1), plan.percentAt(STREAM, 2)))
                .containsExactly(0, 100, 100);
        assertThat(plan.cutoverStep()).isEqualTo(1);
        assertThat(plan.effectiveSteps()).containsExactly(0, 1, 2);
    }

    @Test
    void stepsThatChangeNothingAreSkipped() {
        TrafficPlan plan = new TrafficPlan(List.of(10, 50, 100), 50, List.of(STREAM, URL));
        assertThat(plan.effectiveSteps()).containsExactly(1);
        assertThat(plan.needsPeople()).isTrue();
    }

    @Test
    void aCutoverAboveEveryStepHappensAtTheLast() {
        TrafficPlan plan = new TrafficPlan(List.of(25, 100), 100, List.of(STREAM));
        assertThat(plan.cutoverStep()).isEqualTo(1);
        assertThat(plan.effectiveSteps()).containsExactly(1);
    }

    @Test
    void stepListsMustIncreaseAndEndAtOneHundred() {
        assertThatThrownBy(() -> TrafficPlan.validateSteps(List.of(50, 10), "steps"))
                .hasMessageContaining("steps[1]: 10 does not increase on 50")
                .hasMessageContaining("steps: does not end at 100");
        assertThatThrownBy(() -> TrafficPlan.validateSteps(List.of(), "steps")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> TrafficPlan.validateSteps(List.of(0, 100), "steps"))
                .hasMessageContaining("steps[0]: 0 is not a percentage");
    }
}
