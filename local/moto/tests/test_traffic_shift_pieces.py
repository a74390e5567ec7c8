"""What a trigger-level traffic shift touches, checked against the local AWS: event source mappings, ALB Lambda
target groups and weighted forwarding, SNS Lambda subscriptions, EventBridge targets and Lambda permissions.

Where moto's Lambda module differs from AWS and the local AWS does not patch it, a strict xfail states the
difference precisely; it turns into a failure the day the difference is fixed, so the note cannot go stale.
"""

import io
import json
import zipfile
from datetime import datetime, timezone

import pytest

from aws_helpers import unique

ACCOUNT = "123456789012"


def _code():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


@pytest.fixture
def functions(client):
    """Two functions, the second with a version and an alias ``live`` (what a shift moves traffic to)."""
    iam, lambda_client = client("iam"), client("lambda")
    role = iam.create_role(RoleName=unique("shift-role"), AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    names = [unique("orders"), unique("orders-lmi")]
    arns = [lambda_client.create_function(FunctionName=name, Runtime="python3.12", Role=role,
                                          Handler="index.handler", Code={"ZipFile": _code()})["FunctionArn"]
            for name in names]
    version = lambda_client.publish_version(FunctionName=names[1])["Version"]
    alias_arn = lambda_client.create_alias(FunctionName=names[1], Name="live", FunctionVersion=version)["AliasArn"]
    return lambda_client, names, arns, alias_arn


@pytest.fixture
def queue_arn(client):
    sqs = client("sqs")
    url = sqs.create_queue(QueueName=unique("orders-queue"))["QueueUrl"]
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def test_two_sqs_mappings_on_one_queue_with_maximum_concurrency(functions, queue_arn):
    lambda_client, names, arns, _ = functions
    old = lambda_client.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=names[0], BatchSize=10,
                                                   ScalingConfig={"MaximumConcurrency": 10})
    new = lambda_client.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=names[1], BatchSize=10,
                                                   ScalingConfig={"MaximumConcurrency": 2}, Enabled=False)
    assert (old["State"], new["State"]) == ("Enabled", "Disabled")
    for old_share, new_share in ((8, 2), (5, 5), (2, 8)):
        lambda_client.update_event_source_mapping(UUID=old["UUID"], ScalingConfig={"MaximumConcurrency": old_share})
        lambda_client.update_event_source_mapping(UUID=new["UUID"], ScalingConfig={"MaximumConcurrency": new_share},
                                                  Enabled=True)
        assert lambda_client.get_event_source_mapping(UUID=old["UUID"])["ScalingConfig"] == {
            "MaximumConcurrency": old_share}
        assert lambda_client.get_event_source_mapping(UUID=new["UUID"])["ScalingConfig"] == {
            "MaximumConcurrency": new_share}
    lambda_client.update_event_source_mapping(UUID=old["UUID"], Enabled=False)
    on_queue = {item["UUID"]: item for item in
                lambda_client.list_event_source_mappings(EventSourceArn=queue_arn)["EventSourceMappings"]}
    assert on_queue[old["UUID"]]["State"] == "Disabled" and on_queue[new["UUID"]]["State"] == "Enabled"
    assert lambda_client.delete_event_source_mapping(UUID=old["UUID"])["State"] == "Deleting"
    assert [item["UUID"] for item in lambda_client.list_event_source_mappings(
        EventSourceArn=queue_arn)["EventSourceMappings"]] == [new["UUID"]]


def test_cut_over_keeps_the_mapping_uuid(functions, queue_arn):
    lambda_client, names, arns, _ = functions
    mapping = lambda_client.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=names[0])
    moved = lambda_client.update_event_source_mapping(UUID=mapping["UUID"], FunctionName=names[1])
    assert moved["UUID"] == mapping["UUID"] and moved["FunctionArn"] == arns[1]
    assert lambda_client.get_event_source_mapping(UUID=mapping["UUID"])["FunctionArn"] == arns[1]


# moto 5.2.1 listed the mapping under the function it was created for; extension lambda_esm_qualifiers fixes it.
def test_listing_by_function_follows_a_cut_over(functions, queue_arn):
    lambda_client, names, _, _ = functions
    mapping = lambda_client.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=names[0])
    lambda_client.update_event_source_mapping(UUID=mapping["UUID"], FunctionName=names[1])
    assert [item["UUID"] for item in lambda_client.list_event_source_mappings(
        FunctionName=names[1])["EventSourceMappings"]] == [mapping["UUID"]]


# moto 5.2.1 reported the version behind the alias; extension lambda_esm_qualifiers fixes it.
def test_mapping_on_an_alias_reports_the_alias(functions, queue_arn):
    lambda_client, _, _, alias_arn = functions
    mapping = lambda_client.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=alias_arn)
    assert mapping["FunctionArn"] == alias_arn


