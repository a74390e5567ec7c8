"""A REST API canary shift as the developer guide describes it: deploy a canary, step its traffic, promote or roll
back, and move the Lambda integration with UpdateIntegration."""

import pytest
from botocore.exceptions import ClientError

from aws_helpers import unique

ACCOUNT_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:{}"
LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{}/invocations"


@pytest.fixture
def api(client):
    apigateway = client("apigateway")
    api_id = apigateway.create_rest_api(name=unique("orders"))["id"]
    root = next(item["id"] for item in apigateway.get_resources(restApiId=api_id)["items"] if item["path"] == "/")
    resource = apigateway.create_resource(restApiId=api_id, parentId=root, pathPart="orders")["id"]
    apigateway.put_method(restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                               integrationHttpMethod="POST",
                               uri=LAMBDA_URI.format(ACCOUNT_FUNCTION.format("orders") + ":${stageVariables.alias}"))
    return apigateway, api_id, resource


def test_update_integration_moves_the_lambda_uri(api):
    apigateway, api_id, resource = api
    new_uri = LAMBDA_URI.format(ACCOUNT_FUNCTION.format("orders-lmi") + ":live")
    updated = apigateway.update_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/uri", "value": new_uri},
        {"op": "replace", "path": "/timeoutInMillis", "value": "15000"},
        {"op": "add", "path": "/requestParameters/integration.request.header.X-Canary", "value": "'yes'"},
        {"op": "add", "path": "/cacheKeyParameters/method.request.path.id"},
    ])
    assert updated["uri"] == new_uri and updated["timeoutInMillis"] == 15000
    assert updated["requestParameters"] == {"integration.request.header.X-Canary": "'yes'"}
    stored = apigateway.get_integration(restApiId=api_id, resourceId=resource, httpMethod="GET")
    assert stored["uri"] == new_uri and stored["cacheKeyParameters"] == ["method.request.path.id"]
    apigateway.update_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", patchOperations=[
        {"op": "remove", "path": "/requestParameters/integration.request.header.X-Canary"}])
    assert apigateway.get_integration(restApiId=api_id, resourceId=resource, httpMethod="GET").get(
        "requestParameters") in (None, {})
    with pytest.raises(ClientError, match="Invalid patch path /nope"):
        apigateway.update_integration(restApiId=api_id, resourceId=resource, httpMethod="GET",
                                      patchOperations=[{"op": "replace", "path": "/nope", "value": "x"}])


def _canary_release(apigateway, api_id):
    base = apigateway.create_deployment(restApiId=api_id, stageName="prod", variables={"alias": "live"})["id"]
    apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/metrics/enabled", "value": "true"}])
    canary = apigateway.create_deployment(restApiId=api_id, stageName="prod", canarySettings={
        "percentTraffic": 10.0, "stageVariableOverrides": {"alias": "lmi"}, "useStageCache": False})["id"]
    return base, canary


def test_canary_deployment_is_stored_on_the_stage(api):
    apigateway, api_id, _ = api
    base, canary = _canary_release(apigateway, api_id)
    stage = apigateway.get_stage(restApiId=api_id, stageName="prod")
    assert stage["deploymentId"] == base and stage["variables"] == {"alias": "live"}
    assert stage["canarySettings"] == {"percentTraffic": 10.0, "deploymentId": canary,
                                       "stageVariableOverrides": {"alias": "lmi"}, "useStageCache": False}
    assert stage["methodSettings"]["*/*"]["metricsEnabled"] is True  # redeploying kept the stage's settings


def test_stepping_and_promoting_a_canary(api):
    apigateway, api_id, _ = api
    base, canary = _canary_release(apigateway, api_id)
    for percent in ("25.0", "50.0"):
        stage = apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
            {"op": "replace", "path": "/canarySettings/percentTraffic", "value": percent}])
        assert stage["canarySettings"]["percentTraffic"] == float(percent)
    # Promotion, exactly as the developer guide's REST example sends it.
    promoted = apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "copy", "path": "/deploymentId", "from": "/canarySettings/deploymentId"},
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"},
        {"op": "copy", "path": "/variables", "from": "/canarySettings/stageVariableOverrides"}])
    assert promoted["deploymentId"] == canary and promoted["variables"] == {"alias": "lmi"}
    assert promoted["canarySettings"]["percentTraffic"] == 0.0
    final = apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "remove", "path": "/canarySettings"}])
    assert "canarySettings" not in final and final["deploymentId"] == canary
    apigateway.delete_deployment(restApiId=api_id, deploymentId=base)  # the old version is no longer in use
    assert [item["id"] for item in apigateway.get_deployments(restApiId=api_id)["items"]] == [canary]


def test_rolling_back_a_canary(api):
    apigateway, api_id, resource = api
    base, canary = _canary_release(apigateway, api_id)
    apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "30"}])
    with pytest.raises(ClientError, match="Active stages pointing to this deployment"):
        apigateway.delete_deployment(restApiId=api_id, deploymentId=canary)
    rolled_back = apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "remove", "path": "/canarySettings"}])
    assert "canarySettings" not in rolled_back
    assert rolled_back["deploymentId"] == base and rolled_back["variables"] == {"alias": "live"}
    apigateway.delete_deployment(restApiId=api_id, deploymentId=canary)


def test_canary_on_an_existing_deployment_through_update_stage(api):
    apigateway, api_id, _ = api
    base = apigateway.create_deployment(restApiId=api_id, stageName="beta", variables={"sv0": "val0"})["id"]
    stage = apigateway.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "10.5"},
        {"op": "replace", "path": "/canarySettings/useStageCache", "value": "false"},
        {"op": "replace", "path": "/canarySettings/stageVariableOverrides/sv1", "value": "val2"},
        {"op": "replace", "path": "/canarySettings/stageVariableOverrides/sv2", "value": "val3"}])
    assert stage["canarySettings"] == {"percentTraffic": 10.5, "deploymentId": base, "useStageCache": False,
                                       "stageVariableOverrides": {"sv1": "val2", "sv2": "val3"}}
    newer = apigateway.create_deployment(restApiId=api_id, stageName="beta", canarySettings={"percentTraffic": 10.5})
    stage = apigateway.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "remove", "path": "/canarySettings/stageVariableOverrides/sv2"},
        {"op": "replace", "path": "/canarySettings/deploymentId", "value": newer["id"]}])
    assert stage["canarySettings"]["stageVariableOverrides"] == {} and stage["canarySettings"]["deploymentId"] == newer["id"]
    assert stage["deploymentId"] == base


@pytest.mark.parametrize("operations, message", [
    ([{"op": "replace", "path": "/canarySettings/percentTraffic", "value": "150"}], "from 0.0 to 100.0"),
    ([{"op": "replace", "path": "/canarySettings/deploymentId", "value": "nope"}], "no such deployment"),
    ([{"op": "replace", "path": "/deploymentId", "value": "nope"}], "no such deployment"),
    ([{"op": "replace", "path": "/canary/percentTraffic", "value": "5"}], "/canarySettings/"),
])
def test_bad_canary_patches_are_rejected(api, operations, message):
    apigateway, api_id, _ = api
    apigateway.create_deployment(restApiId=api_id, stageName="prod")
    with pytest.raises(ClientError, match=message):
        apigateway.update_stage(restApiId=api_id, stageName="prod", patchOperations=operations)


def test_a_canary_deployment_needs_an_existing_stage(api):
    apigateway, api_id, _ = api
    with pytest.raises(ClientError, match="existing stage"):
        apigateway.create_deployment(restApiId=api_id, stageName="new", canarySettings={"percentTraffic": 5.0})
