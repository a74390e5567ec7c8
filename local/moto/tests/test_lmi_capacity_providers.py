"""Contract tests of the capacity-provider operations, through boto3 (which parses answers by botocore's model)."""

import threading
import time

import pytest

from lmi_support import (  # noqa: F401  (fixtures)
    REGION, active_provider, error_of, fast_lmi, lam, lam_once, lam_unvalidated, lmi_function, nat_subnets, provider,
    provider_request, raw_request, role_arn, settled_state, standard_function, state_of, unique, vpc, ec2, wait_until,
)

pytestmark = pytest.mark.usefixtures("fast_lmi")


def test_create_answers_202_pending_with_defaults_then_turns_active(lam, nat_subnets, role_arn, local_settings):
    local_settings(capacity_provider_ready_seconds=1.0)
    name = unique("cp")
    response = lam.create_capacity_provider(**provider_request(name, nat_subnets, role_arn))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    created = response["CapacityProvider"]
    assert created["State"] == "Pending"
    assert created["CapacityProviderArn"] == f"arn:aws:lambda:{REGION}:123456789012:capacity-provider:{name}"
    assert created["VpcConfig"] == {"SubnetIds": nat_subnets, "SecurityGroupIds": []}
    assert created["PermissionsConfig"] == {"CapacityProviderOperatorRoleArn": role_arn}
    assert created["InstanceRequirements"] == {"Architectures": ["x86_64"]}
    assert created["CapacityProviderScalingConfig"] == {"MaxVCpuCount": 400, "ScalingMode": "Auto"}
    assert state_of(lam, name) == "Pending"
    assert name in [p["CapacityProviderArn"].rsplit(":", 1)[1]
                    for p in lam.list_capacity_providers(State="Pending")["CapacityProviders"]]
    assert wait_until(lambda: state_of(lam, name) == "Active", timeout=5)


def test_create_accepts_an_arn_as_name_of_this_account_and_region(lam, nat_subnets, role_arn):
    name = unique("cp")
    arn = f"arn:aws:lambda:{REGION}:123456789012:capacity-provider:{name}"
    created = lam.create_capacity_provider(**provider_request(arn, nat_subnets, role_arn))["CapacityProvider"]
    assert created["CapacityProviderArn"] == arn
    elsewhere = f"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:{unique('cp')}"
    error = error_of(lam.create_capacity_provider, **provider_request(elsewhere, nat_subnets, role_arn))
    assert (error["Code"], error["status"]) == ("InvalidParameterValueException", 400)


def test_get_by_name_and_by_arn_return_the_same_provider(lam, provider):
    name = provider["CapacityProviderArn"].rsplit(":", 1)[1]
    by_name = lam.get_capacity_provider(CapacityProviderName=name)["CapacityProvider"]
    by_arn = lam.get_capacity_provider(CapacityProviderName=provider["CapacityProviderArn"])["CapacityProvider"]
    assert by_name == by_arn
    assert by_name["State"] == "Active"


def test_create_keeps_every_member_given(lam, vpc, nat_subnets, role_arn):
    scaling = {"MaxVCpuCount": 64, "ScalingMode": "Manual", "ScalingPolicies": [
        {"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization", "TargetValue": 55.5}]}
    requirements = {"Architectures": ["arm64"], "AllowedInstanceTypes": ["m7g.xlarge", "c7g.2xlarge"]}
    created = lam.create_capacity_provider(
        **provider_request(unique("cp"), nat_subnets, role_arn), InstanceRequirements=requirements,
        CapacityProviderScalingConfig=scaling, KmsKeyArn="arn:aws:kms:us-east-1:123456789012:key/abc",
        Tags={"team": "lmi"})["CapacityProvider"]
    assert created["InstanceRequirements"] == requirements
    assert created["CapacityProviderScalingConfig"] == scaling
    assert created["KmsKeyArn"] == "arn:aws:kms:us-east-1:123456789012:key/abc"
    with_group = lam.create_capacity_provider(
        CapacityProviderName=unique("cp"), PermissionsConfig={"CapacityProviderOperatorRoleArn": role_arn},
        VpcConfig={"SubnetIds": nat_subnets, "SecurityGroupIds": [vpc.security_group]})["CapacityProvider"]
    assert with_group["VpcConfig"]["SecurityGroupIds"] == [vpc.security_group]


