"""Starts moto on a loopback address with the switches this project needs turned on before any resource exists."""

import argparse
import ipaddress
import os
import signal
import sys
import threading

from lmi_local import MOTO_VERSION
from lmi_local.settings import SETTINGS


def _require_moto():
    try:
        import moto  # noqa: F401
    except ImportError:
        sys.exit('moto is not installed: pip install "moto[server]==%s"' % MOTO_VERSION)
    import moto

    if moto.__version__ != MOTO_VERSION:
        sys.exit('the local AWS is built on moto %s, found %s: pip install "moto[server]==%s"'
                 % (MOTO_VERSION, moto.__version__, MOTO_VERSION))


def _configure_moto():
    # Docker-less Lambda and real Step Functions execution switch moto to separate stores, so they must be on
    # before the first resource is created (what was created before would disappear).
    from moto.core import config

    config.default_user_config["lambda"]["use_docker"] = False
    config.default_user_config["stepfunctions"]["execute_state_machine"] = True
    # AWS-managed policies exist in every account on AWS (AWSLambdaManagedEC2ResourceOperator among them), and the
    # template attaches some; moto loads them only when asked.
    config.default_user_config.setdefault("iam", {})["load_aws_managed_policies"] = True


def build_app():
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from lmi_local import extensions

    app = DomainDispatcherApplication(create_backend_app)
    modules = extensions.load()
    for module in modules:
        if hasattr(module, "install"):
            module.install(SETTINGS)
    for module in reversed(modules):
        if hasattr(module, "middleware"):
            app = module.middleware(app, SETTINGS)
    return app


def _loopback(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lmi_local", description="The LMI control plane's local AWS (moto %s)" % MOTO_VERSION)
    parser.add_argument("--port", type=int, required=True, help="port to listen on (0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when standard input closes, so that a crashed parent leaves no server behind")
    args = parser.parse_args(argv)
    if not _loopback(args.host):
        parser.error("--host must be a loopback address (127.0.0.1, ::1 or localhost); the local AWS has no authentication")

    _require_moto()
    _configure_moto()

    from werkzeug.serving import make_server

    server = make_server(args.host, args.port, build_app(), threaded=True)
    port = server.server_address[1]
    # Step Functions task integrations call back into moto at localhost:$MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.exit_with_parent:
        def watch_stdin():
            while sys.stdin.buffer.read(1024):
                pass
            stop()
        threading.Thread(target=watch_stdin, daemon=True).start()

    print("LMI_LOCAL_READY http://%s:%d" % (args.host, port), flush=True)
    server.serve_forever()
    print("LMI_LOCAL_STOPPED", flush=True)


if __name__ == "__main__":
    main()
