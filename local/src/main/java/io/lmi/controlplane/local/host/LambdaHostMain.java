package io.lmi.controlplane.local.host;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * Entry point of the host's own JVM: {@code LambdaHostMain FUNCTION...}. The JVM's environment is the functions'
 * environment (as on Lambda, handlers read their configuration from it). It prints
 * {@code LMI_HOST_READY <url>} when it listens, and exits when its standard input closes, so that it never outlives
 * the process that started it.
 */
public final class LambdaHostMain {
    public static final String READY_MARKER = "LMI_HOST_READY ";

    private LambdaHostMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LambdaHostMain FUNCTION_NAME...");
            System.exit(2);
        }
        try (LambdaHost host = LambdaHost.start(0, Set.copyOf(Arrays.asList(args)), System.out)) {
            System.out.println(READY_MARKER + host.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing is sent on stdin; end of stream means the parent is gone.
            }
        }
    }
}