# ---- the model's constraints: ValidationException, 400 --------------------------------------------------------

def _model_error(call, path, constraint, **request):
    error = error_of(call, **request)
    assert (error["Code"], error["status"]) == ("ValidationException", 400)
    assert f"at '{path}' failed to satisfy constraint: {constraint}" in error["Message"]
    return error


@pytest.mark.parametrize("field, value, path, constraint", [
    ("name", "has space", "capacityProviderName", "Member must satisfy regular expression pattern"),
    ("name", "n" * 141, "capacityProviderName", "Member must have length less than or equal to 140"),
    ("subnets", [f"subnet-{i}" for i in range(17)], "vpcConfig.subnetIds",
     "Member must have length less than or equal to 16"),
    ("groups", [f"sg-{i}" for i in range(6)], "vpcConfig.securityGroupIds",
     "Member must have length less than or equal to 5"),
    ("architectures", ["x86_64", "arm64"], "instanceRequirements.architectures",
     "Member must have length less than or equal to 1"),
    ("architectures", ["sparc"], "instanceRequirements.architectures",
     "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]"),
    ("allowed", ["m7g xlarge"], "instanceRequirements.allowedInstanceTypes", "Member must satisfy constraint"),
    ("allowed", ["m" * 31], "instanceRequirements.allowedInstanceTypes", "Member must satisfy constraint"),
    ("excluded", ["c7i.*"], "instanceRequirements.excludedInstanceTypes",
     "Member must satisfy constraint: [Member must have length less than or equal to 30, Member must have length "
     "greater than or equal to 1, Member must satisfy regular expression pattern: [a-zA-Z0-9\\.\\-]+"),
    ("max_vcpu", 15001, "capacityProviderScalingConfig.maxVCpuCount",
     "Member must have value less than or equal to 15000"),
    ("mode", "Sometimes", "capacityProviderScalingConfig.scalingMode",
     "Member must satisfy enum value set: [Auto, Manual]"),
    ("policies", 11, "capacityProviderScalingConfig.scalingPolicies",
     "Member must have length less than or equal to 10"),
    ("target", 100.5, "capacityProviderScalingConfig.scalingPolicies.1.member.targetValue",
     "Member must have value less than or equal to 100"),
    ("metric", "LambdaCapacityProviderAverageMemoryUtilization",
     "capacityProviderScalingConfig.scalingPolicies.1.member.predefinedMetricType",
     "Member must satisfy enum value set: [LambdaCapacityProviderAverageCPUUtilization]"),
    ("role", "arn:aws:iam::123456789012:user/not-a-role", "permissionsConfig.capacityProviderOperatorRoleArn",
     "Member must satisfy regular expression pattern"),
    ("kms", "not-an-arn", "kmsKeyArn", "Member must satisfy regular expression pattern"),
])
def test_create_rejects_values_outside_the_model(lam, nat_subnets, role_arn, field, value, path, constraint):
    request = provider_request(unique("cp"), nat_subnets, role_arn)
    policy = {"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization", "TargetValue": 50.0}
    if field == "name":
        request["CapacityProviderName"] = value
    elif field == "subnets":
        request["VpcConfig"]["SubnetIds"] = value
    elif field == "groups":
        request["VpcConfig"]["SecurityGroupIds"] = value
    elif field == "architectures":
        request["InstanceRequirements"] = {"Architectures": value}
    elif field == "allowed":
        request["InstanceRequirements"] = {"AllowedInstanceTypes": value}
    elif field == "excluded":
        request["InstanceRequirements"] = {"ExcludedInstanceTypes": value}
    elif field == "max_vcpu":
        request["CapacityProviderScalingConfig"] = {"MaxVCpuCount": value}
    elif field == "mode":
        request["CapacityProviderScalingConfig"] = {"ScalingMode": value}
    elif field == "policies":
        request["CapacityProviderScalingConfig"] = {"ScalingMode": "Manual", "ScalingPolicies": [policy] * value}
    elif field == "target":
        request["CapacityProviderScalingConfig"] = {"ScalingMode": "Manual",
                                                    "ScalingPolicies": [dict(policy, TargetValue=value)]}
    elif field == "metric":
        request["CapacityProviderScalingConfig"] = {"ScalingMode": "Manual",
                                                    "ScalingPolicies": [dict(policy, PredefinedMetricType=value)]}
    elif field == "role":
        request["PermissionsConfig"]["CapacityProviderOperatorRoleArn"] = value
    elif field == "kms":
        request["KmsKeyArn"] = value
    _model_error(lam.create_capacity_provider, path, constraint, **request)


