"""Event source mappings keep the alias their function was named with (extension lambda_esm_qualifiers)."""

from lambda_helpers import function_with_alias, unique


def _queue(client):
    sqs = client("sqs")
    url = sqs.create_queue(QueueName=unique("orders"))["QueueUrl"]
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def test_a_mapping_created_on_an_alias_reports_the_alias_arn(client):
    lambda_client = client("lambda")
    name, arn = function_with_alias(client, "orders")
    queue = _queue(client)

    by_arn = lambda_client.create_event_source_mapping(EventSourceArn=queue, FunctionName=arn + ":live")
    assert by_arn["FunctionArn"] == arn + ":live"
    assert lambda_client.get_event_source_mapping(UUID=by_arn["UUID"])["FunctionArn"] == arn + ":live"

    by_name = lambda_client.create_event_source_mapping(EventSourceArn=_queue(client), FunctionName=name + ":live")
    assert by_name["FunctionArn"] == arn + ":live"
    unqualified = lambda_client.create_event_source_mapping(EventSourceArn=_queue(client), FunctionName=name)
    assert unqualified["FunctionArn"] == arn


def test_moving_a_mapping_to_another_functions_alias_keeps_its_uuid_and_names_the_alias(client):
    lambda_client = client("lambda")
    old_name, old_arn = function_with_alias(client, "orders")
    new_name, new_arn = function_with_alias(client, "orders-lmi")
    kinesis = client("kinesis")
    stream = unique("clicks")
    kinesis.create_stream(StreamName=stream, ShardCount=1)
    stream_arn = kinesis.describe_stream(StreamName=stream)["StreamDescription"]["StreamARN"]
    mapping = lambda_client.create_event_source_mapping(EventSourceArn=stream_arn, FunctionName=old_name,
                                                        StartingPosition="TRIM_HORIZON")

    moved = lambda_client.update_event_source_mapping(UUID=mapping["UUID"], FunctionName=new_arn + ":live")

    assert moved["UUID"] == mapping["UUID"] and moved["FunctionArn"] == new_arn + ":live"
    assert [m["UUID"] for m in lambda_client.list_event_source_mappings(
        FunctionName=new_arn + ":live")["EventSourceMappings"]] == [mapping["UUID"]]
    assert lambda_client.list_event_source_mappings(FunctionName=old_name)["EventSourceMappings"] == []
    back = lambda_client.update_event_source_mapping(UUID=mapping["UUID"], FunctionName=old_arn)
    assert back["FunctionArn"] == old_arn


def test_an_unknown_alias_is_still_refused(client):
    import pytest
    from botocore.exceptions import ClientError

    name, _ = function_with_alias(client, "orders")
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        client("lambda").create_event_source_mapping(EventSourceArn=_queue(client), FunctionName=name + ":nope")
