package io.lmi.controlplane.core.assess;

import static io.lmi.controlplane.core.assess.Functions.function;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet parses as YAML and carries the configuration; the assess module runs cfn-lint over it. */
class SamSnippetTest {
    private static final LmiConfiguration CONFIG = new LmiConfiguration(
            new LmiConfiguration.CapacityProvider("arm64", List.of(), 48, null),
            new LmiConfiguration.Function("python3.13", 4096, 4.0, 4),
            new LmiConfiguration.Scaling(6, 30));

    private static JsonNode parse(String yaml) throws Exception {
        // The short-form !Ref / !GetAtt tags are read as plain scalars here.
        return new ObjectMapper(new YAMLFactory()).readTree(yaml.replace("!Ref ", "").replace("!GetAtt ", ""));
    }

    @Test
    void carriesEveryRecommendedValue() throws Exception {
        String yaml = SamSnippet.render(function().layer("arn:aws:lambda:us-east-1:123456789012:layer:utils:3").build(),
                CONFIG, "orders-api-lmi");

        JsonNode t = parse(yaml);
        JsonNode cp = t.at("/Resources/OrdersApiCapacityProvider");
        JsonNode fn = t.at("/Resources/OrdersApiLmi");
        assertThat(t.at("/Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        assertThat(cp.at("/Type").asText()).isEqualTo("AWS::Serverless::CapacityProvider");
        assertThat(cp.at("/Properties/InstanceRequirements/Architectures/0").asText()).isEqualTo("arm64");
        assertThat(cp.at("/Properties/ScalingConfig/MaxVCpuCount").asInt()).isEqualTo(48);
        assertThat(cp.at("/Properties/ScalingConfig/AverageCPUUtilization").isMissingNode()).isTrue();
        assertThat(fn.at("/Type").asText()).isEqualTo("AWS::Serverless::Function");
        assertThat(fn.at("/Properties/FunctionName").asText()).isEqualTo("orders-api-lmi");
        assertThat(fn.at("/Properties/Runtime").asText()).isEqualTo("python3.13");
        assertThat(fn.at("/Properties/Architectures/0").asText()).isEqualTo("arm64");
        assertThat(fn.at("/Properties/MemorySize").asInt()).isEqualTo(4096);
        assertThat(fn.at("/Properties/Layers/0").asText()).endsWith("layer:utils:3");
        assertThat(fn.at("/Properties/CapacityProviderConfig/Arn").asText()).isEqualTo("OrdersApiCapacityProvider.Arn");
        assertThat(fn.at("/Properties/CapacityProviderConfig/ExecutionEnvironmentMemoryGiBPerVCpu").asDouble())
                .isEqualTo(4.0);
        assertThat(fn.at("/Properties/CapacityProviderConfig/PerExecutionEnvironmentMaxConcurrency").asInt()).isEqualTo(4);
        assertThat(fn.at("/Properties/FunctionScalingConfig/MinExecutionEnvironments").asInt()).isEqualTo(6);
        assertThat(fn.at("/Properties/FunctionScalingConfig/MaxExecutionEnvironments").asInt()).isEqualTo(30);
        assertThat(fn.at("/Properties/Role").asText()).endsWith("role/orders-api-role");
        assertThat(yaml).doesNotContain("TABLE").doesNotContain("orders\n");
        assertThat(t.at("/Parameters/SubnetIds/Default").isMissingNode()).isTrue();
    }

    @Test
    void aVpcFunctionsSubnetsBecomeTheDefaultAndACpuTargetIsCarried() throws Exception {
        LmiConfiguration cpu = new LmiConfiguration(new LmiConfiguration.CapacityProvider("x86_64", List.of("c7i.xlarge"),
                8, 50.0), CONFIG.function(), CONFIG.scaling());

        JsonNode t = parse(SamSnippet.render(function().vpc("subnet-a", "subnet-b").build(), cpu, "orders-api-lmi"));

        assertThat(t.at("/Parameters/SubnetIds/Default").asText()).isEqualTo("subnet-a,subnet-b");
        assertThat(t.at("/Resources/OrdersApiCapacityProvider/Properties/ScalingConfig/AverageCPUUtilization").asDouble())
                .isEqualTo(50.0);
        assertThat(t.at("/Resources/OrdersApiCapacityProvider/Properties/InstanceRequirements/AllowedTypes/0").asText())
                .isEqualTo("c7i.xlarge");
    }

    @Test
    void anImageKeepsItsImage() throws Exception {
        JsonNode t = parse(SamSnippet.render(function().image("123456789012.dkr.ecr.us-east-1.amazonaws.com/o:1").build(),
                new LmiConfiguration(CONFIG.capacityProvider(), new LmiConfiguration.Function(null, 4096, 4.0, 4),
                        CONFIG.scaling()), "orders-api-lmi"));

        JsonNode props = t.at("/Resources/OrdersApiLmi/Properties");
        assertThat(props.at("/PackageType").asText()).isEqualTo("Image");
        assertThat(props.at("/ImageUri").asText()).endsWith("/o:1");
        assertThat(props.has("Runtime")).isFalse();
        assertThat(props.has("CodeUri")).isFalse();
    }

    @Test
    void logicalIdsAreAlphanumeric() {
        assertThat(SamSnippet.logicalId("orders-api_v2")).isEqualTo("OrdersApiV2");
        assertThat(SamSnippet.logicalId("9lives")).isEqualTo("Fn9lives");
    }
}
