package io.lmi.controlplane.core.gate;

/** A CloudWatch alarm's state, as the gate sees it. */
public record AlarmState(String alarmName, String metric, String state, String reason) {
    public boolean isAlarm() {
        return "ALARM".equals(state);
    }
}
