package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class ForwardActionsTest {
    private static final String ORIGINAL = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/1";
    private static final String NEW = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lmi-orders/2";
    private static final String OTHER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/billing/3";

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 50, 99, 100})
    void aPlainForwardBecomesAWeightedPair(int percent) {
        Action plain = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(ORIGINAL).build();

        List<Action> split = ForwardActions.split(List.of(plain), ORIGINAL, NEW, percent);

        assertThat(weights(split.get(0))).isEqualTo(Map.of(ORIGINAL, 100 - percent, NEW, percent));
        assertThat(split.get(0).targetGroupArn()).as("two groups are named in ForwardConfig only").isNull();
    }

    @Test
    void stickinessOtherGroupsAndOtherActionsAreKept() {
        Action authenticate = Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1)
                .authenticateOidcConfig(oidc -> oidc.issuer("https://id.example.com").clientId("shop")).build();
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).order(2).forwardConfig(config -> config
                .targetGroups(group(ORIGINAL, 3), group(OTHER, 1))
                .targetGroupStickinessConfig(sticky -> sticky.enabled(true).durationSeconds(120))).build();

        List<Action> split = ForwardActions.split(List.of(authenticate, forward), ORIGINAL, NEW, 10);

        assertThat(split.get(0)).isEqualTo(authenticate);
        assertThat(split.get(1).order()).isEqualTo(2);
        assertThat(split.get(1).forwardConfig().targetGroupStickinessConfig().durationSeconds()).isEqualTo(120);
        // 3:1 scaled by 100 is 300:100; the original's 300 is split 270:30.
        assertThat(weights(split.get(1))).isEqualTo(Map.of(ORIGINAL, 270, NEW, 30, OTHER, 100));
    }

    @RepeatedTest(100)
    void weightsStayInRangeAndOtherGroupsKeepTheirProportion(RepetitionInfo repetition) {
        Random random = new Random(104729L * repetition.getCurrentRepetition());
        int originalWeight = random.nextInt(1000);
        int otherWeight = 1 + random.nextInt(999);
        int percent = 1 + random.nextInt(100);
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(config -> config
                .targetGroups(group(ORIGINAL, originalWeight), group(OTHER, otherWeight))).build();

        Map<String, Integer> weights = weights(ForwardActions.split(List.of(forward), ORIGINAL, NEW, percent).get(0));

        assertThat(weights.values()).allSatisfy(weight -> assertThat(weight).isBetween(0, ForwardActions.MAX_WEIGHT));
        int scale = weights.get(OTHER) / otherWeight;
        assertThat(weights.get(OTHER)).isEqualTo(otherWeight * scale);
        assertThat(weights.get(ORIGINAL) + weights.get(NEW)).isEqualTo(originalWeight * scale);
        assertThat(Math.abs(weights.get(NEW) - originalWeight * scale * percent / 100.0)).isLessThanOrEqualTo(0.5);
    }

    @Test
    void routingIsComparedAsElbDescribesIt() {
        Action plain = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(ORIGINAL).build();
        Action described = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(ORIGINAL).order(1)
                .forwardConfig(config -> config.targetGroups(group(ORIGINAL, 1))
                        .targetGroupStickinessConfig(sticky -> sticky.enabled(false))).build();
        Action weighted = ForwardActions.split(List.of(plain), ORIGINAL, NEW, 10).get(0);

        assertThat(ForwardActions.sameRouting(List.of(plain), List.of(described))).isTrue();
        assertThat(ForwardActions.sameRouting(List.of(plain), List.of(weighted))).isFalse();
        assertThat(ForwardActions.forwardsTo(List.of(described), ORIGINAL)).isTrue();
        assertThat(ForwardActions.forwardsTo(List.of(described), OTHER)).isFalse();
    }

    private static TargetGroupTuple group(String arn, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
    }

    private static Map<String, Integer> weights(Action action) {
        return action.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }
}
