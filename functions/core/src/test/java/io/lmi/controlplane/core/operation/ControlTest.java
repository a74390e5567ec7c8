package io.lmi.controlplane.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Ending a wait touches only the wait whose token was completed, never the one the workflow started next. */
class ControlTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void approvingWhileTheNextBakeAlreadyStoredItsTokenKeepsThatToken() {
        Control approval = Control.none().waitFor("APPROVAL", "token-approval", "approve me", NOW);
        // The approve completes token-approval; the workflow moves on and its bake stores token-bake before the
        // approver records the end of the approval wait.
        Control bakeStored = approval.waitFor("BAKE", "token-bake", "baking", NOW.plusSeconds(1));

        Control after = bakeStored.stopWaitingFor("token-approval");

        assertThat(after.waitingFor()).isEqualTo("BAKE");
        assertThat(after.taskToken()).isEqualTo("token-bake");
    }

    @Test
    void theCompletedWaitItselfIsCleared() {
        Control approval = Control.none().requestPause().waitFor("APPROVAL", "token-approval", "approve me", NOW);

        Control after = approval.stopWaitingFor("token-approval");

        assertThat(after.waitingFor()).isNull();
        assertThat(after.taskToken()).isNull();
        assertThat(after.instructions()).isNull();
        assertThat(after.pauseRequested()).as("only the wait ends, not the requests").isTrue();
    }

    @RepeatedTest(200)
    void onlyTheMatchingTokenEndsAWait(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<String> kinds = List.of("APPROVAL", "ACTION", "RESUME", "BAKE");
        String stored = "token-" + random.nextInt(5);
        String completed = random.nextInt(6) == 0 ? null : "token-" + random.nextInt(5);
        Control waiting = new Control(random.nextBoolean(), null, random.nextBoolean(), null, null, null, null)
                .waitFor(kinds.get(random.nextInt(kinds.size())), stored, "instructions", NOW);

        Control after = waiting.stopWaitingFor(completed);

        if (stored.equals(completed)) {
            assertThat(after).isEqualTo(waiting.stopWaiting());
        } else {
            assertThat(after).isEqualTo(waiting);
        }
        assertThat(after.abortRequested()).isEqualTo(waiting.abortRequested());
        assertThat(after.pauseRequested()).isEqualTo(waiting.pauseRequested());
    }
}
