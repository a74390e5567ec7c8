package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The parsing and naming helpers the shifters share. */
class SmallPartsTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";

    @Test
    void functionArnsSplitIntoNameAndQualifier() {
        assertThat(Arns.qualifier(FUNCTION)).isEmpty();
        assertThat(Arns.qualifier(FUNCTION + ":live")).contains("live");
        assertThat(Arns.unqualified(FUNCTION + ":7")).isEqualTo(FUNCTION);
        assertThat(Arns.functionName(FUNCTION + ":live")).isEqualTo("orders");
        assertThat(Arns.region(FUNCTION)).isEqualTo("us-east-1");
        assertThat(Arns.account(FUNCTION)).isEqualTo("123456789012");
        assertThat(Arns.isFunctionArn(FUNCTION)).isTrue();
        assertThat(Arns.isFunctionArn("arn:aws:sqs:us-east-1:1:q")).isFalse();
        assertThatThrownBy(() -> Arns.region("orders")).hasMessageContaining("is not an ARN");
    }

    @Test
    void statementIdsAreStableValidAndDistinct() {
        String id = StatementIds.of("mig-6f1c2d3e-0000-4000-8000-000000000000", "events", "rule/a");

        assertThat(StatementIds.of("mig-6f1c2d3e-0000-4000-8000-000000000000", "events", "rule/a")).isEqualTo(id);
        assertThat(id).matches("[a-zA-Z0-9-_]{1,100}").startsWith("lmi-mig-6f1c2d3e");
        assertThat(StatementIds.of("mig-6f1c2d3e-0000-4000-8000-000000000000", "events", "rule/b")).isNotEqualTo(id);
        assertThat(StatementIds.of("mig-other", "events", "rule/a")).isNotEqualTo(id);
        assertThat(StatementIds.of("x".repeat(300) + " ünïcode", "url", "k")).matches("[a-zA-Z0-9-_]{1,100}");
    }

    @Test
    void newTargetGroupNamesFitElbRules() {
        var original = new AlbShifter.AlbTargetGroup("arn:tg/1", "a-very-long-target-group-name-indeed", FUNCTION,
                List.of());
        String name = AlbShifter.newTargetGroupName(original,
                new ShiftTarget(FUNCTION, FUNCTION + "-lmi:live", "orders-lmi", "mig-1"));

        assertThat(name).matches("[a-zA-Z0-9-]{1,32}").doesNotEndWith("-").startsWith("lmi-a-very-long");
        assertThat(AlbShifter.newTargetGroupName(original, new ShiftTarget(FUNCTION, FUNCTION + "-lmi:live",
                "orders-lmi", "mig-1"))).isEqualTo(name);
    }

    @Test
    void lambdaIntegrationUrisNameTheFunctionWithAnyQualifier() {
        FunctionTargets orders = new FunctionTargets("orders", FUNCTION, List.of(FUNCTION + ":prod"));
        String prefix = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

        LambdaIntegrationUri byAlias = LambdaIntegrationUri.parse(prefix + FUNCTION + ":prod/invocations").orElseThrow();
        assertThat(byAlias.invokes(orders)).isTrue();
        assertThat(byAlias.withFunction(FUNCTION + "-lmi:live"))
                .isEqualTo(prefix + FUNCTION + "-lmi:live/invocations");
        assertThat(LambdaIntegrationUri.parse(prefix + FUNCTION + ":${stageVariables.alias}/invocations").orElseThrow()
                .invokes(orders)).isTrue();
        assertThat(LambdaIntegrationUri.parse(prefix + FUNCTION + "-other/invocations").orElseThrow().invokes(orders))
                .isFalse();
        assertThat(LambdaIntegrationUri.parse("https://example.com/orders")).isEmpty();
        assertThat(LambdaIntegrationUri.parse(null)).isEmpty();
    }

    @Test
    void sourceArnsNameTheirApiAndRule() {
        assertThat(ApiGatewayRestShifter.apiIdOf("arn:aws:execute-api:us-east-1:1:a1b2c3/*/POST/orders"))
                .contains("a1b2c3");
        assertThat(ApiGatewayRestShifter.apiIdOf("arn:aws:execute-api:us-east-1:1:*/*/*/*")).isEmpty();
        assertThat(ApiGatewayRestShifter.apiIdOf(null)).isEmpty();
        assertThat(EventBridgeRuleShifter.RuleName.parse("arn:aws:events:us-east-1:1:rule/nightly"))
                .contains(new EventBridgeRuleShifter.RuleName("default", "nightly"));
        assertThat(EventBridgeRuleShifter.RuleName.parse("arn:aws:events:us-east-1:1:rule/orders-bus/placed"))
                .contains(new EventBridgeRuleShifter.RuleName("orders-bus", "placed"));
        assertThat(EventBridgeRuleShifter.RuleName.parse("arn:aws:events:us-east-1:1:rule/*")).isEmpty();
        assertThat(StreamShifter.kindOf("arn:aws:dynamodb:us-east-1:1:table/t")).isEmpty();
    }

    @Test
    void pollWaitsUntilDoneAndGivesUpWithWhatItLastSaw() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
        List<Duration> slept = new ArrayList<>();
        Poll poll = new Poll(Duration.ofSeconds(10), Duration.ofSeconds(2), duration -> {
            slept.add(duration);
            now.set(now.get().plus(duration));
        }, now::get);
        Iterator<String> states = List.of("Creating", "Updating", "Enabled").iterator();

        assertThat(poll.until(states::next, "Enabled"::equals, "mapping settles")).isEqualTo("Enabled");
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> poll.until(() -> "Updating", "Enabled"::equals, "mapping settles"))
                .hasMessageContaining("mapping settles did not happen within PT10S").hasMessageContaining("Updating");
    }
}
