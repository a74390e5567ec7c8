"""Lambda errors as AWS sends them over restJson1, so botocore and the Java SDK pick the modelled exception class.

AWS Lambda answers ``X-Amzn-ErrorType: <Code>`` and a body ``{"Type": "User", "message": "..."}``. Both SDKs take the
code from that header (botocore ``RestJSONParser._inject_error_code``; Java ``JsonErrorCodeParser``) and the text
from ``message`` or ``Message``. The member name follows the error shape in the service model: most Lambda errors
model ``message``, a few (ResourceNotFoundException, ServiceException, NoPublishedVersionException) ``Message``;
botocore copies modelled members such as ``Type`` and ``Reason`` onto the parsed error, so the casing is kept.
"""

import json
import math

from moto.core.exceptions import JsonRESTError


class LambdaApiError(JsonRESTError):
    message_member = "message"

    def __init__(self, error_code: str, status: int, message: str, extra_body: dict | None = None,
                 extra_headers: list | None = None):
        super().__init__(error_code, message)
        self.code = status
        self._extra_headers = list(extra_headers or [])
        body = {"Type": "User" if status < 500 else "Service", self.message_member: message}
        body.update(extra_body or {})
        self.description = json.dumps(body)

    def get_headers(self, *args, **kwargs):
        return [("X-Amzn-ErrorType", self.error_type), ("Content-Type", "application/json")] + self._extra_headers


class InvalidParameterValue(LambdaApiError):
    def __init__(self, message: str):
        super().__init__("InvalidParameterValueException", 400, message)


class ModelValidation(LambdaApiError):
    """Constraint violations of the API model (length, pattern, range, enum, required).

    Not a modelled Lambda error: AWS's request validation answers ``ValidationException`` with this wording for every
    Lambda operation, so SDKs raise their generic service exception with error code ``ValidationException``.
    """

    def __init__(self, violations: list):
        count = len(violations)
        noun = "validation error" if count == 1 else "validation errors"
        super().__init__("ValidationException", 400, f"{count} {noun} detected: " + "; ".join(violations))


class ResourceConflict(LambdaApiError):
    def __init__(self, message: str):
        super().__init__("ResourceConflictException", 409, message)


class ResourceNotFound(LambdaApiError):
    message_member = "Message"

    def __init__(self, message: str):
        super().__init__("ResourceNotFoundException", 404, message)


class NoPublishedVersion(LambdaApiError):
    message_member = "Message"

    def __init__(self, message: str):
        super().__init__("NoPublishedVersionException", 400, message)


class CapacityProviderLimitExceeded(LambdaApiError):
    def __init__(self, message: str):
        super().__init__("CapacityProviderLimitExceededException", 400, message)


class FunctionVersionsPerCapacityProviderLimitExceeded(LambdaApiError):
    def __init__(self, message: str):
        super().__init__("FunctionVersionsPerCapacityProviderLimitExceededException", 400, message)


class TooManyRequests(LambdaApiError):
    # ThrottleReason enum value that describes a caller exceeding an API rate (the model has no capacity-provider
    # specific reason).
    REASON = "CallerRateLimitExceeded"

    def __init__(self, retry_after_seconds: float):
        seconds = max(1, math.ceil(retry_after_seconds))
        super().__init__("TooManyRequestsException", 429, "Rate exceeded", extra_body={"Reason": self.REASON},
                         extra_headers=[("Retry-After", str(seconds))])
