package io.lmi.controlplane.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.gate.GateDecision.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {
    private static final AlarmState OK = new AlarmState("orders-lmi-errors", "ErrorRate", "OK", "");
    private static final AlarmState FIRING = new AlarmState("orders-lmi-throttles", "ThrottleRate", "ALARM", "3 > 1");
    private static final AlarmState NO_DATA = new AlarmState("orders-lmi-cpu", "CPU", "INSUFFICIENT_DATA", "");

    @Test
    void passesWithEnoughTrafficAndNoAlarm() {
        assertThat(Gate.decide(List.of(OK, NO_DATA), 500, 100, false, false).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFiringAlarmFailsEvenWithLittleTraffic() {
        GateDecision decision = Gate.decide(List.of(OK, FIRING), 3, 100, false, false);
        assertThat(decision.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(decision.firing()).containsExactly(FIRING);
        assertThat(decision.reason()).contains("orders-lmi-throttles");
    }

    @Test
    void tooLittleTrafficIsInconclusiveNeverAPass() {
        GateDecision decision = Gate.decide(List.of(OK), 99, 100, false, false);
        assertThat(decision.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(decision.reason()).contains("99 invocations").contains("approve");
    }

    @Test
    void abortWinsOverEverything() {
        assertThat(Gate.decide(List.of(FIRING), 0, 100, true, true).verdict()).isEqualTo(Verdict.ABORT);
    }

    @Test
    void pauseHoldsAStepThatWouldPass() {
        assertThat(Gate.decide(List.of(OK), 1000, 100, false, true).verdict()).isEqualTo(Verdict.PAUSE);
        assertThat(Gate.decide(List.of(FIRING), 1000, 100, false, true).verdict()).isEqualTo(Verdict.FAIL);
    }
}
