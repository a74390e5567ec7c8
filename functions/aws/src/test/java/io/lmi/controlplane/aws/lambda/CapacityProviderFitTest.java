package io.lmi.controlplane.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which existing capacity providers can carry a recommendation, and what the refusal says when one cannot. */
class CapacityProviderFitTest {

    private static CapacityProviders.View provider(String architecture, Integer maxVCpuCount, List<String> types) {
        return new CapacityProviders.View("shared", "arn:aws:lambda:us-east-1:123456789012:capacity-provider:shared",
                "Active", architecture, List.of("subnet-0aaa1111"), List.of(), "arn:aws:iam::123456789012:role/op",
                maxVCpuCount, types);
    }

    private static LmiConfiguration.CapacityProvider need(String architecture, int maxVCpuCount, List<String> types) {
        return new LmiConfiguration.CapacityProvider(architecture, types, maxVCpuCount, null);
    }

    @Test
    void aProviderWithRoomAndAnyInstanceTypeFits() {
        assertThat(CapacityProviders.fits(provider("arm64", 64, List.of()), need("arm64", 64, List.of("m7g.xlarge")))).isNull();
        assertThat(CapacityProviders.fits(provider("arm64", null, List.of()), need("arm64", 400, List.of())))
                .as("no MaxVCpuCount: no ceiling").isNull();
    }

    @Test
    void anotherArchitectureIsNamed() {
        assertThat(CapacityProviders.fits(provider("x86_64", 64, List.of()), need("arm64", 16, List.of())))
                .isEqualTo("it runs x86_64, not arm64");
    }

    @Test
    void aCeilingBelowTheNeedIsNamedWithBothFigures() {
        assertThat(CapacityProviders.fits(provider("arm64", 32, List.of()), need("arm64", 64, List.of())))
                .isEqualTo("its MaxVCpuCount 32 is below the 64 this function needs");
    }

    @Test
    void instanceTypesNarrowerThanTheRecommendedOnesDoNotFit() {
        assertThat(CapacityProviders.fits(provider("arm64", 64, List.of("c7g.large")), need("arm64", 16, List.of("m7g.xlarge"))))
                .isEqualTo("it allows only instance types [c7g.large], not all of [m7g.xlarge]");
        assertThat(CapacityProviders.fits(provider("arm64", 64, List.of("c7g.large", "m7g.xlarge")), need("arm64", 16, List.of("m7g.xlarge"))))
                .isNull();
        assertThat(CapacityProviders.fits(provider("arm64", 64, List.of("c7g.large")), need("arm64", 16, List.of())))
                .as("no recommended types: the provider's choice stands").isNull();
    }
}
