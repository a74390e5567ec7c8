package io.lmi.controlplane.aws.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionNamePatternTest {
    @ParameterizedTest
    @CsvSource({
        "*, anything-at-all, true",
        "orders-*, orders-api, true",
        "orders-*, orders-, true",
        "orders-*, billing-api, false",
        "orders-*, my-orders-api, false",
        "orders-?, orders-1, true",
        "orders-?, orders-12, false",
        // Regex metacharacters in a name are literal, as in IAM.
        "a.b-*, a.b-c, true",
        "a.b-*, axb-c, false"
    })
    void matchesLikeAnIamArnPattern(String glob, String name, boolean matches) {
        assertThat(new FunctionNamePattern(glob).matches(name)).isEqualTo(matches);
    }
}
