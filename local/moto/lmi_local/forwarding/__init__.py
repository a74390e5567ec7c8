"""Forwarding of Lambda invocations to function hosts: processes that run the project's own handlers.

The wire protocol is written down in ``local/README-host-protocol.md``; keep the two in step.
"""
