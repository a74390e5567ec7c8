"""Step Functions fixes for moto 5.2.1's executing backend (the ASL interpreter ported from LocalStack).

1. A second StartExecution of a state machine answered 500 ("cannot pickle '_thread.RLock'", moto issue 10077):
   the backend deep-copies the state machine so that a later UpdateStateMachine does not change a running
   execution, and that copy dragged along the machine's past executions (with their worker threads and locks)
   and, through ``StateMachine.backend``, every other state machine of the account. The copy now freezes only
   the definition and settings: executions are runtime state of the original and are not copied, and the
   backend is shared, not copied.
2. StartExecution without ``name`` gave the ARN ``...:execution:machine:None`` and the next unnamed start failed
   with ExecutionAlreadyExists. As on AWS, a missing name becomes a UUID; a given name is validated as moto's
   non-executing backend does (length, forbidden characters).
3. Starts are serialised, so two concurrent starts with the same name cannot both pass the idempotency check
   (a start only schedules the run, so this costs nothing).
4. SendTaskFailure dropped ``cause`` (the response handler passed only ``error``), so a Catch saw an empty Cause.
5. A Lambda FunctionError's Cause is the function's error payload exactly as the function returned it, as on
   AWS; the interpreter re-serialised it, which escaped every non-ASCII character of an error message.
6. A missed heartbeat fails the task with States.Timeout (as the interpreter already did), and a Retry or Catch
   on States.HeartbeatTimeout now matches it, as the AWS error-name reference says.
7. DescribeExecution returned an output that is a JSON string (a state's result "done") without its quotes, so
   it was not JSON; AWS always answers the output as JSON text.
8. SendTaskSuccess/Failure/Heartbeat with the token of a task that already closed (answered, timed out, or its
   execution ended) was accepted into nothing inside a running execution and answered InvalidToken (or 500)
   otherwise; AWS answers TaskTimedOut ("the task associated with the token has already been closed").
   InvalidToken stays for tokens that were never issued. moto's TaskTimedOut and TaskDoesNotExist errors could
   not even be raised (500); now they can.

Patched in moto: ``StateMachineInstance.__deepcopy__`` (new), ``StepFunctionsParserBackend.start_execution``,
``.send_task_success`` and ``.send_task_heartbeat``, ``StepFunctionResponse.send_task_failure`` and
``.describe_execution``, the names ``TaskTimedOut``/``TaskDoesNotExist`` of ``parser.models``, and in the
interpreter ``lambda_eval_utils.execute_lambda_function_integration``, ``StateTask._from_error``,
``CallbackEndpoint.interrupt_all``, ``CallbackPoolManager.notify`` and ``.heartbeat``.
"""

import copy
import json
import threading
import uuid

_start_lock = threading.Lock()


def _deepcopy_definition_only(self, memo):
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        if name == "executions":
            clone.__dict__[name] = []
        elif name == "backend":
            clone.__dict__[name] = value
        else:
            clone.__dict__[name] = copy.deepcopy(value, memo)
    return clone


def _patch_state_machine_copy():
    from moto.stepfunctions.models import StateMachineInstance

    StateMachineInstance.__deepcopy__ = _deepcopy_definition_only


