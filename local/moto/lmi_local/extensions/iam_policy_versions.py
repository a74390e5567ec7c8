"""IAM policy documents without a Version, or with Version 2008-10-17, as IAM accepts them.

moto 5.2.1 refuses every policy whose Version is not exactly 2012-10-17 ("Policy document must be version
2012-10-17 or greater."). IAM itself accepts a missing Version (it then means 2008-10-17, which only disables
policy variables) and the older version string; AWS SAM's policy templates (DynamoDBCrudPolicy,
EventBridgePutEventsPolicy, LambdaInvokePolicy, ...) emit documents without a Version, so the control plane's
own template cannot be deployed locally without this.
"""

from moto.iam import policy_validation


def install(settings):
    validator = policy_validation.BaseIAMPolicyValidator

    def _validate_version(self) -> None:
        version = self._policy_json.get("Version")
        assert version is None or version in policy_validation.VALID_VERSIONS

    validator._validate_version = _validate_version
