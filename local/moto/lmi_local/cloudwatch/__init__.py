"""CloudWatch behaviour moto 5.2.1 lacks: statistics per period, percentiles, metric math, alarm evaluation and
alarm history. The modules here are plain Python over moto's stored datapoints; ``lmi_local.extensions.cloudwatch_alarms``
wires them into moto."""
