package io.lmi.controlplane.core.schedule;

import static io.lmi.controlplane.core.schedule.TestSchedules.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The examples under docs/examples are what users copy: they must stay valid. */
class ExampleSchedulesTest {
    private static final Path EXAMPLES = TestSchedules.repositoryRoot().resolve("docs/examples");

    @Test
    void yamlExample_shouldParseAndCoverEveryKindOfEntry() throws IOException {
        CapacitySchedule schedule = CapacitySchedules.read(EXAMPLES.resolve("capacity-schedule.yaml"),
                SchedulePolicy.defaults(), NOW).schedule();

        assertThat(schedule.target()).isInstanceOf(ScheduleTarget.FunctionTarget.class);
        assertThat(schedule.periods()).anyMatch(Period::spansMidnight).anyMatch(p -> p.reason().isPresent());
        assertThat(schedule.exceptions()).extracting(e -> e.use().getClass().getSimpleName())
                .containsExactly("LikeDay", "OnlyPeriod");
        assertThat(schedule.prewarms()).hasSize(1);
    }

    @Test
    void jsonExample_shouldParseAsATagSelectorThatDeactivatesAndReactivates() throws IOException {
        ValidatedSchedule validated = CapacitySchedules.read(EXAMPLES.resolve("capacity-schedule.json"),
                SchedulePolicy.defaults(), NOW);

        assertThat(validated.schedule().target()).isInstanceOf(ScheduleTarget.TagSelector.class);
        assertThat(validated.schedule().defaults().limits().isDeactivation()).isTrue();
        assertThat(SchedulePlanner.plan(validated, NOW, NOW, NOW.plus(java.time.Duration.ofDays(7))).changes())
                .isNotEmpty().allSatisfy(c -> assertThat(c.firedBy()).isNotEmpty());
    }
}
