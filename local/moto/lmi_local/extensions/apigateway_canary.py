"""API Gateway REST canary releases and UpdateIntegration, as a canary traffic shift uses them.

moto 5.2.1 answers UpdateIntegration with 500, accepts a deployment's canarySettings without storing them,
replaces a whole stage (its variables and settings) on every CreateDeployment, treats a patch of
``/canarySettings/deploymentId`` as one of ``/deploymentId``, fails on the ``copy`` operations of a promotion, and
refuses to delete a deployment once any deployment was made to a stage of that name. This extension follows the
API Gateway developer guide ("Create", "Update" and "Promote a canary release", "Disable a canary release"):

- CreateDeployment with ``canarySettings`` needs an existing stage; it leaves the stage's deploymentId alone and
  points ``canarySettings.deploymentId`` at the new deployment. Without canarySettings it moves the stage's
  deploymentId and keeps the canary, the stage's other settings, and merges ``variables``.
- UpdateStage understands ``/canarySettings/percentTraffic``, ``/deploymentId``, ``/useStageCache``,
  ``/stageVariableOverrides/{name}`` (replace, add, remove), ``remove /canarySettings``, and the promotion's
  ``copy`` from ``/canarySettings/deploymentId`` to ``/deploymentId`` and from
  ``/canarySettings/stageVariableOverrides`` to ``/variables``.
- UpdateIntegration patches ``/uri``, ``/httpMethod``, ``/type``, ``/credentials``, ``/passthroughBehavior``,
  ``/contentHandling``, ``/timeoutInMillis``, ``/cacheNamespace``, ``/connectionType``, ``/connectionId``,
  ``/requestParameters/{name}``, ``/requestTemplates/{contentType}``, ``/cacheKeyParameters/{name}`` and
  ``/tlsConfig/insecureSkipVerification``.
- DeleteDeployment refuses only a deployment that a stage or a stage's canary points at.
"""

import json

from moto.apigateway import models as apigw_models
from moto.apigateway import responses as apigw_responses
from moto.apigateway.exceptions import (
    BadRequestException,
    DeploymentNotFoundException,
    NoIntegrationDefined,
    NoMethodDefined,
    NotFoundException,
)

_ORIGINAL = {}
_STAGE_FIELDS_KEPT = ("method_settings", "description", "cache_cluster_enabled", "cache_cluster_status",
                      "cache_cluster_size", "tags", "tracing_enabled", "access_log_settings", "web_acl_arn")


def _unescape(segment: str) -> str:
    # JSON pointer escapes (RFC 6901): "~1" is "/", "~0" is "~".
    return segment.replace("~1", "/").replace("~0", "~")


def _percent(value, where: str) -> float:
    try:
        percent = float(value)
    except (TypeError, ValueError) as error:
        raise BadRequestException(f"{where} must be a number from 0.0 to 100.0, got {value!r}") from error
    if not 0.0 <= percent <= 100.0:
        raise BadRequestException(f"{where} must be from 0.0 to 100.0, got {percent}")
    return percent


