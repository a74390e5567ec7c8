package io.lmi.controlplane.aws.traffic;

import java.util.Optional;

/**
 * An API Gateway Lambda integration's URI: {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/
 * <function ARN>/invocations} (API Gateway developer guide, Lambda integrations).
 */
record LambdaIntegrationUri(String prefix, String functionArn, String suffix) {
    private static final String FUNCTIONS = ":lambda:path/2015-03-31/functions/";
    private static final String INVOCATIONS = "/invocations";

    static Optional<LambdaIntegrationUri> parse(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int start = uri.indexOf(FUNCTIONS);
        int end = uri.lastIndexOf(INVOCATIONS);
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        int arnStart = start + FUNCTIONS.length();
        return Optional.of(new LambdaIntegrationUri(uri.substring(0, arnStart), uri.substring(arnStart, end),
                uri.substring(end)));
    }

    /**
     * Whether the integration invokes the function: by its ARN, an alias's or a version's, or with the qualifier left
     * to a stage variable ({@code ...:function:orders:${stageVariables.alias}}).
     */
    boolean invokes(FunctionTargets function) {
        if (function.matches(functionArn)) {
            return true;
        }
        return Arns.qualifier(functionArn).filter(qualifier -> qualifier.contains("${stageVariables."))
                .map(qualifier -> function.functionArn().equals(Arns.unqualified(functionArn))).orElse(false);
    }

    String withFunction(String newFunctionArn) {
        return prefix + newFunctionArn + suffix;
    }
}
