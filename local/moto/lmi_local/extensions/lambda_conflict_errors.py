"""Lambda's conflict errors under the name AWS gives them.

moto 5.2.1 answers a conflict in the Lambda API (an alias, a permission statement id or an event source mapping that
already exists, ...) with the error code ``ConflictException``, which is not an error of the Lambda service model;
AWS answers ``ResourceConflictException`` (HTTP 409), and SDKs map only that name to its exception class (the Java
SDK raises a bare ``LambdaException`` for the other). Code written against AWS, such as "create the alias, or update
it when it exists", then fails locally only.
"""

from moto.awslambda import exceptions


def install(settings):
    def __init__(self, message: str):
        exceptions.LambdaClientError.__init__(self, "ResourceConflictException", message)

    exceptions.ConflictException.__init__ = __init__
