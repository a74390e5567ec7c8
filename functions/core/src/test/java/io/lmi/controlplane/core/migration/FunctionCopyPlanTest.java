package io.lmi.controlplane.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionCopyPlanTest {

    private static final LmiConfiguration CONFIGURATION = new LmiConfiguration(
            new LmiConfiguration.CapacityProvider("arm64", List.of(), 32, null),
            new LmiConfiguration.Function("python3.13", 4096, 4.0, 16),
            new LmiConfiguration.Scaling(3, 10));

    private static FunctionSnapshot orders(String logGroup) {
        return new FunctionSnapshot("orders", "arn:aws:lambda:us-east-1:123456789012:function:orders", "python3.13",
                "app.handler", "Zip", null, 4096, 30, 512, "arm64", "arn:aws:iam::123456789012:role/orders",
                Map.of(), List.of(), false, List.of(), null, 0, null, "PassThrough", "JSON", logGroup, null, null,
                null, null, Map.of(), null, List.of(), null);
    }

    @Test
    void aCustomLogGroupIsCarriedOverAndThePlanSaysSo() {
        FunctionCopyPlan plan = FunctionCopyPlan.of(orders("/teams/payments/orders"), "orders-lmi", CONFIGURATION);

        assertThat(FunctionCopyPlan.copiedLogGroup(orders("/teams/payments/orders"))).isEqualTo("/teams/payments/orders");
        assertThat(plan.changed()).anySatisfy(change -> assertThat(change)
                .contains("/teams/payments/orders").contains("not to /aws/lambda/orders-lmi"));
    }

    @Test
    void theDefaultLogGroupIsNotSharedAndThePlanNamesTheCopysOwnGroup() {
        FunctionCopyPlan plan = FunctionCopyPlan.of(orders("/aws/lambda/orders"), "orders-lmi", CONFIGURATION);

        assertThat(FunctionCopyPlan.copiedLogGroup(orders("/aws/lambda/orders"))).isNull();
        assertThat(FunctionCopyPlan.copiedLogGroup(orders(null))).isNull();
        assertThat(plan.changed()).contains("log group /aws/lambda/orders -> /aws/lambda/orders-lmi (each function's "
                + "default group: point dashboards and log subscriptions there too)");
    }
}