@pytest.mark.parametrize("change, path, constraint", [
    (lambda r: r["VpcConfig"].update(SubnetIds=[]), "vpcConfig.subnetIds",
     "Member must have length greater than or equal to 1"),
    (lambda r: r.update(InstanceRequirements={"Architectures": []}), "instanceRequirements.architectures",
     "Member must have length greater than or equal to 1"),
    (lambda r: r.update(CapacityProviderScalingConfig={"MaxVCpuCount": 1}),
     "capacityProviderScalingConfig.maxVCpuCount", "Member must have value greater than or equal to 2"),
    (lambda r: r.update(CapacityProviderScalingConfig={"ScalingMode": "Manual", "ScalingPolicies": []}),
     "capacityProviderScalingConfig.scalingPolicies", "Member must have length greater than or equal to 1"),
    (lambda r: r.update(CapacityProviderScalingConfig={"ScalingMode": "Manual", "ScalingPolicies": [
        {"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization", "TargetValue": -1.0}]}),
     "capacityProviderScalingConfig.scalingPolicies.1.member.targetValue",
     "Member must have value greater than or equal to 0"),
    (lambda r: r.update(CapacityProviderName=""), "capacityProviderName",
     "Member must have length greater than or equal to 1"),
    (lambda r: r.pop("VpcConfig"), "vpcConfig", "Member must not be null"),
    (lambda r: r["PermissionsConfig"].pop("CapacityProviderOperatorRoleArn"),
     "permissionsConfig.capacityProviderOperatorRoleArn", "Member must not be null"),
])
def test_server_checks_what_botocore_checks_client_side(lam_unvalidated, nat_subnets, role_arn, change, path,
                                                        constraint):
    # The Java SDK validates nothing client-side, so the server must refuse these too.
    request = provider_request(unique("cp"), nat_subnets, role_arn)
    change(request)
    _model_error(lam_unvalidated.create_capacity_provider, path, constraint, **request)


def test_all_violations_are_reported_together(lam, nat_subnets, role_arn):
    request = provider_request("bad name", nat_subnets, role_arn, CapacityProviderScalingConfig={"MaxVCpuCount": 99999})
    error = error_of(lam.create_capacity_provider, **request)
    assert error["Message"].startswith("2 validation errors detected: ")


# ---- rules beyond the model: InvalidParameterValueException, 400 -----------------------------------------------

def _invalid(call, fragment, **request):
    error = error_of(call, **request)
    assert (error["Code"], error["status"]) == ("InvalidParameterValueException", 400)
    assert fragment in error["Message"]
    assert error["response"]["Type"] == "User"
    return error


def test_allowed_and_excluded_instance_types_are_exclusive(lam, nat_subnets, role_arn):
    _invalid(lam.create_capacity_provider, "AllowedInstanceTypes or ExcludedInstanceTypes, not both",
             **provider_request(unique("cp"), nat_subnets, role_arn, InstanceRequirements={
                 "AllowedInstanceTypes": ["m7i.large"], "ExcludedInstanceTypes": ["c7i.large"]}))


def test_scaling_policies_only_with_manual_mode(lam, nat_subnets, role_arn):
    policy = [{"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization", "TargetValue": 40.0}]
    _invalid(lam.create_capacity_provider, "only with ScalingMode Manual",
             **provider_request(unique("cp"), nat_subnets, role_arn,
                                CapacityProviderScalingConfig={"ScalingMode": "Auto", "ScalingPolicies": policy}))
    _invalid(lam.create_capacity_provider, "only with ScalingMode Manual",
             **provider_request(unique("cp"), nat_subnets, role_arn,
                                CapacityProviderScalingConfig={"ScalingPolicies": policy}))
    _invalid(lam.create_capacity_provider, "Manual needs ScalingPolicies",
             **provider_request(unique("cp"), nat_subnets, role_arn,
                                CapacityProviderScalingConfig={"ScalingMode": "Manual"}))


