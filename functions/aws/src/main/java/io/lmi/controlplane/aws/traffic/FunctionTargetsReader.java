package io.lmi.controlplane.aws.traffic;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** Reads the ARNs a function answers to: unqualified, each alias, each version (and {@code $LATEST} named as such). */
public final class FunctionTargetsReader {
    private final LambdaClient lambda;

    public FunctionTargetsReader(LambdaClient lambda) {
        this.lambda = lambda;
    }

    public FunctionTargets read(String functionName) {
        FunctionConfiguration function = lambda.getFunction(request -> request.functionName(functionName)).configuration();
        String arn = Arns.unqualified(function.functionArn());
        List<String> qualified = new ArrayList<>();
        lambda.listAliasesPaginator(request -> request.functionName(arn)).aliases().stream()
                .map(AliasConfiguration::aliasArn).forEach(qualified::add);
        lambda.listVersionsByFunctionPaginator(request -> request.functionName(arn)).versions().stream()
                .map(version -> "$LATEST".equals(version.version()) ? arn + ":$LATEST" : version.functionArn())
                .forEach(qualified::add);
        return new FunctionTargets(function.functionName(), arn, qualified.stream().distinct().toList());
    }
}
