"""States.Runtime errors as AWS raises them, for moto 5.2.1's executing backend.

On AWS a JSONPath that selects nothing (a Parameters or ResultSelector field ``"x.$": "$.missing"``, a Choice rule's
``Variable`` on a missing field) is a ``States.Runtime`` error, and "a States.Runtime error isn't retriable, and will
always cause the execution to fail. A retry or catch on States.ALL won't catch States.Runtime errors" (Step
Functions developer guide, "Handling errors"). moto 5.2.1 differed in three ways:

1. In a Task state, such a path failed the task with error ``Exception``, which ``Retry``/``Catch`` on States.ALL
   matched: the task was retried (with a rollback step's backoff, minutes in which the execution stayed RUNNING),
   then caught, and the workflow went on as if a step had failed. Now the execution fails with States.Runtime at
   once, with AWS's cause ("The JSONPath '$.x' specified for the field 'y.$' could not be found in the input ...").
2. A States.Runtime error of any state was matched by Retry/Catch on States.ALL. Now neither retries nor catches it.
3. A Choice rule on a missing field evaluated as false and the Choice went on (to its Default); on AWS the execution
   fails with States.Runtime ("Invalid path '$.x': The choice state's condition path references an invalid value.").
   ``IsPresent`` still tests a missing field, as on AWS.

Pass states already failed with States.Runtime here, and still do.

Patched in moto: ``StringJsonPath._eval_body``, ``ExecutionState._handle_retry`` and ``._handle_catch``,
``ComparisonVariable._eval_body``.
"""


def _runtime_failure(env, cause):
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import FailureEvent
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    runtime = StatesErrorNameType.StatesRuntime
    return FailureEvent(
        env=env,
        error_name=StatesErrorName(typ=runtime),
        event_type=HistoryEventType.TaskFailed,
        event_details=EventDetails(taskFailedEventDetails=TaskFailedEventDetails(error=runtime.to_name(), cause=cause)),
    )


def _is_runtime(failure_event):
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )

    name = failure_event.error_name
    return isinstance(name, StatesErrorName) and name.typ == StatesErrorNameType.StatesRuntime


def _patch_json_paths():
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import FailureEventException
    from moto.stepfunctions.parser.asl.component.common.string.string_expression import StringJsonPath
    from moto.stepfunctions.parser.asl.utils.encoding import to_json_str
    from moto.stepfunctions.parser.asl.utils.json_path import NoSuchJsonPathError

    class MissingJsonPath(NoSuchJsonPathError, FailureEventException):
        # Both: the components that catch NoSuchJsonPathError (InputPath, OutputPath, Pass) keep their own messages,
        # and a Task state's error handling, which reads FailureEventException, sees States.Runtime.
        def __init__(self, error, failure_event):
            NoSuchJsonPathError.__init__(self, json_path=error.json_path, data=error.data)
            FailureEventException.__init__(self, failure_event=failure_event)

    original = StringJsonPath._eval_body

    def _eval_body(self, env):
        try:
            original(self, env)
        except MissingJsonPath:
            raise
        except NoSuchJsonPathError as error:
            cause = (f"The JSONPath '{error.json_path}' specified for the field '{env.next_field_name}' "
                     f"could not be found in the input '{to_json_str(error.data)}'")
            raise MissingJsonPath(error, _runtime_failure(env, cause)) from None

    StringJsonPath._eval_body = _eval_body


def _patch_retry_and_catch():
    from moto.stepfunctions.parser.asl.component.common.catch.catch_outcome import CatchOutcome
    from moto.stepfunctions.parser.asl.component.common.retry.retry_outcome import RetryOutcome
    from moto.stepfunctions.parser.asl.component.state.exec.execute_state import ExecutionState

    original_retry = ExecutionState._handle_retry
    original_catch = ExecutionState._handle_catch

    def _handle_retry(self, env, failure_event):
        if _is_runtime(failure_event):
            return RetryOutcome.CannotRetry
        return original_retry(self, env, failure_event)

    def _handle_catch(self, env, failure_event):
        if _is_runtime(failure_event):
            env.stack.append(CatchOutcome.NotCaught)
            return
        original_catch(self, env, failure_event)

    ExecutionState._handle_retry = _handle_retry
    ExecutionState._handle_catch = _handle_catch


def _patch_choice_on_missing_fields():
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import FailureEventException
    from moto.stepfunctions.parser.asl.component.state.choice.comparison.comparison_operator_type import (
        ComparisonOperatorType,
    )
    from moto.stepfunctions.parser.asl.component.state.choice.comparison.comparison_variable import (
        ComparisonVariable,
    )
    from moto.stepfunctions.parser.asl.component.state.choice.comparison.variable import NoSuchVariable

    def _eval_body(self, env):
        self.variable.eval(env)
        if (isinstance(env.stack[-1], NoSuchVariable)
                and self.comparison_function.operator_type != ComparisonOperatorType.IsPresent):
            path = self.variable.string_sampler.literal_value
            raise FailureEventException(failure_event=_runtime_failure(
                env, f"Invalid path '{path}': The choice state's condition path references an invalid value."))
        self.comparison_function.eval(env)

    ComparisonVariable._eval_body = _eval_body


def install(settings):
    _patch_json_paths()
    _patch_retry_and_catch()
    _patch_choice_on_missing_fields()
