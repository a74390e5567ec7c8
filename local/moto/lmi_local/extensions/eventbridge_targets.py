"""EventBridge delivery to Step Functions and Lambda targets, as AWS does it.

moto 5.2.1 raises NotImplementedError for these target types, so one matching rule made the whole PutEvents
answer 500. Now:
- a Step Functions target starts an execution of the state machine (name generated), input = the event;
- a Lambda target invokes the function asynchronously (InvocationType Event) with the event as payload, through
  moto's Lambda backend and model, so a function registered to a function host runs there;
- the input is the event envelope as JSON, or what the target's Input / InputPath / InputTransformer makes of it;
- a rule whose State is DISABLED delivers to no target (moto delivered to disabled rules' targets too);
- a delivery that fails (no such state machine, bad input) is logged and skipped: PutEvents still succeeds, as
  on AWS, where a failed delivery only shows in the rule's FailedInvocations metric.
Other target types keep moto's own delivery.

Patched in moto: ``Rule.send_to_targets``.
"""

import copy
import sys

from lmi_local.eventbridge_input import target_input


def _log(message):
    print("lmi_local eventbridge: " + message, file=sys.stderr, flush=True)


def _start_execution(target_arn, parsed, text):
    from moto.stepfunctions.responses import get_backend

    get_backend(parsed.account, parsed.region).start_execution(target_arn, None, text)


def _invoke_async(target_arn, parsed, text):
    from moto.awslambda.utils import get_backend

    get_backend(parsed.account, parsed.region).invoke(
        target_arn, None, text, {"X-Amz-Invocation-Type": "Event"}, {})


DELIVERIES = {"states": _start_execution, "lambda": _invoke_async}


def install(settings):
    from moto.events.models import Rule
    from moto.utilities.arns import parse_arn

    moto_send_to_targets = Rule.send_to_targets

    def send_to_targets(self, original_event, transform_input=True):
        if not str(self.state).startswith("ENABLED"):
            return
        if not self.event_pattern.matches_event(original_event):
            return
        for target in list(self.targets):
            parsed = parse_arn(target["Arn"])
            deliver = DELIVERIES.get(parsed.service)
            if deliver is None:
                one_target = copy.copy(self)
                one_target.targets = [target]
                moto_send_to_targets(one_target, original_event, transform_input)
                continue
            try:
                # moto replays archived events with transform_input=False: they go out as they came in.
                text = target_input(target if transform_input else {}, original_event, self)
                deliver(target["Arn"], parsed, text)
            except Exception as error:  # a failed delivery never fails PutEvents
                _log(f"rule {self.name}: delivery to {target['Arn']} (target {target.get('Id')}) failed: "
                     f"{type(error).__name__}: {error}")

    Rule.send_to_targets = send_to_targets