def test_operator_role_must_exist(lam, nat_subnets):
    missing = "arn:aws:iam::123456789012:role/no-such-operator-role"
    _invalid(lam.create_capacity_provider, "cannot be assumed by Lambda",
             **provider_request(unique("cp"), nat_subnets, missing))
    _invalid(lam.create_capacity_provider, "cannot be assumed by Lambda",
             **provider_request(unique("cp"), nat_subnets, "arn:aws:iam::210987654321:role/elsewhere"))


def test_subnets_and_security_groups_must_exist_in_one_vpc(lam, ec2, vpc, nat_subnets, role_arn):
    _invalid(lam.create_capacity_provider, "The subnet ID 'subnet-0000000000000dead' does not exist",
             **provider_request(unique("cp"), [nat_subnets[0], "subnet-0000000000000dead"], role_arn))
    other_vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    other_subnet = ec2.create_subnet(VpcId=other_vpc, CidrBlock="10.99.1.0/24")["Subnet"]["SubnetId"]
    _invalid(lam.create_capacity_provider, "must all belong to one VPC",
             **provider_request(unique("cp"), [nat_subnets[0], other_subnet], role_arn))
    request = provider_request(unique("cp"), nat_subnets, role_arn)
    request["VpcConfig"]["SecurityGroupIds"] = ["sg-0000000000000dead"]
    _invalid(lam.create_capacity_provider, "The security group 'sg-0000000000000dead' does not exist", **request)
    foreign_group = ec2.create_security_group(GroupName=unique("sg"), Description="x", VpcId=other_vpc)["GroupId"]
    request["VpcConfig"]["SecurityGroupIds"] = [foreign_group]
    _invalid(lam.create_capacity_provider, "not to the subnets' VPC", **request)


def test_names_are_unique(lam, provider, nat_subnets, role_arn):
    name = provider["CapacityProviderArn"].rsplit(":", 1)[1]
    error = error_of(lam.create_capacity_provider, **provider_request(name, nat_subnets, role_arn))
    assert (error["Code"], error["status"]) == ("ResourceConflictException", 409)
    assert provider["CapacityProviderArn"] in error["Message"]


def test_concurrent_creates_of_one_name_let_exactly_one_win(lam, nat_subnets, role_arn):
    name = unique("cp")
    outcomes = []

    def create():
        try:
            lam.create_capacity_provider(**provider_request(name, nat_subnets, role_arn))
            outcomes.append("created")
        except lam.exceptions.ResourceConflictException:
            outcomes.append("conflict")

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["created"]


def test_unknown_provider_is_not_found(lam):
    for identifier in ("no-such-provider", "arn:aws:lambda:eu-west-1:123456789012:capacity-provider:elsewhere"):
        error = error_of(lam.get_capacity_provider, CapacityProviderName=identifier)
        assert (error["Code"], error["status"]) == ("ResourceNotFoundException", 404)
        # The error shape models "Message" (capital M); botocore copies modelled members onto the error.
        assert "Capacity provider not found" in error["response"]["Message"]
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_capacity_provider(CapacityProviderName="no-such-provider")


# ---- ListCapacityProviders ------------------------------------------------------------------------------------

def test_list_pages_with_marker_and_max_items(lam, nat_subnets, role_arn):
    ours = [lam.create_capacity_provider(**provider_request(unique("page"), nat_subnets, role_arn))
            ["CapacityProvider"]["CapacityProviderArn"] for _ in range(5)]
    everything = []
    marker = None
    pages = 0
    while True:
        kwargs = {"MaxItems": 2} if marker is None else {"MaxItems": 2, "Marker": marker}
        page = lam.list_capacity_providers(**kwargs)
        assert len(page["CapacityProviders"]) <= 2
        everything += [p["CapacityProviderArn"] for p in page["CapacityProviders"]]
        pages += 1
        marker = page.get("NextMarker")
        if marker is None:
            break
    assert pages >= 3
    assert len(everything) == len(set(everything))
    paginated = [p["CapacityProviderArn"] for page in lam.get_paginator("list_capacity_providers").paginate(
        PaginationConfig={"PageSize": 3}) for p in page["CapacityProviders"]]
    assert paginated == everything
    assert set(ours) <= set(everything)
    assert everything == sorted(everything)


