"""Health of Lambda targets of an Application Load Balancer as AWS reports it.

A Lambda target group has health checks turned off unless asked for; AWS then reports each registered function
as ``unavailable`` with reason ``Target.HealthCheckDisabled`` (Elastic Load Balancing API reference, TargetHealth).
moto 5.2.1 reports ``healthy``, so a shift that waits for a Lambda target to be healthy would pass locally and
wait forever on AWS.
"""

from moto.elbv2 import models as elbv2_models

_ORIGINAL = {}


def _health_for(self, target, ec2_backend):
    status = _ORIGINAL["health_for"](self, target, ec2_backend)
    if self.target_type == "lambda" and status.status == "healthy" and not _enabled(self.health_check_enabled):
        return elbv2_models.FakeHealthStatus(status.instance_id, status.port, status.health_check_port,
                                             "unavailable", "Target.HealthCheckDisabled", "Health checks are disabled")
    return status


def _enabled(value) -> bool:
    return value is True or str(value).lower() == "true"


def install(settings):
    if _ORIGINAL:
        return
    _ORIGINAL["health_for"] = elbv2_models.FakeTargetGroup.health_for
    elbv2_models.FakeTargetGroup.health_for = _health_for
