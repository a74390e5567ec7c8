package io.lmi.controlplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.net.ProtocolException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

@ExtendWith(LocalAwsExtension.class)
class JdkHttpClientIntegrationTest {
    private final AwsClients clients;

    JdkHttpClientIntegrationTest(AwsTarget target) {
        this.clients = LocalAwsClients.of(target);
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void sendsPatchWhichTheSharedUrlConnectionClientRefuses() {
        try (ApiGatewayClient shared = clients.configure(ApiGatewayClient.builder()).build();
             ApiGatewayClient jdk = clients.configure(ApiGatewayClient.builder()).httpClient(JdkHttpClient.create()).build()) {
            String api = jdk.createRestApi(request -> request.name("patch-" + UUID.randomUUID())).id();

            assertThatThrownBy(() -> shared.updateRestApi(request -> request.restApiId(api)
                    .patchOperations(op -> op.op(Op.REPLACE).path("/description").value("shared"))))
                    .hasRootCauseInstanceOf(ProtocolException.class).hasMessageContaining("PATCH");

            jdk.updateRestApi(request -> request.restApiId(api)
                    .patchOperations(op -> op.op(Op.REPLACE).path("/description").value("through the JDK client")));
            assertThat(jdk.getRestApi(request -> request.restApiId(api)).description()).isEqualTo("through the JDK client");
        }
    }

    @Test
    void carriesBodiesErrorsAndEmptyResponsesOfTheOtherMethods() {
        try (ApiGatewayClient jdk = clients.configure(ApiGatewayClient.builder()).httpClient(JdkHttpClient.create()).build()) {
            String api = jdk.createRestApi(request -> request.name("verbs-" + UUID.randomUUID()).description("é ünïcode"))
                    .id();
            assertThat(jdk.getRestApi(request -> request.restApiId(api)).description()).isEqualTo("é ünïcode");

            jdk.deleteRestApi(request -> request.restApiId(api));

            assertThatThrownBy(() -> jdk.getRestApi(request -> request.restApiId(api)))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
