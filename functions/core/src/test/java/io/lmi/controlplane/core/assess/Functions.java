package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Function snapshots for tests: a plain standard function, changed one property at a time. */
final class Functions {
    private String name = "orders-api";
    private String runtime = "python3.13";
    private String packageType = "Zip";
    private String imageUri;
    private int memoryMb = 1024;
    private int timeoutSeconds = 30;
    private String architecture = "x86_64";
    private final List<FunctionSnapshot.Layer> layers = new ArrayList<>();
    private boolean inVpc;
    private List<String> subnets = List.of();
    private String snapStart;
    private int provisionedConcurrency;
    private Integer reservedConcurrency;
    private String logFormat = "JSON";
    private String capacityProviderArn;

    static Functions function() {
        return new Functions();
    }

    Functions name(String v) {
        name = v;
        return this;
    }

    Functions runtime(String v) {
        runtime = v;
        return this;
    }

    Functions image(String uri) {
        packageType = "Image";
        imageUri = uri;
        runtime = null;
        return this;
    }

    Functions memoryMb(int v) {
        memoryMb = v;
        return this;
    }

    Functions timeoutSeconds(int v) {
        timeoutSeconds = v;
        return this;
    }

    Functions architecture(String v) {
        architecture = v;
        return this;
    }

    Functions layer(String arn, String... architectures) {
        layers.add(new FunctionSnapshot.Layer(arn, List.of(architectures)));
        return this;
    }

    Functions vpc(String... subnetIds) {
        inVpc = true;
        subnets = List.of(subnetIds);
        return this;
    }

    Functions snapStart(String v) {
        snapStart = v;
        return this;
    }

    Functions provisionedConcurrency(int v) {
        provisionedConcurrency = v;
        return this;
    }

    Functions reservedConcurrency(Integer v) {
        reservedConcurrency = v;
        return this;
    }

    Functions logFormat(String v) {
        logFormat = v;
        return this;
    }

    Functions onLmi(String capacityProvider) {
        capacityProviderArn = capacityProvider;
        return this;
    }

    FunctionSnapshot build() {
        return new FunctionSnapshot(name, "arn:aws:lambda:us-east-1:123456789012:function:" + name, runtime,
                "app.handler", packageType, imageUri, memoryMb, timeoutSeconds, 512, architecture,
                "arn:aws:iam::123456789012:role/" + name + "-role", Map.of("TABLE", "orders"), layers, inVpc, subnets,
                snapStart, provisionedConcurrency, reservedConcurrency, "PassThrough", logFormat,
                "/aws/lambda/" + name, null, null, null, null, Map.of(), capacityProviderArn, List.of(), null);
    }
}
