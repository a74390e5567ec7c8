"""A queue that receives the Step Functions status-change events of one state machine from the default bus, as a
team's rule with an SQS target would."""

import json
import time

from fake_function_host import unique

DETAIL_TYPE = "Step Functions Execution Status Change"


class StatusTap:
    def __init__(self, client, machine_arn, statuses=None):
        self.sqs = client("sqs")
        self.events = client("events")
        self.queue_url = self.sqs.create_queue(QueueName=unique("status-tap"))["QueueUrl"]
        queue_arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])[
            "Attributes"]["QueueArn"]
        detail = {"stateMachineArn": [machine_arn]}
        if statuses:
            detail["status"] = list(statuses)
        pattern = {"source": ["aws.states"], "detail-type": [DETAIL_TYPE], "detail": detail}
        self.rule = unique("status-rule")
        self.events.put_rule(Name=self.rule, EventPattern=json.dumps(pattern))  # no EventBusName: the default bus
        self.events.put_targets(Rule=self.rule, Targets=[{"Id": "queue", "Arn": queue_arn}])
        self.seen = []

    def received(self, count, timeout=10.0):
        """The first ``count`` events in arrival order; fails if fewer arrive in time."""
        deadline = time.monotonic() + timeout
        while len(self.seen) < count and time.monotonic() < deadline:
            for message in self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                                    WaitTimeSeconds=1).get("Messages", []):
                self.seen.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
        assert len(self.seen) >= count, f"expected {count} status events, got {self.seen}"
        return self.seen[:count]

    def nothing_more(self, seconds=1.5):
        messages = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                            WaitTimeSeconds=int(seconds)).get("Messages", [])
        assert messages == [], [json.loads(m["Body"]) for m in messages]
