"""An index of a backend's datapoints by metric name, kept up to date incrementally.

moto keeps every datapoint in one list that only grows; scanning it for every alarm evaluation would make bulk
seeding quadratic. The index lives on the backend (so ``/moto-api/reset`` drops it with the data).
"""

from lmi_local.cloudwatch.datapoints import index_datums, metric_of_datum, to_epoch


def _store(backend):
    store = backend.__dict__.get("lmi_metric_store")
    if store is None:
        store = backend.__dict__.setdefault("lmi_metric_store", {"seen": 0, "by_name": {}})
    data = backend.metric_data
    if store["seen"] > len(data):
        store["seen"], store["by_name"] = 0, {}
    for datum in data[store["seen"]:]:
        store["by_name"].setdefault((datum.namespace, datum.name), []).append(
            (to_epoch(datum.timestamp), metric_of_datum(datum), datum))
    store["seen"] = len(data)
    return store


def metric_index(backend, names=None, since: float = float("-inf"), until: float = float("inf")):
    """``{MetricId: [(epoch, datum)]}`` oldest first, for the ``(namespace, name)`` pairs in ``names`` (all if None)."""
    by_name = _store(backend)["by_name"]
    groups = by_name.values() if names is None else [by_name[name] for name in names if name in by_name]
    index = {}
    for entries in groups:
        for moment, metric, datum in entries:
            if since <= moment < until:
                index.setdefault(metric, []).append((moment, datum))
    # Datapoints moto's other services publish (computed on request, not stored).
    for metric, entries in index_datums(backend.aws_metric_data, since, until).items():
        if names is None or (metric.namespace, metric.name) in names:
            index.setdefault(metric, []).extend(entries)
    for entries in index.values():
        entries.sort(key=lambda entry: entry[0])
    return index
