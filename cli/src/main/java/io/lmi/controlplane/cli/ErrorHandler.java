package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.validation.InvalidRequestException;
import io.lmi.controlplane.local.LocalAwsUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Exit codes: 0 success, 1 the operation failed, 2 bad input (usage errors, invalid values or files), 3 the local AWS
 * cannot start on this machine. Errors print one clear line, not a stack trace; {@code LMI_DEBUG=1} adds the trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNAVAILABLE = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (System.getenv("LMI_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        if (e instanceof InvalidRequestException) {
            commandLine.getErr().println("lmi: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof LocalAwsUnavailableException) {
            commandLine.getErr().println("lmi: " + e.getMessage());
            return UNAVAILABLE;
        }
        commandLine.getErr().println("lmi: " + e.getMessage());
        return FAILED;
    }
}
