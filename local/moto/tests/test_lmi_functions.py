"""Contract tests of the function operations that carry Lambda Managed Instances members."""

import time

import pytest
from botocore.exceptions import WaiterError

from lmi_support import (  # noqa: F401  (fixtures)
    active_provider, active_version, change_and_publish, code_zip, error_of, fast_lmi, lam, lam_unvalidated,
    lmi_function, nat_subnets, provider, provider_request, role_arn, standard_function, unique, vpc, ec2, wait_until,
)

pytestmark = pytest.mark.usefixtures("fast_lmi")


def _config(response) -> dict:
    return response["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]


def _expect(error, code, status, fragment=None):
    assert (error["Code"], error["status"]) == (code, status), error
    if fragment:
        assert fragment in error["Message"], error["Message"]


# ---- CreateFunction --------------------------------------------------------------------------------------------

def test_lmi_function_defaults_and_latest_is_not_invocable(lam, provider, role_arn):
    arn = provider["CapacityProviderArn"]
    created = lmi_function(lam, arn, role_arn)
    assert created["MemorySize"] == 2048
    assert _config(created) == {"CapacityProviderArn": arn, "PerExecutionEnvironmentMaxConcurrency": 16,
                                "ExecutionEnvironmentMemoryGiBPerVCpu": 2.0}
    assert created["State"] == "ActiveNonInvocable"
    assert created["LoggingConfig"]["LogFormat"] == "JSON"
    java = lmi_function(lam, arn, role_arn, Runtime="java21", Handler="app.Handler::handleRequest", MemorySize=8192)
    assert _config(java)["PerExecutionEnvironmentMaxConcurrency"] == 32 * 4
    explicit = lmi_function(lam, arn, role_arn, MemorySize=8192, lmi={
        "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0, "PerExecutionEnvironmentMaxConcurrency": 100})
    assert _config(explicit) == {"CapacityProviderArn": arn, "PerExecutionEnvironmentMaxConcurrency": 100,
                                 "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0}


def test_every_read_returns_the_capacity_provider_config(lam, provider, role_arn):
    arn = provider["CapacityProviderArn"]
    name = lmi_function(lam, arn, role_arn)["FunctionName"]
    published = lam.publish_version(FunctionName=name)
    expected = _config(published)
    assert expected["CapacityProviderArn"] == arn
    assert _config(lam.get_function(FunctionName=name)["Configuration"]) == expected
    assert _config(lam.get_function(FunctionName=name, Qualifier="1")["Configuration"]) == expected
    assert _config(lam.get_function_configuration(FunctionName=name)) == expected
    assert _config(lam.get_function_configuration(FunctionName=f"{name}:1")) == expected
    listed = [f for page in lam.get_paginator("list_functions").paginate() for f in page["Functions"]
              if f["FunctionName"] == name]
    assert [_config(f) for f in listed] == [expected]
    versions = lam.list_versions_by_function(FunctionName=name)["Versions"]
    assert [(v["Version"], _config(v)) for v in versions] == [("$LATEST", expected), ("1", expected)]
    assert [v["State"] for v in versions][0] == "ActiveNonInvocable"
    everything = [f for page in lam.get_paginator("list_functions").paginate(FunctionVersion="ALL")
                  for f in page["Functions"] if f["FunctionName"] == name]
    assert {f["Version"] for f in everything} == {"$LATEST", "1"}
    assert all(_config(f) == expected for f in everything)


def test_standard_functions_stay_as_they_were(lam, role_arn):
    created = standard_function(lam, role_arn, MemorySize=256)
    assert "CapacityProviderConfig" not in created
    assert created["MemorySize"] == 256
    assert lam.get_function_configuration(FunctionName=created["FunctionName"])["State"] == "Active"


@pytest.mark.parametrize("extra, lmi, fragment", [
    ({"MemorySize": 1024}, {}, "below the 2048 MB minimum"),
    ({"MemorySize": 3072}, {}, "must be a multiple of ExecutionEnvironmentMemoryGiBPerVCpu (2 GiB = 2048 MB)"),
    ({"MemorySize": 2048}, {"ExecutionEnvironmentMemoryGiBPerVCpu": 4.0}, "use 4096 MB"),
    ({"MemorySize": 6144}, {"ExecutionEnvironmentMemoryGiBPerVCpu": 3.0}, "use 2.0, 4.0 or 8.0"),
    ({"Runtime": "python3.12"}, {}, "Runtime Enum python3.12 does not support specified feature: "
                                    "Lambda Managed Instances"),
    ({"Runtime": "java17", "Handler": "a.B::handle"}, {}, "does not support specified feature"),
    ({"VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": []}}, {}, "VpcConfig isn't supported"),
    ({"Architectures": ["arm64"]}, {}, "do not match capacity provider"),
    ({"LoggingConfig": {"LogFormat": "Text"}}, {}, 'LogFormat is set to "Text"'),
])
def test_create_refuses_what_lmi_cannot_run(lam, provider, role_arn, extra, lmi, fragment):
    error = error_of(lmi_function, lam, provider["CapacityProviderArn"], role_arn, lmi=lmi, **extra)
    _expect(error, "InvalidParameterValueException", 400, fragment)


def test_create_needs_an_existing_active_provider(lam, nat_subnets, role_arn, local_settings):
    missing = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:never-created"
    _expect(error_of(lmi_function, lam, missing, role_arn), "InvalidParameterValueException", 400,
            "does not exist in this account and Region")
    local_settings(capacity_provider_ready_seconds=30)
    pending = lam.create_capacity_provider(**provider_request(unique("cp"), nat_subnets, role_arn))
    _expect(error_of(lmi_function, lam, pending["CapacityProvider"]["CapacityProviderArn"], role_arn),
            "InvalidParameterValueException", 400, "is Pending")


def test_arm64_function_on_arm64_provider(lam, nat_subnets, role_arn):
    arn = active_provider(lam, nat_subnets, role_arn, InstanceRequirements={"Architectures": ["arm64"]})
    created = lmi_function(lam, arn["CapacityProviderArn"], role_arn, Architectures=["arm64"])
    assert created["Architectures"] == ["arm64"]
    _expect(error_of(lmi_function, lam, arn["CapacityProviderArn"], role_arn), "InvalidParameterValueException",
            400, "do not match capacity provider")


@pytest.mark.parametrize("extra, lmi, path, constraint", [
    ({}, {"PerExecutionEnvironmentMaxConcurrency": 1601},
     "capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig.perExecutionEnvironmentMaxConcurrency",
     "Member must have value less than or equal to 1600"),
    ({}, {"ExecutionEnvironmentMemoryGiBPerVCpu": 8.5},
     "capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig.executionEnvironmentMemoryGiBPerVCpu",
     "Member must have value less than or equal to 8"),
    ({"MemorySize": 34816}, {}, "memorySize", "Member must have value less than or equal to 32768"),
    ({"Publish": True, "PublishTo": "EVERYWHERE"}, {}, "publishTo",
     "Member must satisfy enum value set: [LATEST_PUBLISHED]"),
])
def test_create_applies_the_model_constraints(lam, provider, role_arn, extra, lmi, path, constraint):
    error = error_of(lmi_function, lam, provider["CapacityProviderArn"], role_arn, lmi=lmi, **extra)
    _expect(error, "ValidationException", 400, f"at '{path}' failed to satisfy constraint: {constraint}")


def test_server_refuses_what_botocore_stops_client_side(lam_unvalidated, provider, role_arn):
    error = error_of(lmi_function, lam_unvalidated, provider["CapacityProviderArn"], role_arn,
                     lmi={"PerExecutionEnvironmentMaxConcurrency": 0})
    _expect(error, "ValidationException", 400, "Member must have value greater than or equal to 1")
    error = error_of(lmi_function, lam_unvalidated, provider["CapacityProviderArn"], role_arn,
                     lmi={"ExecutionEnvironmentMemoryGiBPerVCpu": 1.0})
    _expect(error, "ValidationException", 400, "Member must have value greater than or equal to 2")


def test_largest_execution_environment_is_16_vcpus(lam, provider, role_arn):
    largest = lmi_function(lam, provider["CapacityProviderArn"], role_arn, MemorySize=32768)
    assert largest["MemorySize"] == 32768
    assert _config(largest)["PerExecutionEnvironmentMaxConcurrency"] == 16 * 16


# ---- UpdateFunctionConfiguration / UpdateFunctionCode ----------------------------------------------------------

def test_capacity_provider_config_cannot_be_added_to_a_standard_function(lam, provider, role_arn):
    name = standard_function(lam, role_arn)["FunctionName"]
    error = error_of(lam.update_function_configuration, FunctionName=name, CapacityProviderConfig={
        "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": provider["CapacityProviderArn"]}})
    _expect(error, "InvalidParameterValueException", 400)
    assert error["Message"] == "CapacityProviderConfig isn't supported for Lambda Default functions."


def test_capacity_provider_config_cannot_be_removed(lam_unvalidated, lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    error = error_of(lam_unvalidated.update_function_configuration, FunctionName=name, CapacityProviderConfig={})
    _expect(error, "ValidationException", 400,
            "Value null at 'capacityProviderConfig.lambdaManagedInstancesCapacityProviderConfig' failed to satisfy "
            "constraint: Member must not be null")
    assert _config(lam.get_function_configuration(FunctionName=name))["CapacityProviderArn"] == \
        provider["CapacityProviderArn"]


def test_lmi_settings_of_an_lmi_function_can_change(lam, provider, role_arn):
    arn = provider["CapacityProviderArn"]
    name = lmi_function(lam, arn, role_arn)["FunctionName"]
    updated = lam.update_function_configuration(FunctionName=name, MemorySize=8192, CapacityProviderConfig={
        "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arn,
                                                         "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0,
                                                         "PerExecutionEnvironmentMaxConcurrency": 40}})
    assert updated["MemorySize"] == 8192
    assert _config(updated) == {"CapacityProviderArn": arn, "PerExecutionEnvironmentMaxConcurrency": 40,
                                "ExecutionEnvironmentMemoryGiBPerVCpu": 4.0}
    assert _config(lam.get_function_configuration(FunctionName=name)) == _config(updated)
    kept = lam.update_function_configuration(FunctionName=name, Timeout=30)
    assert _config(kept) == _config(updated) and kept["Timeout"] == 30


@pytest.mark.parametrize("update, fragment", [
    ({"MemorySize": 1024}, "below the 2048 MB minimum"),
    ({"MemorySize": 5120}, "must be a multiple"),
    ({"VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}}, "VpcConfig isn't supported"),
    ({"Runtime": "nodejs20.x"}, "does not support specified feature"),
])
def test_updates_keep_the_lmi_rules(lam, provider, role_arn, update, fragment):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    _expect(error_of(lam.update_function_configuration, FunctionName=name, **update),
            "InvalidParameterValueException", 400, fragment)
    assert lam.get_function_configuration(FunctionName=name)["MemorySize"] == 2048


def test_function_can_move_to_another_active_provider(lam, provider, nat_subnets, role_arn):
    other = active_provider(lam, nat_subnets, role_arn)["CapacityProviderArn"]
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    moved = lam.update_function_configuration(FunctionName=name, CapacityProviderConfig={
        "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": other}})
    assert _config(moved)["CapacityProviderArn"] == other
    arm = active_provider(lam, nat_subnets, role_arn, InstanceRequirements={"Architectures": ["arm64"]})
    _expect(error_of(lam.update_function_configuration, FunctionName=name, CapacityProviderConfig={
        "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": arm["CapacityProviderArn"]}}),
        "InvalidParameterValueException", 400, "do not match capacity provider")


def test_update_code_with_publish_to_latest_published(lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    published = lam.update_function_code(FunctionName=name, ZipFile=code_zip() + b"", Publish=True,
                                         PublishTo="LATEST_PUBLISHED")
    assert published["Version"] == "$LATEST.PUBLISHED"
    assert published["FunctionArn"].endswith(f":{name}:$LATEST.PUBLISHED")
    _expect(error_of(lam.update_function_code, FunctionName=name, ZipFile=code_zip(), Architectures=["arm64"]),
            "InvalidParameterValueException", 400, "do not match capacity provider")


# ---- PublishVersion --------------------------------------------------------------------------------------------

def test_published_version_is_pending_then_active(lam, provider, role_arn, local_settings):
    local_settings(publish_ready_seconds=1.0)
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    response = lam.publish_version(FunctionName=name)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (response["Version"], response["State"], response["StateReasonCode"]) == ("1", "Pending", "Creating")
    assert lam.get_function_configuration(FunctionName=name, Qualifier="1")["State"] == "Pending"
    lam.get_waiter("published_version_active").wait(FunctionName=name, Qualifier="1",
                                                     WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    assert lam.get_function_configuration(FunctionName=name, Qualifier="1")["State"] == "Active"
    assert lam.get_function_configuration(FunctionName=name)["State"] == "ActiveNonInvocable"


def test_publish_never_active_functions_stay_pending(lam, provider, role_arn, local_settings):
    name = unique("stuck")
    local_settings(publish_never_active_functions=[name])
    lmi_function(lam, provider["CapacityProviderArn"], role_arn, name=name)
    lam.publish_version(FunctionName=name)
    with pytest.raises(WaiterError):
        lam.get_waiter("published_version_active").wait(FunctionName=name, Qualifier="1",
                                                         WaiterConfig={"Delay": 0.1, "MaxAttempts": 5})
    assert lam.get_function_configuration(FunctionName=name, Qualifier="1")["State"] == "Pending"


def test_publish_without_changes_returns_the_last_version(lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    assert lam.publish_version(FunctionName=name)["Version"] == "1"
    assert lam.publish_version(FunctionName=name)["Version"] == "1"
    assert change_and_publish(lam, name, "a")["Version"] == "2"


def test_version_numbers_are_never_reused(lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn, Publish=True)["FunctionName"]
    assert change_and_publish(lam, name, "a")["Version"] == "2"
    lam.delete_function(FunctionName=name, Qualifier="2")
    assert change_and_publish(lam, name, "b")["Version"] == "3"
    std = standard_function(lam, role_arn, Publish=True)["FunctionName"]
    assert change_and_publish(lam, std, "a")["Version"] == "2"
    lam.delete_function(FunctionName=std, Qualifier="2")
    assert change_and_publish(lam, std, "b")["Version"] == "3"


def test_create_with_publish_answers_with_the_new_version(lam, provider, role_arn, local_settings):
    local_settings(publish_ready_seconds=30)
    created = lmi_function(lam, provider["CapacityProviderArn"], role_arn, Publish=True)
    assert (created["Version"], created["State"]) == ("1", "Pending")
    assert not created["FunctionArn"].endswith(":1")
    versions = lam.list_versions_by_function(FunctionName=created["FunctionName"])["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1"]


def test_publish_to_latest_published_creates_then_replaces_one_version(lam, provider, role_arn, local_settings):
    local_settings(publish_ready_seconds=0.5)
    created = lmi_function(lam, provider["CapacityProviderArn"], role_arn, Publish=True, PublishTo="LATEST_PUBLISHED")
    name = created["FunctionName"]
    assert (created["Version"], created["State"]) == ("$LATEST.PUBLISHED", "Pending")
    qualified = f"{name}:$LATEST.PUBLISHED"
    wait_until(lambda: lam.get_function_configuration(FunctionName=qualified)["State"] == "Active")
    assert lam.publish_version(FunctionName=name, PublishTo="LATEST_PUBLISHED")["Version"] == "$LATEST.PUBLISHED"
    republished = change_and_publish(lam, name, "new code", PublishTo="LATEST_PUBLISHED")
    assert republished["FunctionArn"].endswith(":$LATEST.PUBLISHED")
    assert (republished["State"], republished["LastUpdateStatus"]) == ("Active", "InProgress")
    assert lam.get_function_configuration(FunctionName=qualified)["Environment"]["Variables"] == {
        "REVISION": "new code"}
    wait_until(lambda: lam.get_function_configuration(FunctionName=qualified)["LastUpdateStatus"] == "Successful")
    lam.get_waiter("function_updated_v2").wait(FunctionName=qualified, WaiterConfig={"Delay": 0.1, "MaxAttempts": 5})
    versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]]
    assert versions == ["$LATEST", "$LATEST.PUBLISHED"]


def test_publish_to_is_only_for_lmi_functions(lam, role_arn):
    error = error_of(standard_function, lam, role_arn, Publish=True, PublishTo="LATEST_PUBLISHED")
    _expect(error, "InvalidParameterValueException", 400, "supported only for Lambda Managed Instances")
    name = standard_function(lam, role_arn)["FunctionName"]
    _expect(error_of(lam.publish_version, FunctionName=name, PublishTo="LATEST_PUBLISHED"),
            "InvalidParameterValueException", 400, "supported only for Lambda Managed Instances")


def test_a_capacity_provider_holds_at_most_100_versions(lam, provider, role_arn, client):
    arn = provider["CapacityProviderArn"]
    name = lmi_function(lam, arn, role_arn)["FunctionName"]
    for revision in range(100):
        assert change_and_publish(lam, name, revision)["Version"] == str(revision + 1)
    error = error_of(change_and_publish, lam, name, "one too many")
    _expect(error, "FunctionVersionsPerCapacityProviderLimitExceededException", 400, "limit (100)")
    with pytest.raises(lam.exceptions.FunctionVersionsPerCapacityProviderLimitExceededException):
        lam.publish_version(FunctionName=name, PublishTo="LATEST_PUBLISHED")
    other = unique("fn")
    _expect(error_of(lmi_function, lam, arn, role_arn, name=other, Publish=True),
            "FunctionVersionsPerCapacityProviderLimitExceededException", 400)
    assert error_of(lam.get_function, FunctionName=other)["status"] == 404
    assert lmi_function(lam, arn, role_arn, name=other)["State"] == "ActiveNonInvocable"
    listed = [v for page in lam.get_paginator("list_function_versions_by_capacity_provider").paginate(
        CapacityProviderName=arn) for v in page["FunctionVersions"]]
    assert len(listed) == 100
    deleted = lam.delete_function(FunctionName=name, Qualifier="7")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert lam.publish_version(FunctionName=other)["Version"] == "1"
    _expect(error_of(change_and_publish, lam, name, "still full"),
            "FunctionVersionsPerCapacityProviderLimitExceededException", 400)


# ---- Invoke ----------------------------------------------------------------------------------------------------

def test_invoking_latest_of_an_lmi_function_is_refused(lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    for qualifier in ({}, {"Qualifier": "$LATEST"}):
        _expect(error_of(lam.invoke, FunctionName=name, Payload=b"{}", **qualifier), "NoPublishedVersionException",
                400, "no published version exists")
    with pytest.raises(lam.exceptions.NoPublishedVersionException):
        lam.invoke(FunctionName=name)
    active_version(lam, name)
    _expect(error_of(lam.invoke, FunctionName=name), "NoPublishedVersionException", 400)
    assert lam.invoke(FunctionName=name, Qualifier="1", Payload=b'{"n": 1}')["StatusCode"] == 200
    active_version(lam, name, PublishTo="LATEST_PUBLISHED")
    _expect(error_of(lam.invoke, FunctionName=name, Qualifier="$LATEST"), "InvalidParameterValueException", 400,
            "can't be invoked with $LATEST qualifier")


def test_unqualified_invoke_goes_to_latest_published(lam, provider, role_arn, local_settings):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    active_version(lam, name)
    local_settings(publish_ready_seconds=30)
    lam.publish_version(FunctionName=name, PublishTo="LATEST_PUBLISHED")
    # Version 1 is Active, $LATEST.PUBLISHED still Pending: the unqualified call is refused, so it targets the latter.
    _expect(error_of(lam.invoke, FunctionName=name), "ResourceConflictException", 409,
            "The function is currently in the following state: Pending")
    _expect(error_of(lam.invoke, FunctionName=f"{name}:$LATEST.PUBLISHED"), "ResourceConflictException", 409)
    local_settings(publish_ready_seconds=0.05)
    other = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    active_version(lam, other, PublishTo="LATEST_PUBLISHED")
    assert lam.invoke(FunctionName=other, Payload=b"{}")["StatusCode"] == 200
    assert lam.invoke(FunctionName=f"{other}:$LATEST.PUBLISHED", Payload=b"{}")["StatusCode"] == 200


def test_invoke_through_an_alias_and_of_a_pending_version(lam, provider, role_arn, local_settings):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    active_version(lam, name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    assert lam.invoke(FunctionName=name, Qualifier="live", Payload=b"{}")["StatusCode"] == 200
    local_settings(publish_ready_seconds=30)
    change_and_publish(lam, name, "v2")
    _expect(error_of(lam.invoke, FunctionName=name, Qualifier="2"), "ResourceConflictException", 409,
            "The operation cannot be performed at this time. The function is currently in the following state: Pending")
    lam.update_alias(FunctionName=name, Name="live", FunctionVersion="2")
    _expect(error_of(lam.invoke, FunctionName=name, Qualifier="live"), "ResourceConflictException", 409)
    _expect(error_of(lam.invoke, FunctionName=name, Qualifier="9"), "ResourceNotFoundException", 404)


def test_standard_function_invokes_are_untouched(lam, role_arn):
    name = standard_function(lam, role_arn)["FunctionName"]
    assert lam.invoke(FunctionName=name, Payload=b"{}")["StatusCode"] == 200


# ---- DeleteFunction --------------------------------------------------------------------------------------------

def test_deleting_an_lmi_version_answers_202_and_frees_its_slot(lam, provider, role_arn):
    arn = provider["CapacityProviderArn"]
    name = lmi_function(lam, arn, role_arn, Publish=True)["FunctionName"]
    change_and_publish(lam, name, "two")

    def attached():
        return [v["FunctionArn"] for v in lam.list_function_versions_by_capacity_provider(
            CapacityProviderName=arn)["FunctionVersions"] if f":{name}:" in v["FunctionArn"]]

    assert len(attached()) == 2
    assert lam.delete_function(FunctionName=name, Qualifier="1")["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert [a.rsplit(":", 1)[1] for a in attached()] == ["2"]
    assert lam.delete_function(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert attached() == []
    std = standard_function(lam, role_arn)["FunctionName"]
    assert lam.delete_function(FunctionName=std)["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_timing_of_pending_is_bounded_by_the_setting(lam, provider, role_arn, local_settings):
    local_settings(publish_ready_seconds=0.6)
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    started = time.monotonic()
    lam.publish_version(FunctionName=name)
    wait_until(lambda: lam.get_function_configuration(FunctionName=name, Qualifier="1")["State"] == "Active")
    assert 0.5 <= time.monotonic() - started < 3
