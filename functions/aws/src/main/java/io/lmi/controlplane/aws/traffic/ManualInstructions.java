package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import java.util.stream.Collectors;

/** The exact words a team gets for the callers it must switch itself. */
final class ManualInstructions {
    private ManualInstructions() {
    }

    static String forFunctionUrl(ManualShifter.FunctionUrl original, String newUrl, ShiftTarget target, String approve) {
        String authType = original.config().path("AuthType").asText();
        StringBuilder text = new StringBuilder()
                .append("Function URL ").append(original.functionUrl()).append(" invokes ").append(original.functionArn())
                .append(". The migration created ").append(newUrl).append(" for ").append(target.newFunctionArn())
                .append(" with the same auth type (").append(authType).append("), CORS and invoke mode");
        if (!original.access().isEmpty()) {
            text.append(", and gave it the same resource-policy access (")
                    .append(original.access().stream().map(AccessGrant::describeCaller).distinct()
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        text.append(". Change every client of ").append(original.functionUrl()).append(" to call ").append(newUrl)
                .append(" instead (application configuration, webhooks, DNS or CloudFront origins that point at it).");
        if ("AWS_IAM".equals(authType)) {
            text.append(" Clients sign their requests: give each signing role lambda:InvokeFunctionUrl and "
                    + "lambda:InvokeFunction on ").append(target.newFunctionArn()).append(" in its own IAM policy.");
        }
        return text.append(" When no client calls ").append(original.functionUrl()).append(" any more, confirm with `")
                .append(approve).append("`. Rolling back deletes ").append(newUrl).append('.').toString();
    }

    static String forDirectCallers(ManualShifter.DirectCallers original, ShiftTarget target, String approve) {
        String callers = original.callers().stream().map(AccessGrant::describeCall).distinct()
                .collect(Collectors.joining("; "));
        return "These callers may invoke " + Arns.functionName(original.functionArn()) + " directly: " + callers + ". The migration "
                + "allowed each of them to invoke " + target.newFunctionArn() + " as well. Change each one to invoke "
                + target.newFunctionArn() + " (the FunctionName its SDK calls use, or the notification, subscription or "
                + "trigger that names the function in S3, CloudWatch Logs, Cognito or another account). Callers in "
                + "this account that are allowed by their own IAM policy appear in no resource policy: look for Invoke "
                + "calls of " + Arns.functionName(original.functionArn()) + " in CloudTrail and switch those too. When "
                + "nothing invokes " + original.functionArn() + " any more, confirm with `" + approve + "`.";
    }
}
