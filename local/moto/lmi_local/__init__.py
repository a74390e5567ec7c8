"""The project's local AWS: moto 5.2.1 plus the extensions this control plane needs to be tested for real.

Start it with ``python3 -m lmi_local --port PORT`` (or ``./lmi local-aws --port PORT``). What each extension
emulates, and where it is known to differ from AWS, is written in ``local/README.md`` and
``local/README-services-fidelity.md`` (CloudWatch, API Gateway canaries, Scheduler, traffic-shift services).
"""

MOTO_VERSION = "5.2.1"
