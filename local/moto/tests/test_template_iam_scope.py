"""The control plane's IAM stays inside ManagedFunctionNamePattern: no Lambda action that can change or read a
function is granted on every function of the account (template.yaml, as the SAM translator expands it)."""

from pathlib import Path

import pytest

from lmi_local.sam import translate

TEMPLATE = Path(__file__).resolve().parents[3] / "template.yaml"
PATTERN = "orders-*"
# The translator keeps Fn::Sub as it is, so a scoped ARN still names the parameter.
SCOPED = "${ManagedFunctionNamePattern}"

# Lambda actions whose resource is not a function (capacity providers, listings, mappings read by UUID): "*" is
# the only resource, or they name no function.
NOT_FUNCTION_LEVEL = {
    "lambda:ListFunctions", "lambda:ListEventSourceMappings", "lambda:GetEventSourceMapping",
    "lambda:CreateCapacityProvider", "lambda:GetCapacityProvider", "lambda:ListCapacityProviders",
    "lambda:UpdateCapacityProvider", "lambda:DeleteCapacityProvider", "lambda:ListFunctionVersionsByCapacityProvider",
    "lambda:TagResource",
}


def _statements(template):
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in resource["Properties"].get("Policies", []):
            statements = policy["PolicyDocument"]["Statement"]
            for statement in statements if isinstance(statements, list) else [statements]:
                yield logical_id, statement


def _as_list(value):
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def template():
    return translate(str(TEMPLATE), {"ManagedFunctionNamePattern": PATTERN})["template"]


def test_function_level_lambda_actions_name_the_managed_functions_or_require_them(template):
    unscoped = []
    checked = 0
    for role, statement in _statements(template):
        if statement.get("Effect") != "Allow" or _as_list(statement.get("Resource")) != ["*"]:
            continue
        function_level = [a for a in _as_list(statement["Action"])
                          if a.startswith("lambda:") and a not in NOT_FUNCTION_LEVEL]
        if not function_level:
            continue
        checked += 1
        condition = statement.get("Condition", {}).get("ArnLike", {}).get("lambda:FunctionArn")
        if condition is None or not all(SCOPED in str(arn) for arn in _as_list(condition)):
            unscoped.append((role, statement.get("Sid"), function_level))
    assert unscoped == [], "function-level Lambda actions on every function: %s" % unscoped
    assert checked > 0, "the mapping statements (Resource * with a lambda:FunctionArn condition) were not seen"


def test_permission_and_url_changes_are_granted_on_the_pattern_only(template):
    seen = 0
    for role, statement in _statements(template):
        actions = _as_list(statement.get("Action", []))
        if "lambda:AddPermission" in actions or "lambda:CreateFunctionUrlConfig" in actions:
            seen += 1
            resources = [str(r) for r in _as_list(statement["Resource"])]
            assert resources and all(SCOPED in r for r in resources), (role, statement.get("Sid"), resources)
    assert seen >= 3, "ShiftTraffic, RollBackMigration and the watchdog each move permissions"
