"""StopExecution as AWS does it, for moto 5.2.1's executing backend.

1. A stopped execution that was waiting in a task (``.waitForTaskToken``: an approval, a bake) stayed RUNNING until
   the task's timeout (days, by default): the stop marked the program stopped, but nothing woke the waiting task. On
   AWS the execution is ABORTED at once. The stop now ends every wait of the execution, and the interrupted task
   leaves no trace (no TaskTimedOut, no Retry or Catch), as on AWS, where the execution just ends ``ExecutionAborted``.
   The same holds for an execution that times out (``TimeoutSeconds``): its waiting task ends with it.
2. The ``error`` and ``cause`` given to StopExecution were dropped; they are now the execution's error and cause
   (DescribeExecution, the ExecutionAborted history event, the status-change event), as on AWS.
3. StopExecution answered no ``stopDate`` (the execution had not noticed the stop yet); it answers the moment of the
   stop, which is also the execution's ``stopDate``.

A task that is running a Lambda function when the stop comes still waits for that invocation to return before the
execution reports ABORTED (AWS reports it at once and lets the function run on): the function's work is the same.

Patched in moto: ``StepFunctionResponse.stop_execution``, ``Environment.set_stop`` and ``.set_timed_out``,
``ExecutionState._evaluate_with_timeout`` and ``BaseExecutionWorkerCommunication._reflect_execution_status``.
"""

import datetime


def _close_waits(env):
    # Frames share their execution's callback pool, so the root's pool holds every open task token.
    for endpoint in list(env.callback_pool_manager._pool.values()):
        endpoint.interrupt_all()


def _patch_environment():
    from moto.stepfunctions.parser.asl.eval.environment import Environment

    original_set_stop = Environment.set_stop
    original_set_timed_out = Environment.set_timed_out

    def set_stop(self, stop_date, cause, error):
        original_set_stop(self, stop_date=stop_date, cause=cause, error=error)
        _close_waits(self)

    def set_timed_out(self):
        original_set_timed_out(self)
        _close_waits(self)

    Environment.set_stop = set_stop
    Environment.set_timed_out = set_timed_out


def _patch_interrupted_tasks():
    from moto.stepfunctions.parser.asl.component.state.exec.execute_state import ExecutionState

    original = ExecutionState._evaluate_with_timeout

    def _evaluate_with_timeout(self, env):
        try:
            original(self, env)
        except Exception:
            if env.is_running():
                raise
            # The execution was stopped or timed out under the task: it ends, the task's error means nothing.

    ExecutionState._evaluate_with_timeout = _evaluate_with_timeout


def _patch_stop_details():
    from moto.stepfunctions.parser.asl.eval.program_state import ProgramStopped
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    original = BaseExecutionWorkerCommunication._reflect_execution_status

    def _reflect_execution_status(self):
        original(self)
        program_state = self.execution.exec_worker.env.program_state()
        if isinstance(program_state, ProgramStopped):
            self.execution.stop_date = program_state.stop_date or self.execution.stop_date
            self.execution.error = program_state.error or None
            self.execution.cause = program_state.cause or None

    BaseExecutionWorkerCommunication._reflect_execution_status = _reflect_execution_status


def _patch_stop_execution():
    from moto.core.responses import ActionResult
    from moto.stepfunctions.parser.backend.execution import Execution as ParserExecution
    from moto.stepfunctions.responses import StepFunctionResponse

    original = StepFunctionResponse.stop_execution

    def stop_execution(self):
        execution = self.stepfunction_backend.describe_execution(self._get_param("executionArn"))
        if not isinstance(execution, ParserExecution):
            return original(self)
        if execution.stop_date is not None:
            return ActionResult({"stopDate": execution.stop_date})
        stop_date = datetime.datetime.now(tz=datetime.timezone.utc)
        execution.stop(stop_date=stop_date, error=self._get_param("error"), cause=self._get_param("cause"))
        return ActionResult({"stopDate": stop_date})

    StepFunctionResponse.stop_execution = stop_execution


def install(settings):
    _patch_environment()
    _patch_interrupted_tasks()
    _patch_stop_details()
    _patch_stop_execution()
