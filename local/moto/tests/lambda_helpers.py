"""Functions, aliases and roles shared by the Lambda trigger tests."""

import io
import uuid
import zipfile


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    return buffer.getvalue()


def function_with_alias(client, prefix: str, alias: str = "live") -> tuple:
    """Creates a function, publishes version 1 and points ``alias`` at it; returns (name, unqualified ARN)."""
    iam, lambda_client = client("iam"), client("lambda")
    role_name = unique("lambda-role")
    role = iam.create_role(RoleName=role_name, AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    name = unique(prefix)
    arn = lambda_client.create_function(FunctionName=name, Runtime="python3.12", Role=role,
                                        Handler="handler.handle", Code={"ZipFile": _package()})["FunctionArn"]
    version = lambda_client.publish_version(FunctionName=name)["Version"]
    lambda_client.create_alias(FunctionName=name, Name=alias, FunctionVersion=version)
    return name, arn
