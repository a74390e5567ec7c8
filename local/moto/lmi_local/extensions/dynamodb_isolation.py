"""DynamoDB writes are isolated from each other, as on AWS.

moto's server answers requests on many threads, and its DynamoDB backend checks a write's conditions and then
applies it without a lock: two TransactWriteItems that each put the same item with ``attribute_not_exists`` could
both pass their checks and both succeed. On AWS one of them is cancelled (``ConditionalCheckFailed``), and the
control plane's ledger relies on that: its per-function lock is such a put, so "exactly one of concurrent starts
wins" only holds if the emulator isolates writes too.

Patched: ``DynamoDBBackend`` ``put_item``, ``update_item``, ``delete_item`` and ``transact_write_items`` run one at
a time (one re-entrant lock per process; BatchWriteItem goes through put_item and delete_item item by item, as its
items are independent on AWS too). Reads are not serialised.
"""

import threading

_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")
_write_lock = threading.RLock()


def _serialised(method):
    def write(self, *args, **kwargs):
        with _write_lock:
            return method(self, *args, **kwargs)

    write.__name__ = method.__name__
    write.__doc__ = method.__doc__
    return write


def install(settings):
    from moto.dynamodb.models import DynamoDBBackend

    for name in _WRITES:
        setattr(DynamoDBBackend, name, _serialised(getattr(DynamoDBBackend, name)))
