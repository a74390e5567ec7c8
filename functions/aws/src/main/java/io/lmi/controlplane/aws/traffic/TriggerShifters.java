package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.TriggerKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Which shifter moves each kind of trigger. Every kind has exactly one. */
public final class TriggerShifters {
    private final Map<TriggerKind, TriggerShifter> byKind = new EnumMap<>(TriggerKind.class);
    private final List<TriggerShifter> shifters;

    public TriggerShifters(List<TriggerShifter> shifters) {
        this.shifters = List.copyOf(new LinkedHashSet<>(shifters));
        for (TriggerShifter shifter : this.shifters) {
            for (TriggerKind kind : shifter.kinds()) {
                TriggerShifter previous = byKind.putIfAbsent(kind, shifter);
                if (previous != null) {
                    throw new IllegalArgumentException(kind + " is claimed by both " + previous.getClass().getSimpleName()
                            + " and " + shifter.getClass().getSimpleName() + ": give each kind one shifter");
                }
            }
        }
        List<TriggerKind> missing = new ArrayList<>();
        for (TriggerKind kind : TriggerKind.values()) {
            if (!byKind.containsKey(kind)) {
                missing.add(kind);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no shifter for " + missing + ": a migration would leave those triggers on "
                    + "the original function unnoticed");
        }
    }

    /**
     * The control plane's shifters, over clients built once by the caller; build {@code apigateway} with
     * {@link ApiGatewayRestShifter#client}, which can send the PATCH requests a canary release needs.
     */
    public static TriggerShifters standard(LambdaClient lambda, EventBridgeClient events, SnsClient sns,
                                           ApiGatewayClient apigateway, ElasticLoadBalancingV2Client elb,
                                           SqsConcurrencySplit sqsSplit, Clock clock) {
        return new TriggerShifters(List.of(
                new SqsShifter(lambda, sqsSplit),
                new StreamShifter(lambda),
                new EventBridgeRuleShifter(events, lambda),
                new SnsShifter(sns, lambda, clock),
                new ApiGatewayRestShifter(apigateway, lambda),
                new AlbShifter(elb, lambda),
                new ManualShifter(lambda)));
    }

    public TriggerShifter forKind(TriggerKind kind) {
        return byKind.get(kind);
    }

    /** Each shifter once, in the order given. */
    public List<TriggerShifter> all() {
        return shifters;
    }
}
