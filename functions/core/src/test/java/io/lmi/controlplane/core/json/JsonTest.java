package io.lmi.controlplane.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.gate.AlarmState;
import io.lmi.controlplane.core.gate.GateDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    record WithHelper(boolean done, int steps) {
        boolean isLast() {
            return steps == 1;
        }

        public boolean isDone() {
            return done;
        }
    }

    @Test
    void helperMethodsThatLookLikeGettersAreNotProperties() {
        String json = Json.write(new WithHelper(true, 1));

        assertThat(json).isEqualTo("{\"done\":true,\"steps\":1}");
        assertThat(Json.read(json, WithHelper.class, "test")).isEqualTo(new WithHelper(true, 1));
    }

    @Test
    void aGateDecisionWithFiringAlarmsRoundTrips() {
        GateDecision decision = new GateDecision(GateDecision.Verdict.FAIL, "alarm",
                List.of(new AlarmState("a", "ErrorRate", "ALARM", "3 > 1")), 12);
        assertThat(Json.read(Json.write(decision), GateDecision.class, "decision")).isEqualTo(decision);
    }
}