def test_list_filters_by_state(lam, vpc, nat_subnets, role_arn):
    active = active_provider(lam, nat_subnets, role_arn)["CapacityProviderArn"]
    failed_name = unique("cp")
    failed = lam.create_capacity_provider(**provider_request(failed_name, [vpc.isolated_subnet()], role_arn))
    assert settled_state(lam, failed_name) == "Failed"
    failed = failed["CapacityProvider"]["CapacityProviderArn"]

    def arns(state):
        return {p["CapacityProviderArn"] for page in lam.get_paginator("list_capacity_providers").paginate(State=state)
                for p in page["CapacityProviders"]}

    assert active in arns("Active") and active not in arns("Failed")
    assert failed in arns("Failed") and failed not in arns("Active")
    assert all(p["State"] == "Failed" for p in lam.list_capacity_providers(State="Failed")["CapacityProviders"])


def test_list_rejects_bad_paging_parameters(lam, lam_unvalidated):
    _model_error(lam.list_capacity_providers, "maxItems", "Member must have value less than or equal to 50",
                 MaxItems=51)
    _model_error(lam_unvalidated.list_capacity_providers, "maxItems",
                 "Member must have value greater than or equal to 1", MaxItems=0)
    _model_error(lam.list_capacity_providers, "state", "Member must satisfy enum value set: "
                 "[Pending, Active, Failed, Deleting]", State="Ready")
    _invalid(lam.list_capacity_providers, "Invalid Marker", Marker="not-a-marker")


# ---- UpdateCapacityProvider -----------------------------------------------------------------------------------

def test_update_changes_scaling_config_and_answers_202(lam, provider):
    arn = provider["CapacityProviderArn"]
    response = lam.update_capacity_provider(CapacityProviderName=arn,
                                            CapacityProviderScalingConfig={"MaxVCpuCount": 100})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert response["CapacityProvider"]["CapacityProviderScalingConfig"] == {"MaxVCpuCount": 100, "ScalingMode": "Auto"}
    policies = [{"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization", "TargetValue": 60.0}]
    manual = lam.update_capacity_provider(CapacityProviderName=arn, CapacityProviderScalingConfig={
        "ScalingMode": "Manual", "ScalingPolicies": policies})["CapacityProvider"]["CapacityProviderScalingConfig"]
    assert manual == {"MaxVCpuCount": 100, "ScalingMode": "Manual", "ScalingPolicies": policies}
    kept = lam.update_capacity_provider(CapacityProviderName=arn, CapacityProviderScalingConfig={"MaxVCpuCount": 8})
    assert kept["CapacityProvider"]["CapacityProviderScalingConfig"]["ScalingPolicies"] == policies
    auto = lam.update_capacity_provider(CapacityProviderName=arn, CapacityProviderScalingConfig={"ScalingMode": "Auto"})
    assert auto["CapacityProvider"]["CapacityProviderScalingConfig"] == {"MaxVCpuCount": 8, "ScalingMode": "Auto"}
    assert lam.get_capacity_provider(CapacityProviderName=arn)["CapacityProvider"]["CapacityProviderScalingConfig"] \
        == {"MaxVCpuCount": 8, "ScalingMode": "Auto"}


def test_update_validates_like_create(lam, provider):
    arn = provider["CapacityProviderArn"]
    _model_error(lam.update_capacity_provider, "capacityProviderScalingConfig.maxVCpuCount",
                 "Member must have value less than or equal to 15000", CapacityProviderName=arn,
                 CapacityProviderScalingConfig={"MaxVCpuCount": 15001})
    _invalid(lam.update_capacity_provider, "Manual needs ScalingPolicies", CapacityProviderName=arn,
             CapacityProviderScalingConfig={"ScalingMode": "Manual"})


