"""Contract tests of Put/GetFunctionScalingConfig."""

import pytest

from lmi_support import (  # noqa: F401  (fixtures)
    active_version, change_and_publish, error_of, fast_lmi, lam, lam_unvalidated, lmi_function, nat_subnets,
    provider, role_arn, standard_function, unique, vpc, ec2, wait_until,
)

pytestmark = pytest.mark.usefixtures("fast_lmi")


@pytest.fixture
def published(lam, provider, role_arn):
    name = lmi_function(lam, provider["CapacityProviderArn"], role_arn)["FunctionName"]
    active_version(lam, name)
    return name


def _expect(error, code, status, fragment=None):
    assert (error["Code"], error["status"]) == (code, status), error
    if fragment:
        assert fragment in error["Message"], error["Message"]


def _get(lam, name, qualifier="1"):
    return lam.get_function_scaling_config(FunctionName=name, Qualifier=qualifier)


def test_defaults_before_any_put(lam, published):
    response = _get(lam, published)
    assert response["FunctionArn"].endswith(f":{published}:1")
    assert response["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}
    assert response["AppliedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}


def test_put_answers_202_and_applied_catches_up(lam, published, local_settings):
    local_settings(scaling_apply_seconds=1.0)
    response = lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 40})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert response["FunctionState"] == "Active"
    now = _get(lam, published)
    assert now["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 40}
    assert now["AppliedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}
    wait_until(lambda: _get(lam, published)["AppliedFunctionScalingConfig"] == {
        "MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 40}, timeout=5)


def test_unspecified_values_revert_to_defaults(lam, published):
    lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 40})
    lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MaxExecutionEnvironments": 10})
    assert _get(lam, published)["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3,
                                                                      "MaxExecutionEnvironments": 10}
    lam.put_function_scaling_config(FunctionName=published, Qualifier="1")
    assert _get(lam, published)["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}


def test_zero_zero_deactivates_and_nonzero_reactivates(lam, published, local_settings):
    local_settings(scaling_apply_seconds=0.8)
    response = lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 0, "MaxExecutionEnvironments": 0})
    assert response["FunctionState"] == "Deactivating"

    def state():
        return lam.get_function_configuration(FunctionName=published, Qualifier="1")["State"]

    assert state() == "Deactivating"
    wait_until(lambda: state() == "Deactivated", timeout=5)
    _expect(error_of(lam.invoke, FunctionName=published, Qualifier="1"), "ResourceConflictException", 409,
            "currently in the following state: Deactivated")
    listed = lam.list_function_versions_by_capacity_provider(CapacityProviderName=lam.get_function_configuration(
        FunctionName=published)["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"][
        "CapacityProviderArn"])["FunctionVersions"]
    assert {v["State"] for v in listed if f":{published}:" in v["FunctionArn"]} == {"Deactivated"}
    again = lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 3})
    assert again["FunctionState"] == "Pending"
    wait_until(lambda: state() == "Active", timeout=5)
    assert lam.invoke(FunctionName=published, Qualifier="1", Payload=b"{}")["StatusCode"] == 200


@pytest.mark.parametrize("config, fragment", [
    ({"MinExecutionEnvironments": 0, "MaxExecutionEnvironments": 5}, "can be 0 only together with"),
    ({"MinExecutionEnvironments": 0}, "can be 0 only together with"),
    ({"MinExecutionEnvironments": 6, "MaxExecutionEnvironments": 5}, "must be greater than or equal to"),
    ({"MaxExecutionEnvironments": 2}, "reverts to its default 3"),
])
def test_min_and_max_rules(lam, published, config, fragment):
    _expect(error_of(lam.put_function_scaling_config, FunctionName=published, Qualifier="1",
                     FunctionScalingConfig=config), "InvalidParameterValueException", 400, fragment)
    assert _get(lam, published)["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}


@pytest.mark.parametrize("qualifier", ["live", "$LATEST"])
def test_qualifier_must_be_a_version_or_latest_published(lam, published, qualifier):
    lam.create_alias(FunctionName=published, Name=f"a{unique('x')[-6:]}", FunctionVersion="1")
    for call in (lam.put_function_scaling_config, lam.get_function_scaling_config):
        _expect(error_of(call, FunctionName=published, Qualifier=qualifier), "ValidationException", 400,
                f"Value '{qualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular "
                "expression pattern: (\\$LATEST\\.PUBLISHED|[0-9]+)")


def test_values_beyond_15000_are_refused(lam, lam_unvalidated, published):
    _expect(error_of(lam.put_function_scaling_config, FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 15001}), "ValidationException", 400,
        "at 'functionScalingConfig.maxExecutionEnvironments' failed to satisfy constraint: Member must have value "
        "less than or equal to 15000")
    _expect(error_of(lam_unvalidated.put_function_scaling_config, FunctionName=published, Qualifier="1",
                     FunctionScalingConfig={"MinExecutionEnvironments": -1}), "ValidationException", 400,
            "Member must have value greater than or equal to 0")
    _expect(error_of(lam_unvalidated.get_function_scaling_config, FunctionName=published), "ValidationException",
            400, "Value null at 'qualifier' failed to satisfy constraint: Member must not be null")
    maximum = lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 15000, "MaxExecutionEnvironments": 15000})
    assert maximum["FunctionState"] == "Active"


def test_standard_function_has_no_scaling_config(lam, role_arn):
    name = standard_function(lam, role_arn, Publish=True)["FunctionName"]
    for call in (lam.put_function_scaling_config, lam.get_function_scaling_config):
        _expect(error_of(call, FunctionName=name, Qualifier="1"), "InvalidParameterValueException", 400,
                "The function provided by the arn does not contain a capacity provider configuration")


def test_unknown_function_or_version_is_not_found(lam, published):
    _expect(error_of(lam.get_function_scaling_config, FunctionName=unique("none"), Qualifier="1"),
            "ResourceNotFoundException", 404)
    _expect(error_of(lam.put_function_scaling_config, FunctionName=published, Qualifier="42"),
            "ResourceNotFoundException", 404, f"{published}:42")
    _expect(error_of(lam.get_function_scaling_config, FunctionName=published, Qualifier="$LATEST.PUBLISHED"),
            "ResourceNotFoundException", 404)


def test_function_arn_works_as_name(lam, published):
    arn = lam.get_function_configuration(FunctionName=published)["FunctionArn"]
    lam.put_function_scaling_config(FunctionName=arn, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 4})
    assert _get(lam, arn)["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 4}


def test_latest_published_setting_carries_over_republishes(lam, published):
    active_version(lam, published, PublishTo="LATEST_PUBLISHED")
    lam.put_function_scaling_config(FunctionName=published, Qualifier="$LATEST.PUBLISHED", FunctionScalingConfig={
        "MinExecutionEnvironments": 6, "MaxExecutionEnvironments": 12})
    change_and_publish(lam, published, "next", PublishTo="LATEST_PUBLISHED")
    assert _get(lam, published, "$LATEST.PUBLISHED")["RequestedFunctionScalingConfig"] == {
        "MinExecutionEnvironments": 6, "MaxExecutionEnvironments": 12}
    lam.put_function_scaling_config(FunctionName=published, Qualifier="1", FunctionScalingConfig={
        "MinExecutionEnvironments": 7})
    numbered = change_and_publish(lam, published, "numbered")["Version"]
    assert _get(lam, published, numbered)["RequestedFunctionScalingConfig"] == {"MinExecutionEnvironments": 3}
