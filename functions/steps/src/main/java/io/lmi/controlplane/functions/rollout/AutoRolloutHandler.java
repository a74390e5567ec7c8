package io.lmi.controlplane.functions.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.aws.schedule.FunctionNamePattern;
import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Settings;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Starts a rollout when a team publishes a new version of a managed LMI function (CloudTrail's PublishVersion
 * event on the default bus, enabled with the AutoRolloutOnPublish parameter). It puts a RolloutRequested on the
 * control plane's bus, so the rollout is recorded and controlled like any other. Versions the control plane
 * publishes itself (migrations, rollouts with publish) are not rolled out again.
 */
public final class AutoRolloutHandler extends StepHandler<JsonNode, Map<String, Object>> {
    /** The alias an automatic rollout shifts (template parameter AutoRolloutAlias). */
    public static final String ALIAS_ENV = "AUTO_ROLLOUT_ALIAS";
    /** Our own publishes carry this description prefix (LmiFunctions.publish callers). */
    static final String OWN_PUBLISH_PREFIX = "published by ";

    private static final Logger LOG = LoggerFactory.getLogger(AutoRolloutHandler.class);

    private final ControlPlane controlPlane;
    private final LmiFunctions functions;
    /** What the control plane's IAM lets it touch, while CloudTrail reports every publish in the account. */
    private final FunctionNamePattern managed;

    public AutoRolloutHandler() {
        this(ControlPlane.fromEnvironment());
    }

    AutoRolloutHandler(ControlPlane controlPlane) {
        super(JsonNode.class);
        this.controlPlane = controlPlane;
        this.functions = new LmiFunctions(controlPlane.clients().configure(LambdaClient.builder()).build());
        this.managed = new Settings(controlPlane).managedFunctions();
    }

    @Override
    protected Map<String, Object> handle(JsonNode event, StepContext context) {
        JsonNode detail = event.path("detail");
        JsonNode published = detail.path("responseElements");
        String function = published.path("functionName").asText(detail.path("requestParameters").path("functionName").asText(""));
        String version = published.path("version").asText("");
        String alias = controlPlane.setting(ALIAS_ENV).orElse("live");
        if (!"PublishVersion20150331".equals(detail.path("eventName").asText()) || function.isEmpty() || !version.matches("[0-9]+")) {
            return skipped("not a PublishVersion of a numbered version", function, version);
        }
        if (!managed.matches(function)) {
            // Reading it would be denied; a denial would fail the invocation and EventBridge would retry it in vain.
            return skipped("outside ManagedFunctionNamePattern " + managed + ", so not managed by this control plane",
                    function, version);
        }
        if (published.path("description").asText("").startsWith(OWN_PUBLISH_PREFIX)) {
            return skipped("published by the control plane itself", function, version);
        }
        var configuration = functions.configuration(function);
        if (configuration.isEmpty() || configuration.get().capacityProviderConfig() == null) {
            return skipped("not an LMI function", function, version);
        }
        var current = functions.alias(function, alias);
        if (current.isEmpty()) {
            return skipped("it has no alias " + alias, function, version);
        }
        if (current.get().version().equals(version)) {
            return skipped(alias + " already runs it", function, version);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("functionName", function);
        request.put("alias", alias);
        request.put("version", version);
        // One rollout per CloudTrail event, however often EventBridge delivers it.
        request.put("requestId", "auto-" + detail.path("eventID").asText(function + "-" + version));
        request.put("requestedBy", "auto-rollout: " + detail.path("userIdentity").path("arn").asText("a publisher"));
        controlPlane.events().publish(DetailTypes.ROLLOUT_REQUESTED, request);
        LOG.info("requested the rollout of {}:{} behind {}", function, version, alias);
        return Map.of("requested", true, "functionName", function, "version", version, "alias", alias);
    }

    private static Map<String, Object> skipped(String why, String function, String version) {
        LOG.info("no automatic rollout of {}:{}: {}", function, version, why);
        return Map.of("requested", false, "reason", why);
    }
}
