package io.lmi.controlplane.aws.traffic;

import java.util.Optional;

/** Reading the parts of ARNs that triggers use; every format here is AWS's own. */
final class Arns {
    // arn:partition:lambda:region:account:function:name[:qualifier]
    private static final int FUNCTION_ARN_PARTS = 7;

    private Arns() {
    }

    static String partition(String arn) {
        return part(arn, 1);
    }

    static String region(String arn) {
        return part(arn, 3);
    }

    static String account(String arn) {
        return part(arn, 4);
    }

    /** The alias or version a function ARN names, if any. */
    static Optional<String> qualifier(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length > FUNCTION_ARN_PARTS ? Optional.of(parts[FUNCTION_ARN_PARTS]) : Optional.empty();
    }

    static String unqualified(String functionArn) {
        String[] parts = functionArn.split(":");
        if (parts.length <= FUNCTION_ARN_PARTS) {
            return functionArn;
        }
        return String.join(":", java.util.Arrays.copyOf(parts, FUNCTION_ARN_PARTS));
    }

    static String functionName(String functionArn) {
        return part(functionArn, 6);
    }

    static boolean isFunctionArn(String arn) {
        String[] parts = arn.split(":");
        return parts.length >= FUNCTION_ARN_PARTS && "lambda".equals(parts[2]) && "function".equals(parts[5]);
    }

    private static String part(String arn, int index) {
        String[] parts = arn.split(":", -1);
        if (parts.length <= index || !"arn".equals(parts[0])) {
            throw new IllegalArgumentException("'" + arn + "' is not an ARN (arn:partition:service:region:account:...)");
        }
        return parts[index];
    }
}