def _boolean(value, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    raise BadRequestException(f"{where} must be true or false, got {value!r}")


# ---------------------------------------------------------------- stages and deployments


def _stage_to_json(self):
    document = _ORIGINAL["stage_to_json"](self)
    canary = getattr(self, "canary_settings", None)
    if canary is not None:
        document["canarySettings"] = dict(canary, stageVariableOverrides=dict(canary["stageVariableOverrides"]))
    return document


def _new_canary(stage, deployment_id=None) -> dict:
    return {"percentTraffic": 0.0, "deploymentId": deployment_id or stage.deployment_id,
            "stageVariableOverrides": {}, "useStageCache": False}


def _require_deployment(stage, deployment_id: str) -> None:
    api = getattr(stage, "lmi_api", None)
    if api is not None and deployment_id not in api.deployments:
        raise BadRequestException(f"Invalid deployment id {deployment_id!r}: the API has no such deployment")


def _canary_operation(stage, op: dict) -> bool:
    """Applies one canary-related patch operation; returns False for operations this extension leaves to moto."""
    kind, path = op.get("op"), op.get("path", "")
    source = op.get("from", "")
    if path.startswith("/canary/") or source.startswith("/canary/"):
        raise BadRequestException(f"Invalid patch path {path if path.startswith('/canary/') else source}: "
                                  "canary settings are patched under /canarySettings/")
    if kind == "copy":
        if source == "/canarySettings/deploymentId" and path == "/deploymentId":
            canary = getattr(stage, "canary_settings", None)
            if canary is None:
                raise BadRequestException("The stage has no canarySettings to copy the deploymentId from")
            stage.deployment_id = canary["deploymentId"]
            return True
        if source == "/canarySettings/stageVariableOverrides" and path == "/variables":
            canary = getattr(stage, "canary_settings", None)
            if canary is None:
                raise BadRequestException("The stage has no canarySettings to copy stage variables from")
            stage.variables.update(canary["stageVariableOverrides"])
            return True
        raise BadRequestException(f"Invalid copy from {source!r} to {path!r}: a stage supports copying "
                                  "/canarySettings/deploymentId to /deploymentId and "
                                  "/canarySettings/stageVariableOverrides to /variables")
    if path == "/canarySettings":
        if kind != "remove":
            raise BadRequestException("Only the remove operation applies to /canarySettings as a whole; patch its "
                                      "fields (/canarySettings/percentTraffic, ...) to create or change a canary")
        stage.canary_settings = None
        return True
    if path == "/deploymentId" and kind in ("replace", "add"):
        _require_deployment(stage, op.get("value"))
        stage.deployment_id = op.get("value")
        return True
    if not path.startswith("/canarySettings/"):
        return False
    field, _, name = path[len("/canarySettings/"):].partition("/")
    canary = getattr(stage, "canary_settings", None)
    if field == "stageVariableOverrides" and name:
        name = _unescape(name)
        if kind == "remove":
            if canary is not None:
                canary["stageVariableOverrides"].pop(name, None)
            return True
        if kind not in ("replace", "add"):
            raise BadRequestException(f"Invalid patch operation {kind!r} on {path}; use replace, add or remove")
        canary = canary or _new_canary(stage)
        canary["stageVariableOverrides"][name] = str(op.get("value"))
        stage.canary_settings = canary
        return True
    if kind not in ("replace", "add"):
        raise BadRequestException(f"Invalid patch operation {kind!r} on {path}; use replace")
    canary = canary or _new_canary(stage)
    if field == "percentTraffic" and not name:
        canary["percentTraffic"] = _percent(op.get("value"), "/canarySettings/percentTraffic")
    elif field == "deploymentId" and not name:
        _require_deployment(stage, op.get("value"))
        canary["deploymentId"] = op.get("value")
    elif field == "useStageCache" and not name:
        canary["useStageCache"] = _boolean(op.get("value"), "/canarySettings/useStageCache")
    else:
        raise BadRequestException(f"Invalid patch path {path}: canarySettings has percentTraffic, deploymentId, "
                                  "useStageCache and stageVariableOverrides/{name}")
    stage.canary_settings = canary
    return True


def _apply_operations(self, patch_operations):
    remaining = [op for op in patch_operations or [] if not _canary_operation(self, op)]
    if remaining:
        _ORIGINAL["stage_apply_operations"](self, remaining)
    return self


def _rest_api_create_stage(self, name, deployment_id, *args, **kwargs):
    stage = _ORIGINAL["rest_api_create_stage"](self, name, deployment_id, *args, **kwargs)
    stage.lmi_api = self
    stage.canary_settings = None
    return stage


def _rest_api_create_deployment(self, name, description="", stage_variables=None, canary_settings=None):
    existing = self.stages.get(name) if name else None
    if canary_settings is not None:
        if existing is None:
            raise BadRequestException(f"Invalid stage identifier specified: a canary deployment needs the existing "
                                      f"stage {name!r}; deploy to it without canarySettings first")
        percent = _percent(canary_settings.get("percentTraffic", 0.0), "canarySettings.percentTraffic")
        overrides = canary_settings.get("stageVariableOverrides") or {}
        use_cache = _boolean(canary_settings.get("useStageCache", False), "canarySettings.useStageCache")
    deployment = _ORIGINAL["rest_api_create_deployment"](self, name, description, stage_variables or {})
    if name:
        stage = self.stages[name]
        stage.lmi_api = self
        if existing is None:
            stage.canary_settings = None
        else:
            # moto replaced the stage; the stage of AWS keeps its settings and only changes what the call names.
            for field in _STAGE_FIELDS_KEPT:
                setattr(stage, field, getattr(existing, field))
            stage.variables = dict(existing.variables, **(stage_variables or {}))
            stage.canary_settings = getattr(existing, "canary_settings", None)
            if canary_settings is not None:
                stage.deployment_id = existing.deployment_id
                stage.canary_settings = {"percentTraffic": percent, "deploymentId": deployment.id,
                                         "stageVariableOverrides": {key: str(value) for key, value in overrides.items()},
                                         "useStageCache": use_cache}
    return deployment


def _rest_api_delete_deployment(self, deployment_id):
    if deployment_id not in self.deployments:
        raise DeploymentNotFoundException()
    for stage in self.stages.values():
        canary = getattr(stage, "canary_settings", None)
        if stage.deployment_id == deployment_id or (canary and canary["deploymentId"] == deployment_id):
            raise BadRequestException(f"Active stages pointing to this deployment must be moved or deleted "
                                      f"(stage {stage.name!r} uses it)")
    return self.deployments.pop(deployment_id)


def _backend_create_deployment(self, function_id, name, description="", stage_variables=None, canary_settings=None):
    # The checks moto's CreateDeployment makes: the API needs a method and an integration.
    methods = [method for resource in self.get_resources(function_id)
               for method in resource.resource_methods.values()]
    if not methods:
        raise NoMethodDefined()
    if not any(method.method_integration for method in methods):
        raise NoIntegrationDefined()
    return self.get_rest_api(function_id).create_deployment(name, description, stage_variables or {},
                                                            canary_settings)


def _response_create_deployment(self):
    function_id = self.path.replace("/restapis/", "", 1).split("/")[0]
    body = json.loads(self.body or "{}")
    deployment = self.backend.create_deployment(
        function_id, body.get("stageName"), body.get("description", ""), body.get("variables") or {},
        body.get("canarySettings"))
    return 201, {"status": 201}, json.dumps(deployment.to_json())


# ---------------------------------------------------------------- integrations

_SCALAR_FIELDS = {"/uri": "uri", "/httpMethod": "http_method", "/type": "integration_type",
                  "/credentials": "credentials", "/passthroughBehavior": "passthrough_behaviour",
                  "/contentHandling": "content_handling", "/timeoutInMillis": "timeout_in_millis",
                  "/cacheNamespace": "cache_namespace", "/connectionType": "connection_type",
                  "/connectionId": "connection_id"}
_MAP_FIELDS = {"requestParameters": "request_parameters", "requestTemplates": "request_templates"}


def _patch_integration(integration, operations):
    for op in operations or []:
        kind, path, value = op.get("op"), op.get("path", ""), op.get("value")
        if kind not in ("replace", "add", "remove"):
            raise BadRequestException(f"Invalid patch operation {kind!r} on {path}; use replace, add or remove")
        if path in _SCALAR_FIELDS:
            attribute = _SCALAR_FIELDS[path]
            if kind == "remove":
                if path in ("/uri", "/type"):
                    raise BadRequestException(f"{path} of an integration cannot be removed; replace it")
                setattr(integration, attribute, None)
            elif path == "/timeoutInMillis":
                setattr(integration, attribute, int(value))
            else:
                setattr(integration, attribute, value)
            continue
        head, _, name = path.lstrip("/").partition("/")
        if head in _MAP_FIELDS and name:
            attribute = _MAP_FIELDS[head]
            mapping = dict(getattr(integration, attribute) or {})
            if kind == "remove":
                mapping.pop(_unescape(name), None)
            else:
                mapping[_unescape(name)] = value
            setattr(integration, attribute, mapping)
            continue
        if head == "cacheKeyParameters" and name:
            parameters = list(integration.cache_key_parameters or [])
            name = _unescape(name)
            if kind == "remove":
                parameters = [item for item in parameters if item != name]
            elif name not in parameters:
                parameters.append(name)
            integration.cache_key_parameters = parameters
            continue
        if path == "/tlsConfig/insecureSkipVerification":
            integration.tls_config = dict(integration.tls_config or {})
            if kind == "remove":
                integration.tls_config.pop("insecureSkipVerification", None)
            else:
                integration.tls_config["insecureSkipVerification"] = _boolean(value, path)
            continue
        raise BadRequestException(f"Invalid patch path {path}")
    return integration


def _response_update_integration(self):
    parts = self.path.split("/")
    function_id, resource_id, method_type = parts[2], parts[4], parts[6]
    integration = self.backend.get_integration(function_id, resource_id, method_type)
    if integration is None:
        raise NotFoundException("Invalid Integration identifier specified")
    _patch_integration(integration, json.loads(self.body or "{}").get("patchOperations"))
    document = integration.to_json()
    if getattr(integration, "connection_id", None):
        document["connectionId"] = integration.connection_id
    return 200, {"status": 200}, json.dumps(document)


def install(settings):
    if _ORIGINAL:
        return
    stage_class, api_class = apigw_models.Stage, apigw_models.RestAPI
    backend_class, response_class = apigw_models.APIGatewayBackend, apigw_responses.APIGatewayResponse
    _ORIGINAL.update({
        "stage_to_json": stage_class.to_json,
        "stage_apply_operations": stage_class.apply_operations,
        "rest_api_create_stage": api_class.create_stage,
        "rest_api_create_deployment": api_class.create_deployment,
    })
    stage_class.canary_settings = None
    stage_class.lmi_api = None
    stage_class.to_json = _stage_to_json
    stage_class.apply_operations = _apply_operations
    api_class.create_stage = _rest_api_create_stage
    api_class.create_deployment = _rest_api_create_deployment
    api_class.delete_deployment = _rest_api_delete_deployment
    backend_class.create_deployment = _backend_create_deployment
    response_class.create_deployment = _response_create_deployment
    response_class.update_integration = _response_update_integration