def test_stream_mappings(client, functions, queue_arn):
    lambda_client, names, arns, _ = functions
    kinesis, dynamodb = client("kinesis"), client("dynamodb")
    stream = unique("orders-stream")
    kinesis.create_stream(StreamName=stream, ShardCount=1)
    stream_arn = kinesis.describe_stream(StreamName=stream)["StreamDescription"]["StreamARN"]
    kinesis_mapping = lambda_client.create_event_source_mapping(
        EventSourceArn=stream_arn, FunctionName=names[0], StartingPosition="AT_TIMESTAMP",
        StartingPositionTimestamp=datetime(2026, 1, 1, tzinfo=timezone.utc), BatchSize=100,
        ParallelizationFactor=2, MaximumRetryAttempts=3, BisectBatchOnFunctionError=True,
        DestinationConfig={"OnFailure": {"Destination": queue_arn}})
    assert kinesis_mapping["StartingPosition"] == "AT_TIMESTAMP" and kinesis_mapping["ParallelizationFactor"] == 2
    assert kinesis_mapping["DestinationConfig"] == {"OnFailure": {"Destination": queue_arn}}
    table = dynamodb.create_table(
        TableName=unique("orders-table"), KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})["TableDescription"]
    ddb_mapping = lambda_client.create_event_source_mapping(
        EventSourceArn=table["LatestStreamArn"], FunctionName=names[0], StartingPosition="LATEST",
        FilterCriteria={"Filters": [{"Pattern": '{"eventName": ["INSERT"]}'}]})
    assert ddb_mapping["FilterCriteria"]["Filters"][0]["Pattern"] == '{"eventName": ["INSERT"]}'
    moved = lambda_client.update_event_source_mapping(UUID=ddb_mapping["UUID"], FunctionName=names[1], BatchSize=50)
    assert (moved["UUID"], moved["FunctionArn"], moved["BatchSize"]) == (ddb_mapping["UUID"], arns[1], 50)


@pytest.mark.xfail(strict=True, reason="moto 5.2.1 awslambda: StartingPositionTimestamp of an AT_TIMESTAMP mapping "
                   "is accepted but not stored nor returned")
def test_kinesis_mapping_keeps_its_starting_timestamp(client, functions):
    lambda_client, names, _, _ = functions
    kinesis = client("kinesis")
    stream = unique("ts-stream")
    kinesis.create_stream(StreamName=stream, ShardCount=1)
    stream_arn = kinesis.describe_stream(StreamName=stream)["StreamDescription"]["StreamARN"]
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    mapping = lambda_client.create_event_source_mapping(EventSourceArn=stream_arn, FunctionName=names[0],
                                                        StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=when)
    assert lambda_client.get_event_source_mapping(UUID=mapping["UUID"])["StartingPositionTimestamp"] == when


def test_alb_lambda_target_groups_and_weighted_forwarding(client, functions):
    lambda_client, names, arns, alias_arn = functions
    ec2, elb = client("ec2"), client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{index}.0/24",
                                 AvailabilityZone=f"us-east-1{zone}")["Subnet"]["SubnetId"]
               for index, zone in ((1, "a"), (2, "b"))]
    balancer = elb.create_load_balancer(Name=unique("alb"), Subnets=subnets, Type="application")[
        "LoadBalancers"][0]["LoadBalancerArn"]
    groups = [elb.create_target_group(Name=unique("tg"), TargetType="lambda")["TargetGroups"][0]["TargetGroupArn"]
              for _ in range(2)]
    for group, target in zip(groups, (arns[0], alias_arn)):
        lambda_client.add_permission(FunctionName=target, StatementId=unique("alb"), Action="lambda:InvokeFunction",
                                     Principal="elasticloadbalancing.amazonaws.com", SourceArn=group)
        elb.register_targets(TargetGroupArn=group, Targets=[{"Id": target}])
    health = elb.describe_target_health(TargetGroupArn=groups[1])["TargetHealthDescriptions"]
    assert health == [{"Target": {"Id": alias_arn}, "TargetHealth": {
        "State": "unavailable", "Reason": "Target.HealthCheckDisabled", "Description": "Health checks are disabled"}}]

    def forward(old_weight, new_weight):
        return [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
            {"TargetGroupArn": groups[0], "Weight": old_weight}, {"TargetGroupArn": groups[1], "Weight": new_weight}]}}]

    listener = elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=80,
                                   DefaultActions=forward(100, 0))["Listeners"][0]["ListenerArn"]
    for old_weight, new_weight in ((90, 10), (50, 50), (0, 100)):
        elb.modify_listener(ListenerArn=listener, DefaultActions=forward(old_weight, new_weight))
        weights = [(item["TargetGroupArn"], item["Weight"]) for item in elb.describe_listeners(
            ListenerArns=[listener])["Listeners"][0]["DefaultActions"][0]["ForwardConfig"]["TargetGroups"]]
        assert weights == [(groups[0], old_weight), (groups[1], new_weight)]
    elb.deregister_targets(TargetGroupArn=groups[0], Targets=[{"Id": arns[0]}])
    assert elb.describe_target_health(TargetGroupArn=groups[0])["TargetHealthDescriptions"] == []