def test_update_refuses_every_other_member(endpoint, provider):
    name = provider["CapacityProviderArn"].rsplit(":", 1)[1]
    for member, value in [("VpcConfig", {"SubnetIds": ["subnet-1"], "SecurityGroupIds": []}),
                          ("InstanceRequirements", {"Architectures": ["arm64"]}),
                          ("PermissionsConfig", {"CapacityProviderOperatorRoleArn": "arn:aws:iam::1:role/x"}),
                          ("KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k")]:
        status, headers, body = raw_request(endpoint, "PUT", f"/2025-11-30/capacity-providers/{name}",
                                            {member: value, "CapacityProviderScalingConfig": {"MaxVCpuCount": 10}})
        assert status == 400
        assert headers["X-Amzn-ErrorType"] == "InvalidParameterValueException"
        assert body["Type"] == "User"
        assert f"{member} cannot be changed after a capacity provider is created" in body["message"]
    status, headers, body = raw_request(endpoint, "PUT", f"/2025-11-30/capacity-providers/{name}",
                                        {"TelemetryConfig": {}})
    assert status == 400 and "has no member TelemetryConfig" in body["message"]
    status, headers, body = raw_request(endpoint, "PUT", f"/2025-11-30/capacity-providers/{name}", {"Tags": {"a": "b"}})
    assert status == 400 and "use TagResource and UntagResource" in body["message"]


def test_update_needs_an_active_provider(lam, nat_subnets, role_arn, local_settings):
    local_settings(capacity_provider_ready_seconds=30)
    name = unique("cp")
    lam.create_capacity_provider(**provider_request(name, nat_subnets, role_arn))
    error = error_of(lam.update_capacity_provider, CapacityProviderName=name,
                     CapacityProviderScalingConfig={"MaxVCpuCount": 10})
    assert (error["Code"], error["status"]) == ("ResourceConflictException", 409)
    missing = error_of(lam.update_capacity_provider, CapacityProviderName=unique("none"),
                       CapacityProviderScalingConfig={"MaxVCpuCount": 10})
    assert (missing["Code"], missing["status"]) == ("ResourceNotFoundException", 404)


# ---- DeleteCapacityProvider -----------------------------------------------------------------------------------

