package io.lmi.controlplane.cli;

import io.lmi.controlplane.local.LocalAws;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "local-aws", mixinStandardHelpOptions = true,
        description = {"Runs the local AWS (moto 5.2.1 with the project's extensions) on 127.0.0.1 until interrupted.",
                "Point any AWS client at it: --endpoint-url http://127.0.0.1:PORT, region us-east-1, any credentials."})
final class LocalAwsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "Port to listen on (1-65535).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 1 to 65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalAws localAws = LocalAws.start(port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                localAws.close();
                stopped.countDown();
            }, "local-aws-stop"));
            out.println("Local AWS listening on " + localAws.endpoint() + " (region us-east-1, account 123456789012)");
            out.println("  aws --endpoint-url " + localAws.endpoint() + " --region us-east-1 sts get-caller-identity");
            out.println("  log: " + localAws.log());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            while (localAws.isRunning() && !stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                // Wait for Ctrl-C (the shutdown hook) or for the server to exit on its own.
            }
            return localAws.isRunning() ? 0 : ErrorHandler.FAILED;
        }
    }
}