def test_sns_lambda_subscriptions_move_to_the_new_function(client, functions):
    lambda_client, names, arns, alias_arn = functions
    sns = client("sns")
    topic = sns.create_topic(Name=unique("orders-topic"))["TopicArn"]
    lambda_client.add_permission(FunctionName=alias_arn, StatementId="sns", Action="lambda:InvokeFunction",
                                 Principal="sns.amazonaws.com", SourceArn=topic)
    old = sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=arns[0], ReturnSubscriptionArn=True)[
        "SubscriptionArn"]
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=alias_arn, ReturnSubscriptionArn=True,
                  Attributes={"FilterPolicy": '{"kind": ["order"]}'})
    attributes = sns.get_subscription_attributes(SubscriptionArn=old)["Attributes"]
    assert (attributes["Protocol"], attributes["Endpoint"], attributes["PendingConfirmation"]) == (
        "lambda", arns[0], "false")
    sns.unsubscribe(SubscriptionArn=old)
    remaining = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert [(item["Protocol"], item["Endpoint"]) for item in remaining] == [("lambda", alias_arn)]


def test_eventbridge_put_targets_replaces_a_target_by_id(client, functions):
    _, _, arns, alias_arn = functions
    events = client("events")
    rule = unique("orders-rule")
    events.put_rule(Name=rule, EventPattern='{"source": ["orders"]}')
    events.put_targets(Rule=rule, Targets=[{"Id": "handler", "Arn": arns[0], "Input": '{"from": "rule"}'}])
    events.put_targets(Rule=rule, Targets=[{"Id": "handler", "Arn": alias_arn,
                                            "RetryPolicy": {"MaximumRetryAttempts": 2}}])
    targets = events.list_targets_by_rule(Rule=rule)["Targets"]
    assert targets == [{"Id": "handler", "Arn": alias_arn, "RetryPolicy": {"MaximumRetryAttempts": 2}}]
    events.remove_targets(Rule=rule, Ids=["handler"])
    assert events.list_targets_by_rule(Rule=rule)["Targets"] == []


def test_permissions_reveal_the_invokers(functions):
    lambda_client, names, arns, _ = functions
    source = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:abc123/*/GET/orders"
    lambda_client.add_permission(FunctionName=names[0], StatementId="apigateway", Action="lambda:InvokeFunction",
                                 Principal="apigateway.amazonaws.com", SourceArn=source)
    lambda_client.add_permission(FunctionName=names[0], StatementId="events", Action="lambda:InvokeFunction",
                                 Principal="events.amazonaws.com",
                                 SourceArn=f"arn:aws:events:us-east-1:{ACCOUNT}:rule/orders")
    policy = json.loads(lambda_client.get_policy(FunctionName=names[0])["Policy"])
    invokers = {statement["Principal"]["Service"]: statement["Condition"]["ArnLike"]["AWS:SourceArn"]
                for statement in policy["Statement"]}
    assert invokers == {"apigateway.amazonaws.com": source,
                        "events.amazonaws.com": f"arn:aws:events:us-east-1:{ACCOUNT}:rule/orders"}
    lambda_client.remove_permission(FunctionName=names[0], StatementId="events")
    policy = json.loads(lambda_client.get_policy(FunctionName=names[0])["Policy"])
    assert [statement["Sid"] for statement in policy["Statement"]] == ["apigateway"]


@pytest.mark.xfail(strict=True, reason="moto 5.2.1 awslambda: one resource policy per function; a permission added "
                   "with Qualifier=live also shows in the unqualified function's policy (AWS keeps a policy per "
                   "version and alias)")
def test_alias_permissions_are_separate_from_the_function(functions):
    lambda_client, names, _, _ = functions
    lambda_client.add_permission(FunctionName=names[1], Qualifier="live", StatementId="alias-only",
                                 Action="lambda:InvokeFunction", Principal="sns.amazonaws.com")
    lambda_client.add_permission(FunctionName=names[1], StatementId="unqualified", Action="lambda:InvokeFunction",
                                 Principal="sns.amazonaws.com")
    unqualified = json.loads(lambda_client.get_policy(FunctionName=names[1])["Policy"])
    assert [statement["Sid"] for statement in unqualified["Statement"]] == ["unqualified"]