def test_delete_answers_202_deleting_then_the_provider_is_gone(lam, provider, local_settings):
    local_settings(capacity_provider_delete_seconds=1.0)
    arn = provider["CapacityProviderArn"]
    response = lam.delete_capacity_provider(CapacityProviderName=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert response["CapacityProvider"]["State"] == "Deleting"
    assert lam.get_capacity_provider(CapacityProviderName=arn)["CapacityProvider"]["State"] == "Deleting"
    assert arn in [p["CapacityProviderArn"] for p in lam.list_capacity_providers(State="Deleting")["CapacityProviders"]]
    again = lam.delete_capacity_provider(CapacityProviderName=arn)
    assert again["CapacityProvider"]["State"] == "Deleting"
    time.sleep(1.1)
    assert error_of(lam.get_capacity_provider, CapacityProviderName=arn)["status"] == 404
    assert error_of(lam.delete_capacity_provider, CapacityProviderName=arn)["Code"] == "ResourceNotFoundException"


def test_delete_is_refused_while_function_versions_are_attached(lam, provider, role_arn):
    arn = provider["CapacityProviderArn"]
    function = lmi_function(lam, arn, role_arn, Publish=True)
    error = error_of(lam.delete_capacity_provider, CapacityProviderName=arn)
    assert (error["Code"], error["status"]) == ("ResourceConflictException", 409)
    assert f"{function['FunctionName']}:1" in error["Message"]
    assert lam.delete_function(FunctionName=function["FunctionName"])["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert lam.delete_capacity_provider(CapacityProviderName=arn)["CapacityProvider"]["State"] == "Deleting"


# ---- ListFunctionVersionsByCapacityProvider -------------------------------------------------------------------

def test_function_versions_by_provider_page_and_report_state(lam, provider, role_arn, local_settings):
    arn = provider["CapacityProviderArn"]
    first = lmi_function(lam, arn, role_arn, Publish=True)["FunctionName"]
    second = lmi_function(lam, arn, role_arn, Publish=True, PublishTo="LATEST_PUBLISHED")["FunctionName"]
    for revision in range(3):
        lam.update_function_configuration(FunctionName=first, Environment={"Variables": {"R": str(revision)}})
        lam.publish_version(FunctionName=first)
    lam.get_waiter("published_version_active").wait(FunctionName=first, Qualifier="4",
                                                     WaiterConfig={"Delay": 0.05, "MaxAttempts": 100})
    local_settings(publish_ready_seconds=30)
    lam.update_function_configuration(FunctionName=first, Environment={"Variables": {"R": "pending"}})
    lam.publish_version(FunctionName=first)
    listed = []
    for page in lam.get_paginator("list_function_versions_by_capacity_provider").paginate(
            CapacityProviderName=arn, PaginationConfig={"PageSize": 2}):
        assert page["CapacityProviderArn"] == arn
        assert len(page["FunctionVersions"]) <= 2
        listed += page["FunctionVersions"]
    prefix = arn.split(":capacity-provider:")[0] + ":function:"
    expected = {first: [f"{prefix}{first}:{n}" for n in (1, 2, 3, 4, 5)],
                second: [f"{prefix}{second}:$LATEST.PUBLISHED"]}
    assert [item["FunctionArn"] for item in listed] == [arn for fn in sorted(expected) for arn in expected[fn]]
    states = {item["FunctionArn"].rsplit(":", 1)[1]: item["State"] for item in listed if first in item["FunctionArn"]}
    assert states == {"1": "Active", "2": "Active", "3": "Active", "4": "Active", "5": "Pending"}
    missing = error_of(lam.list_function_versions_by_capacity_provider, CapacityProviderName=unique("none"))
    assert (missing["Code"], missing["status"]) == ("ResourceNotFoundException", 404)


# ---- throttling -----------------------------------------------------------------------------------------------

def test_writes_beyond_the_rate_are_throttled_with_retry_after(lam_once, nat_subnets, role_arn, local_settings):
    local_settings(capacity_provider_writes_per_second=1)
    name = unique("cp")
    lam_once.create_capacity_provider(**provider_request(name, nat_subnets, role_arn))
    error = error_of(lam_once.delete_capacity_provider, CapacityProviderName=name)
    assert (error["Code"], error["status"]) == ("TooManyRequestsException", 429)
    assert error["response"]["Reason"] == "CallerRateLimitExceeded"
    assert error["response"]["retryAfterSeconds"] == "1"
    assert error["response"]["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "1"
    update = error_of(lam_once.update_capacity_provider, CapacityProviderName=name,
                      CapacityProviderScalingConfig={"MaxVCpuCount": 4})
    assert update["Code"] == "TooManyRequestsException"
    with pytest.raises(lam_once.exceptions.TooManyRequestsException):
        lam_once.create_capacity_provider(**provider_request(unique("cp"), nat_subnets, role_arn))
    time.sleep(1.05)
    assert lam_once.delete_capacity_provider(CapacityProviderName=name)["CapacityProvider"]["State"] == "Deleting"


def test_reads_beyond_the_rate_are_throttled(lam_once, provider, local_settings):
    local_settings(capacity_provider_reads_per_second=3)
    arn = provider["CapacityProviderArn"]
    outcomes = []
    for _ in range(6):
        try:
            lam_once.get_capacity_provider(CapacityProviderName=arn)
            outcomes.append("ok")
        except lam_once.exceptions.TooManyRequestsException:
            outcomes.append("throttled")
    assert outcomes[:3] == ["ok"] * 3
    assert "throttled" in outcomes
    assert error_of(lam_once.list_capacity_providers)["Code"] == "TooManyRequestsException"
    time.sleep(0.7)
    assert lam_once.get_capacity_provider(CapacityProviderName=arn)["CapacityProvider"]["State"] == "Active"


# ---- tags -----------------------------------------------------------------------------------------------------

def test_capacity_providers_are_taggable(lam, nat_subnets, role_arn):
    arn = lam.create_capacity_provider(**provider_request(unique("cp"), nat_subnets, role_arn),
                                       Tags={"team": "lmi"})["CapacityProvider"]["CapacityProviderArn"]
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "lmi"}
    lam.tag_resource(Resource=arn, Tags={"cost-center": "42"})
    lam.untag_resource(Resource=arn, TagKeys=["team"])
    assert lam.list_tags(Resource=arn)["Tags"] == {"cost-center": "42"}
    missing = error_of(lam.list_tags, Resource=arn + "-gone")
    assert (missing["Code"], missing["status"]) == ("ResourceNotFoundException", 404)
    function_arn = standard_function(lam, role_arn, Tags={"kind": "std"})["FunctionArn"]
    assert lam.list_tags(Resource=function_arn)["Tags"] == {"kind": "std"}
