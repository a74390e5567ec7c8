"""Step Functions execution status-change events on the default bus, as AWS emits them (moto 5.2.1 emits none).

Every status change of a Standard workflow's execution puts a "Step Functions Execution Status Change" event (source
``aws.states``) on the account's default event bus: RUNNING when it starts, then SUCCEEDED, FAILED, TIMED_OUT or
ABORTED (StopExecution included) when it ends. Express workflows emit none, as on AWS. The detail is AWS's
(https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html): executionArn, stateMachineArn, name, status,
startDate and stopDate (epoch milliseconds), input and output (JSON text), inputDetails/outputDetails, error, cause;
``resources`` names the execution. When the escaped input and output together exceed 248 KB the input is left out
(``inputDetails.included`` false), and an output over 248 KB is left out too, as AWS does for EventBridge's limit.

Rules on the default bus then deliver it like any other event (eventbridge_targets.py), so a rule on
``detail.status`` with a Lambda, Step Functions or SQS target sees what it would see on AWS. AWS delivers these on a
best-effort basis, in no guaranteed order; here the RUNNING event is put before the end's, and each is put once.

Patched in moto: ``StepFunctionsParserBackend.start_execution`` (wrapping stepfunctions_fixes' version: that module
must install first) and ``BaseExecutionWorkerCommunication.terminated``.
"""

import json
import sys
import threading

DETAIL_TYPE = "Step Functions Execution Status Change"
SOURCE = "aws.states"
# EventBridge takes events up to 256 KB; Step Functions keeps input and output to 248 KB of it (AWS's figure above).
PAYLOAD_LIMIT_BYTES = 248 * 1024
# How long an end waits for its execution's RUNNING event to be put first; the start puts it within milliseconds.
RUNNING_FIRST_TIMEOUT_SECONDS = 5.0

_running_put = {}
_running_put_lock = threading.Lock()


def _log(message):
    print("lmi_local stepfunctions events: " + message, file=sys.stderr, flush=True)


def _running_put_event(execution_arn):
    with _running_put_lock:
        return _running_put.setdefault(execution_arn, threading.Event())


def _millis(moment):
    return None if moment is None else int(moment.timestamp() * 1000)


def _json_text(value):
    from moto.stepfunctions.parser.asl.utils.encoding import to_json_str

    return to_json_str(value, separators=(",", ":"))


def _escaped_size(text):
    return 0 if text is None else len(json.dumps(text).encode("utf-8"))


def status_detail(execution, status):
    """The event's detail for ``execution`` at ``status`` (AWS's shape; absent values are null, as AWS sends them)."""
    input_text = _json_text(execution.input_data)
    output_text = _json_text(execution.output) if status == "SUCCEEDED" else None
    input_included = output_included = True
    if _escaped_size(output_text) > PAYLOAD_LIMIT_BYTES:
        output_text, output_included = None, False
    if _escaped_size(input_text) + _escaped_size(output_text) > PAYLOAD_LIMIT_BYTES:
        input_text, input_included = None, False
    ended = status != "RUNNING"
    return {
        "executionArn": execution.exec_arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "status": status,
        "startDate": _millis(execution.start_date),
        "stopDate": _millis(execution.stop_date) if ended else None,
        "input": input_text,
        "output": output_text,
        "inputDetails": {"included": input_included},
        "outputDetails": {"included": output_included} if status == "SUCCEEDED" else None,
        "error": execution.error if ended else None,
        "cause": execution.cause if ended else None,
    }


def _put(execution, status):
    from moto.events.models import events_backends

    moment = execution.stop_date if status != "RUNNING" else execution.start_date
    entry = {"Source": SOURCE, "DetailType": DETAIL_TYPE, "Detail": json.dumps(status_detail(execution, status)),
             "Resources": [execution.exec_arn]}
    if moment is not None:
        entry["Time"] = moment.timestamp()
    try:
        events_backends[execution.account_id][execution.region_name].put_events([entry])
    except Exception as error:  # an event that cannot be put never changes the execution, as on AWS
        _log(f"{status} of {execution.exec_arn} not put on the default bus: {type(error).__name__}: {error}")


def _is_standard(execution):
    from moto.stepfunctions.parser.api import StateMachineType

    return execution.sm_type == StateMachineType.STANDARD


def _patch_start():
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    started = StepFunctionsParserBackend.start_execution

    def start_execution(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
        execution = started(self, state_machine_arn, name, execution_input, trace_header)
        # A start that matched a running execution of the same name and input returns it: it started once.
        if _is_standard(execution) and not getattr(execution, "_lmi_running_put", False):
            execution._lmi_running_put = True
            _put(execution, "RUNNING")
            _running_put_event(execution.exec_arn).set()
        return execution

    StepFunctionsParserBackend.start_execution = start_execution


def _patch_end():
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    terminated = BaseExecutionWorkerCommunication.terminated

    def announce_end(self):
        terminated(self)
        execution = self.execution
        if not _is_standard(execution):
            return
        _running_put_event(execution.exec_arn).wait(RUNNING_FIRST_TIMEOUT_SECONDS)
        with _running_put_lock:
            _running_put.pop(execution.exec_arn, None)
        _put(execution, execution.status)

    BaseExecutionWorkerCommunication.terminated = announce_end


def install(settings):
    _patch_start()
    _patch_end()
