package io.lmi.controlplane.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.rollout.VersionRetention.Action;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RolloutCoreTest {

    @Test
    void weightsAreAliasSharesAndMustStayBetweenZeroAndOne() {
        RolloutRequest request = Json.read("{\"functionName\":\"orders\",\"alias\":\"live\",\"version\":\"7\","
                + "\"weights\":[0.1, 1.5, 1.0]}", RolloutRequest.class, "rollout request");
        assertThatThrownBy(request::validate).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("weights[1]"))
                .hasMessageContaining("1.5 is outside (0, 1]");

        RolloutRequest good = Json.read("{\"functionName\":\"orders\",\"alias\":\"live\",\"version\":\"7\","
                + "\"weights\":[0.1, 0.5, 1.0]}", RolloutRequest.class, "rollout request");
        good.validate();
        assertThat(good.percentSteps()).containsExactly(10, 50, 100);
    }

    @Test
    void aVersionOrPublishButNotBothAndNeverAnAliasAsVersion() {
        assertThatThrownBy(() -> request(null, false).validate()).hasMessageContaining("neither version nor publish");
        assertThatThrownBy(() -> request("7", true).validate()).hasMessageContaining("is given together with publish");
        assertThatThrownBy(() -> request("live", false).validate())
                .hasMessageContaining("version: 'live' is not valid (use a published version number");
        request("7", false).validate();
        request(null, true).validate();
    }

    private static RolloutRequest request(String version, boolean publish) {
        return new RolloutRequest("orders", "live", version, publish, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void theNewVersionHoldsItsShareWithHeadroomAndNeverLessThanTheFloor() {
        RolloutScaling scaling = RolloutScaling.DEFAULTS;
        assertThat(scaling.forShare(10, 40, 10)).isEqualTo(new RolloutScaling.Limits(3, 40));
        assertThat(scaling.forShare(10, 40, 50)).isEqualTo(new RolloutScaling.Limits(8, 40));
        assertThat(scaling.forShare(10, 40, 100)).isEqualTo(new RolloutScaling.Limits(15, 40));
        assertThat(scaling.forShare(30, 40, 100)).isEqualTo(new RolloutScaling.Limits(45, 45));
        assertThat(scaling.forShare(3, null, 100).max()).isNull();
    }

    @Test
    void theShareIsOfTheOldVersionsPeakWhenItRanAboveItsMinimum() {
        RolloutScaling scaling = RolloutScaling.DEFAULTS;
        // 10 configured, 20 at the recent peak: 50% of 20 with 1.5 headroom is 15, where the minimum alone gave 8.
        assertThat(scaling.forShare(10, 20, 40, 50)).isEqualTo(new RolloutScaling.Limits(15, 40));
        assertThat(scaling.forShare(10, 20, 40, 100)).isEqualTo(new RolloutScaling.Limits(30, 40));
        // A quiet peak never takes the new version below the old one's minimum share.
        assertThat(scaling.forShare(10, 2, 40, 50)).isEqualTo(scaling.forShare(10, 40, 50));
    }

    @Test
    void headroomIsTheRequestsOrTheDocumentedDefault() {
        assertThat(RolloutScaling.withHeadroom(null)).isEqualTo(RolloutScaling.DEFAULTS);
        assertThat(RolloutScaling.withHeadroom(2.0).forShare(10, 0, null, 50)).isEqualTo(new RolloutScaling.Limits(10, null));
        assertThat(RolloutScaling.withHeadroom(1.0).forShare(10, 0, null, 10).min()).isEqualTo(RolloutScaling.PRODUCTION_FLOOR);
        RolloutRequest defaulted = Json.read("{\"functionName\":\"orders\",\"alias\":\"live\",\"version\":\"7\"}",
                RolloutRequest.class, "rollout request").withDefaults(null);
        assertThat(defaulted.headroom()).isEqualTo(RolloutScaling.DEFAULT_HEADROOM);
    }

    @Test
    void aHeadroomOutsideItsRangeIsRefusedNamingTheField() {
        for (String bad : List.of("0.5", "4.5", "0")) {
            RolloutRequest request = Json.read("{\"functionName\":\"orders\",\"alias\":\"live\",\"version\":\"7\","
                    + "\"headroom\":" + bad + "}", RolloutRequest.class, "rollout request");
            assertThatThrownBy(request::validate).as(bad).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("headroom"))
                    .hasMessageContaining("is outside 1.0 to 4.0");
        }
        Json.read("{\"functionName\":\"orders\",\"alias\":\"live\",\"version\":\"7\",\"headroom\":2.5}",
                RolloutRequest.class, "rollout request").validate();
    }

    @RepeatedTest(300)
    void theNewVersionNeverHoldsLessThanItsShareOfTheOldLoadNorLessThanTheFloor(RepetitionInfo repetition) {
        Random random = new Random(7_000 + repetition.getCurrentRepetition());
        int min = random.nextInt(200);
        int peak = random.nextInt(400);
        Integer max = random.nextBoolean() ? null : random.nextInt(500);
        int percent = 1 + random.nextInt(100);
        double headroom = RolloutScaling.MIN_HEADROOM
                + random.nextDouble() * (RolloutScaling.MAX_HEADROOM - RolloutScaling.MIN_HEADROOM);
        RolloutScaling.Limits limits = RolloutScaling.withHeadroom(headroom).forShare(min, peak, max, percent);
        double share = Math.max(min, peak) * percent / 100.0;
        assertThat(limits.min()).isGreaterThanOrEqualTo(RolloutScaling.PRODUCTION_FLOOR)
                .isGreaterThanOrEqualTo((int) Math.ceil(share * headroom - 1e-9));
        if (max != null) {
            assertThat(limits.max()).isGreaterThanOrEqualTo(limits.min());
        }
    }

    @Test
    void retentionKeepsTheNewestReadyDeactivatesTheNextAndDeletesTheRest() {
        List<String> versions = List.of("1", "2", "3", "4", "5", "6", "7", "8");
        Map<String, Action> actions = VersionRetention.decide(versions, "8", Set.of("2"), VersionRetention.Policy.DEFAULTS);
        assertThat(actions).containsEntry("8", Action.KEEP).containsEntry("7", Action.KEEP)
                .containsEntry("6", Action.DEACTIVATE).containsEntry("5", Action.DEACTIVATE).containsEntry("4", Action.DEACTIVATE)
                .containsEntry("3", Action.DELETE).containsEntry("2", Action.KEEP).containsEntry("1", Action.DELETE);
    }

    @RepeatedTest(200)
    void retentionNeverTouchesTheCurrentOrReferencedVersionsAndBoundsWhatStaysActive(RepetitionInfo repetition) {
        // Seeded per repetition, so a failing case reproduces.
        Random random = new Random(repetition.getCurrentRepetition());
        int count = 1 + random.nextInt(120);
        List<String> versions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            versions.add(String.valueOf(i));
        }
        String current = String.valueOf(1 + random.nextInt(count));
        Set<String> referenced = Set.of(String.valueOf(1 + random.nextInt(count)));
        VersionRetention.Policy policy = new VersionRetention.Policy(random.nextInt(3), random.nextInt(5));

        Map<String, Action> actions = VersionRetention.decide(versions, current, referenced, policy);

        assertThat(actions.get(current)).isEqualTo(Action.KEEP);
        referenced.forEach(v -> assertThat(actions.get(v)).isEqualTo(Action.KEEP));
        long olderKept = actions.entrySet().stream().filter(e -> e.getValue() == Action.KEEP)
                .filter(e -> Long.parseLong(e.getKey()) < Long.parseLong(current)).filter(e -> !referenced.contains(e.getKey()))
                .count();
        assertThat(olderKept).isLessThanOrEqualTo(policy.keepReady());
        assertThat(actions.values().stream().filter(a -> a == Action.DEACTIVATE).count())
                .isLessThanOrEqualTo(policy.keepDeactivated());
    }
}
