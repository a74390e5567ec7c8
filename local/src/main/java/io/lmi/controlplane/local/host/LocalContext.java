package io.lmi.controlplane.local.host;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda {@link Context} of one local invocation: its request id, its function, and a real deadline. Tests that
 * call a handler class directly use {@link #forFunction}.
 */
public final class LocalContext implements Context {
    private final String requestId;
    private final String functionName;
    private final String functionVersion;
    private final String functionArn;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    LocalContext(String requestId, String functionName, String functionVersion, String functionArn, int memoryMb,
                 long deadlineMillis, PrintStream out) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionVersion = functionVersion;
        this.functionArn = functionArn;
        this.memoryMb = memoryMb;
        this.deadlineMillis = deadlineMillis;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                out.print(message);
                out.flush();
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    /** A fresh invocation of {@code functionName}: a new request id, 15 minutes to run, logs to standard out. */
    public static LocalContext forFunction(String functionName) {
        return new LocalContext(java.util.UUID.randomUUID().toString(), functionName, "$LATEST",
                "arn:aws:lambda:us-east-1:123456789012:function:" + functionName, 1024,
                System.currentTimeMillis() + java.time.Duration.ofMinutes(15).toMillis(), System.out);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/" + functionVersion;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
