package io.lmi.controlplane.functions.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Settings;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * CloudTrail reports every PublishVersion in the account; the handler may read only functions inside the
 * template's ManagedFunctionNamePattern. Its clients point at a port where nothing listens, so any call it makes
 * fails, as IAM's denial would for a function outside the pattern.
 */
class AutoRolloutHandlerTest {
    private final AwsClients unreachable = AwsClients.of(Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), URI.create("http://127.0.0.1:9"));
    private final AutoRolloutHandler handler = new AutoRolloutHandler(new ControlPlane(Map.of(
            ControlPlane.LEDGER_TABLE, "ledger", ControlPlane.EVENT_BUS, "bus",
            Settings.MANAGED_FUNCTION_NAME_PATTERN, "team-a-*"), unreachable, Clock.systemUTC()));

    @AfterEach
    void close() {
        unreachable.close();
    }

    private static JsonNode publishVersion(String function) {
        return Json.tree(Map.of("source", "aws.lambda", "detail", Map.of(
                "eventName", "PublishVersion20150331", "eventID", "event-" + function,
                "requestParameters", Map.of("functionName", function),
                "responseElements", Map.of("functionName", function, "version", "4", "description", "release"))));
    }

    @Test
    void aPublishOutsideTheManagedPatternIsSkippedWithoutTouchingTheFunction() {
        Map<String, Object> result = handler.handle(publishVersion("payments-api"), null);

        assertThat(result).containsEntry("requested", false);
        assertThat(result.get("reason").toString()).contains("outside ManagedFunctionNamePattern team-a-*");
    }

    @Test
    void aPublishInsideThePatternIsLookedUpInTheAccount() {
        assertThatThrownBy(() -> handler.handle(publishVersion("team-a-orders"), null)).isInstanceOf(SdkException.class);
    }
}
