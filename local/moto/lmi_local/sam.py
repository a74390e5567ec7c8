"""Expands template.yaml with AWS's own SAM translator, so the local deployment is built from the same
CloudFormation that ``sam deploy`` would create.

    python3 -m lmi_local.sam --template template.yaml [--parameters '{"Name": "value"}']

prints ``{"template": <CloudFormation>, "artifacts": {"s3://...": "<local path>"}}``. Local paths in ``CodeUri`` and
``DefinitionUri`` become ``s3://lmi-local-artifacts/<path>`` for the translator (it accepts nothing else); the
``artifacts`` map gives the local file back to the deployer.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ARTIFACT_BUCKET = "lmi-local-artifacts"


class StaticManagedPolicies:
    """The translator asks IAM for managed policy ARNs by name; locally there is no IAM to ask, so we answer from
    the names AWS publishes. A name not listed here fails the translation instead of being guessed."""

    KNOWN = {
        "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "AWSXRayDaemonWriteAccess": "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        "AWSLambdaManagedEC2ResourceOperator": "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator",
    }

    def load(self):
        return dict(self.KNOWN)


def _to_s3(root: Path, value, artifacts):
    if isinstance(value, str) and not value.startswith("s3://"):
        path = (root / value).resolve()
        uri = "s3://%s/%s" % (ARTIFACT_BUCKET, value.lstrip("./"))
        artifacts[uri] = str(path)
        return uri
    return value


def translate(template_path: str, parameters: dict) -> dict:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse

    root = Path(template_path).resolve().parent
    sam = yaml_parse(Path(template_path).read_text())
    artifacts = {}
    globals_fn = sam.get("Globals", {}).get("Function", {})
    if "CodeUri" in globals_fn:
        globals_fn["CodeUri"] = _to_s3(root, globals_fn["CodeUri"], artifacts)
    for resource in sam.get("Resources", {}).values():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in props:
            props["CodeUri"] = _to_s3(root, props["CodeUri"], artifacts)
        if resource.get("Type") == "AWS::Serverless::StateMachine" and "DefinitionUri" in props:
            props["DefinitionUri"] = _to_s3(root, props["DefinitionUri"], artifacts)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    cfn = transform(sam, parameters, StaticManagedPolicies())
    return {"template": cfn, "artifacts": artifacts}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lmi_local.sam")
    parser.add_argument("--template", required=True)
    parser.add_argument("--parameters", default="{}", help="parameter values as a JSON object")
    args = parser.parse_args(argv)
    try:
        result = translate(args.template, json.loads(args.parameters))
    except Exception as error:  # the translator raises several types; all mean "this template cannot deploy"
        print("cannot translate %s: %s" % (args.template, error), file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