def _patch_start_execution():
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    original = StepFunctionsParserBackend.start_execution

    def start_execution(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
        if name:
            self._validate_name(name)
        else:
            name = str(uuid.uuid4())
        with _start_lock:
            return original(self, state_machine_arn, name, execution_input, trace_header)

    StepFunctionsParserBackend.start_execution = start_execution


def _patch_send_task_failure_cause():
    from moto.core.responses import EmptyResult
    from moto.stepfunctions.responses import StepFunctionResponse

    def send_task_failure(self):
        self.stepfunction_backend.send_task_failure(
            self._get_param("taskToken"), error=self._get_param("error"), cause=self._get_param("cause"))
        return EmptyResult()

    StepFunctionResponse.send_task_failure = send_task_failure


def _patch_lambda_error_cause():
    from moto.stepfunctions.parser.api import InvocationResponse
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils
    from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for
    from moto.utilities.collections import select_from_typed_dict

    original = lambda_eval_utils.execute_lambda_function_integration

    def execute_lambda_function_integration(env, parameters, region, state_credentials):
        if env.is_mocked_mode():
            return original(env, parameters, region, state_credentials)
        client = boto_client_for(service="lambda", region=region, state_credentials=state_credentials)
        response = client.invoke(**parameters)
        raw = response["Payload"].read()
        if response.get("FunctionError"):
            raise lambda_eval_utils.LambdaFunctionErrorException(response["FunctionError"], raw.decode("utf-8"))
        text = raw.decode("utf-8")
        try:
            response["Payload"] = json.loads(text)
        except ValueError:
            response["Payload"] = text
        env.stack.append(select_from_typed_dict(typed_dict=InvocationResponse, obj=response))

    lambda_eval_utils.execute_lambda_function_integration = execute_lambda_function_integration


def _patch_heartbeat_timeout_name():
    from moto.stepfunctions.parser.asl.component.common.error_name.error_name import ErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.state_task import StateTask
    from moto.stepfunctions.parser.asl.eval.callback.callback import HeartbeatTimeoutError

    class HeartbeatTimeoutName(StatesErrorName):
        # A subclass overriding __eq__ is asked first when compared with a plain StatesErrorName of ErrorEquals.
        NAMES = ("States.Timeout", "States.HeartbeatTimeout")

        def __init__(self):
            super().__init__(typ=StatesErrorNameType.StatesTimeout)

        def matches(self, error_name):
            return error_name in self.NAMES

        def __eq__(self, other):
            return isinstance(other, ErrorName) and self.matches(other.error_name)

        __hash__ = None

    original = StateTask._from_error

    def _from_error(self, env, ex):
        failure_event = original(self, env, ex)
        if isinstance(ex, HeartbeatTimeoutError):
            failure_event.error_name = HeartbeatTimeoutName()
        return failure_event

    StateTask._from_error = _from_error


def _patch_describe_execution_output():
    from moto.stepfunctions.parser.asl.utils.encoding import to_json_str
    from moto.stepfunctions.parser.backend.execution import Execution as ParserExecution
    from moto.stepfunctions.responses import StepFunctionResponse

    original = StepFunctionResponse.describe_execution

    def describe_execution(self):
        result = original(self)
        execution = self.stepfunction_backend.describe_execution(self._get_param("executionArn"))
        described = result.result
        if isinstance(execution, ParserExecution) and "output" in described:
            described["output"] = to_json_str(execution.output, separators=(",", ":"))
        return result

    StepFunctionResponse.describe_execution = describe_execution


def _patch_closed_task_tokens():
    from moto.stepfunctions.parser import models as parser_models
    from moto.stepfunctions.parser.api import InvalidToken, TaskDoesNotExist, TaskTimedOut

    # moto's classes for these two errors cannot be raised: the constructor wants a message and the error type
    # stays None. moto's own raise sites in the backend use the module names, so they get these too.
    class TaskTimedOutError(TaskTimedOut):
        def __init__(self, message="Task Timed Out: the task of this token has timed out or was already closed"):
            super().__init__(message, "TaskTimedOut", 400)

    class TaskDoesNotExistError(TaskDoesNotExist):
        def __init__(self, message="Task Does Not Exist: no task is waiting for this token"):
            super().__init__(message, "TaskDoesNotExist", 400)

    parser_models.TaskTimedOut = TaskTimedOutError
    parser_models.TaskDoesNotExist = TaskDoesNotExistError
    backend = parser_models.StepFunctionsParserBackend

    def issued_before(backend_instance, task_token):
        for execution in backend_instance._get_executions():
            env = getattr(execution.exec_worker, "env", None)
            if env is not None and env.callback_pool_manager.get(task_token) is not None:
                return True
        return False

    def closed_tasks_time_out(original):
        def call(self, task_token, *args, **kwargs):
            try:
                return original(self, task_token, *args, **kwargs)
            except InvalidToken:
                if issued_before(self, task_token):
                    raise TaskTimedOutError()
                raise

        return call

    backend.send_task_success = closed_tasks_time_out(backend.send_task_success)
    backend.send_task_heartbeat = closed_tasks_time_out(backend.send_task_heartbeat)

    # Within a running execution, a task's callback endpoint stayed open after the task had its outcome or timed
    # out, so a late SendTaskSuccess "succeeded" into nothing. The task closes its endpoint when it finishes
    # waiting (interrupt_all); callbacks on a closed endpoint now take moto's own TaskTimedOut path.
    from moto.stepfunctions.parser.asl.eval.callback.callback import (
        CallbackConsumerTimeout,
        CallbackEndpoint,
        CallbackNotifyConsumerError,
        CallbackPoolManager,
    )

    original_interrupt_all = CallbackEndpoint.interrupt_all

    def interrupt_all(self):
        self.closed = True
        original_interrupt_all(self)

    CallbackEndpoint.interrupt_all = interrupt_all

    class ClosedTask(CallbackNotifyConsumerError, CallbackConsumerTimeout):
        # The backend tests the raised error itself (not its callback_consumer_error) for CallbackConsumerTimeout,
        # so only an error that is both reaches its TaskTimedOut branch.
        def __init__(self):
            super().__init__(callback_consumer_error=CallbackConsumerTimeout())

    def refuse_closed(original):
        def call(self, callback_id, *args, **kwargs):
            endpoint = self._pool.get(callback_id)
            if endpoint is not None and getattr(endpoint, "closed", False):
                raise ClosedTask()
            return original(self, callback_id, *args, **kwargs)

        return call

    CallbackPoolManager.notify = refuse_closed(CallbackPoolManager.notify)
    CallbackPoolManager.heartbeat = refuse_closed(CallbackPoolManager.heartbeat)


def install(settings):
    _patch_state_machine_copy()
    _patch_start_execution()
    _patch_send_task_failure_cause()
    _patch_lambda_error_cause()
    _patch_heartbeat_timeout_name()
    _patch_describe_execution_output()
    _patch_closed_task_tokens()
