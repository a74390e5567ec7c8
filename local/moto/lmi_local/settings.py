"""Settings of the local AWS that tests and the demo may change while it runs (``POST /_lmi/settings``).

Delays stand in for the minutes AWS takes to make things ready. They are short by default so that tests are
quick; a test that wants to observe a state in between (``Pending``, ``Deleting``) makes them long.
"""

import json
import threading
from dataclasses import asdict, dataclass, fields


@dataclass
class Settings:
    # Capacity providers: CreateCapacityProvider answers Pending; it turns Active (or Failed) after this delay.
    capacity_provider_ready_seconds: float = 0.5
    # DeleteCapacityProvider answers Deleting; it is gone after this delay.
    capacity_provider_delete_seconds: float = 0.5
    # PublishVersion of an LMI function answers Pending; Active after this delay.
    publish_ready_seconds: float = 0.5
    # PutFunctionScalingConfig: the applied config catches up with the requested one after this delay.
    scaling_apply_seconds: float = 0.3
    # Capacity-provider write APIs, combined, per second (AWS: 1, not increasable).
    capacity_provider_writes_per_second: float = 1.0
    # Capacity-provider read APIs, combined, per second (AWS: 15).
    capacity_provider_reads_per_second: float = 15.0
    # Versions that fail to become Active (for tests of a publish that never finishes): function names.
    publish_never_active_functions: tuple = ()
    # CloudWatch metric alarms are evaluated on this tick (server clock) and whenever a metric they watch gets data.
    # AWS evaluates about once a minute; one second keeps tests quick and still lets SetAlarmState be observed.
    alarm_evaluation_interval_seconds: float = 1.0
    # Periods an alarm looks at beyond EvaluationPeriods (its evaluation range). The CloudWatch user guide's example
    # retrieves 5 datapoints for 3 evaluation periods; AWS does not publish the rule for other sizes.
    alarm_evaluation_extra_periods: int = 2
    # A state set with SetAlarmState lasts "until the next alarm comparison occurs" (CloudWatch user guide); AWS
    # compares about once a minute, so the forced state holds this long before evaluation resumes.
    set_alarm_state_hold_seconds: float = 60.0

    def update(self, values: dict) -> None:
        known = {f.name: f for f in fields(self)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown local AWS settings: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        for name, value in values.items():
            current = getattr(self, name)
            if isinstance(current, tuple):
                value = tuple(value)
            elif isinstance(current, float):
                value = float(value)
            setattr(self, name, value)

    def to_json(self) -> str:
        return json.dumps(asdict(self))


_lock = threading.Lock()
SETTINGS = Settings()


def update_settings(values: dict) -> Settings:
    with _lock:
        SETTINGS.update(values)
    return SETTINGS
