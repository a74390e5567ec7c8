package io.lmi.controlplane.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CostRequestValidationTest {

    private static CostRequest.Builder valid() {
        return CostRequest.builder().runtime("python3.13").memoryMb(512).avgDurationMs(100).requestsPerMonth(1000);
    }

    static Stream<Arguments> impossibleInputs() {
        return Stream.of(
                Arguments.of(CostField.REQUESTS_PER_MONTH, (UnaryOperator<CostRequest.Builder>) b -> b.requestsPerMonth(-1)),
                Arguments.of(CostField.AVG_DURATION_MS, (UnaryOperator<CostRequest.Builder>) b -> b.avgDurationMs(0)),
                Arguments.of(CostField.AVG_DURATION_MS, (UnaryOperator<CostRequest.Builder>) b -> b.avgDurationMs(900_001)),
                Arguments.of(CostField.MEMORY_MB, (UnaryOperator<CostRequest.Builder>) b -> b.memoryMb(127)),
                Arguments.of(CostField.MEMORY_MB, (UnaryOperator<CostRequest.Builder>) b -> b.memoryMb(10_241)),
                Arguments.of(CostField.RUNTIME, (UnaryOperator<CostRequest.Builder>) b -> b.runtime("ruby3.3")),
                Arguments.of(CostField.RUNTIME, (UnaryOperator<CostRequest.Builder>) b -> b.runtime("provided.al2023")),
                Arguments.of(CostField.RUNTIME, (UnaryOperator<CostRequest.Builder>) b -> b.runtime(null)),
                Arguments.of(CostField.PEAK_CONCURRENCY,
                        (UnaryOperator<CostRequest.Builder>) b -> b.peakConcurrency(new BigDecimal("-1"))),
                Arguments.of(CostField.INSTANCE_TYPE, (UnaryOperator<CostRequest.Builder>) b -> b.instanceType("big")),
                Arguments.of(CostField.INSTANCES, (UnaryOperator<CostRequest.Builder>) b -> b.instances(0)),
                Arguments.of(CostField.INSTANCE_HOURS,
                        (UnaryOperator<CostRequest.Builder>) b -> b.instanceHours(BigDecimal.ZERO)),
                Arguments.of(CostField.INSTANCE_HOURS,
                        (UnaryOperator<CostRequest.Builder>) b -> b.instances(3).instanceHours(BigDecimal.TEN)),
                Arguments.of(CostField.REGION, (UnaryOperator<CostRequest.Builder>) b -> b.region(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleInputs")
    void impossibleInputsAreRefusedNamingTheField(CostField field, UnaryOperator<CostRequest.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(InvalidCostInputException.class)
                .satisfies(e -> assertThat(((InvalidCostInputException) e).field()).isEqualTo(field));
    }

    @Test
    void runtimesParseByFamily() {
        assertThat(RuntimeFamily.parse("nodejs24.x")).isEqualTo(RuntimeFamily.NODEJS);
        assertThat(RuntimeFamily.parse("Java")).isEqualTo(RuntimeFamily.JAVA);
        assertThat(RuntimeFamily.parse("dotnet10")).isEqualTo(RuntimeFamily.DOTNET);
        assertThat(RuntimeFamily.parse("python3.9")).isEqualTo(RuntimeFamily.PYTHON);
        assertThat(RuntimeFamily.isLmiRuntimeId("python3.9")).isFalse();
        assertThat(RuntimeFamily.isLmiRuntimeId("java25")).isTrue();
        assertThatThrownBy(() -> RuntimeFamily.parse("provided.al2023"))
                .hasMessageContaining("no per-vCPU concurrency default");
    }

    @Test
    void discountRatesMustBeAShare() {
        assertThatThrownBy(() -> SavingsOption.customEc2(new BigDecimal("72")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.72 for 72%");
        assertThatThrownBy(() -> SavingsOption.customLambda(new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SavingsOption.customEc2(BigDecimal.ZERO).discountRate()).isZero();
    }
}
