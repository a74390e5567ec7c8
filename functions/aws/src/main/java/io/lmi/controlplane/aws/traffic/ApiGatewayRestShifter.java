package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.JdkHttpClient;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Shares a REST API's (API Gateway v1) traffic with a canary release on each of its stages. The first step points
 * the API's Lambda integrations at the new alias in the API definition, then deploys a canary on each stage with
 * {@code percentTraffic = p}: the stage's own deployment keeps the original integrations, the canary deployment has
 * the new ones, and API Gateway sends each request to one of them at random in that proportion (so the split is
 * exact in expectation, per request). Later steps change percentTraffic; 100% promotes the canary deployment to the
 * stage's deployment. A rollback removes the canary (or gives the stage its original deployment back), and puts the
 * integrations' URIs back in the API definition so that the next deployment by the team does not ship the new target.
 *
 * <p>Caveats (the first two are said in {@link #describeShift}): a canary deployment ships the API's current definition, so changes
 * made to the API and not yet deployed go out with it; a deployment of the API by the team during the migration
 * ships the new integrations to the whole stage; an integration that picked the alias with a stage variable names the
 * new alias directly afterwards. A stage that already runs a canary is refused: promote or delete it first. HTTP
 * APIs (v2) are not covered.
 *
 * <p>Build its client with {@link #client}: the project's shared HTTP client cannot send the PATCH requests it makes.
 *
 * <p>Notes ({@link ApiNotes}): the permission, each stage's canary deployment id, and whether they were promoted.
 */
public final class ApiGatewayRestShifter implements TriggerShifter {
    static final String PRINCIPAL = "apigateway.amazonaws.com";
    private static final String PURPOSE = "apigw";

    private final ApiGatewayClient apigateway;
    private final StageCanaries canaries;
    private final FunctionPolicy policy;
    private final InvokePermissions permissions;

    public ApiGatewayRestShifter(ApiGatewayClient apigateway, LambdaClient lambda) {
        this.apigateway = apigateway;
        this.canaries = new StageCanaries(apigateway);
        this.policy = new FunctionPolicy(lambda);
        this.permissions = new InvokePermissions(lambda);
    }

    /**
     * The API Gateway client this shifter needs: the shared configuration with an HTTP client that can send PATCH
     * (UpdateStage and UpdateIntegration are PATCH requests, which the shared url-connection client refuses).
     */
    public static ApiGatewayClient client(AwsClients clients) {
        return clients.configure(ApiGatewayClient.builder()).httpClient(JdkHttpClient.create()).build();
    }

    /** A method whose integration invokes the function; {@code uri} as discovered. */
    public record LambdaIntegration(String resourceId, String path, String httpMethod, String uri) {
    }

    /** A stage as discovered: the deployment it serves. */
    public record StageDeployment(String stageName, String deploymentId) {
    }

    public record RestApiTrigger(String restApiId, String name, List<LambdaIntegration> integrations,
                                 List<StageDeployment> stages) {
        public RestApiTrigger {
            integrations = List.copyOf(integrations);
            stages = List.copyOf(stages);
        }
    }

    /** @param canaryDeployments stage name to the deployment this migration made on it */
    public record ApiNotes(String permissionId, Map<String, String> canaryDeployments, boolean promoted) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.API_GATEWAY_REST);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        List<Trigger> triggers = new ArrayList<>();
        for (String apiId : candidateApis(function)) {
            String name;
            try {
                name = apigateway.getRestApi(request -> request.restApiId(apiId)).name();
            } catch (NotFoundException notRest) {
                // A statement for an HTTP API (v2), or one that outlived its API.
                continue;
            }
            List<LambdaIntegration> integrations = integrations(apiId, function);
            if (integrations.isEmpty()) {
                continue;
            }
            List<StageDeployment> stages = apigateway.getStages(request -> request.restApiId(apiId)).item().stream()
                    .map(stage -> new StageDeployment(stage.stageName(), stage.deploymentId())).toList();
            triggers.add(new Trigger(TriggerKind.API_GATEWAY_REST, apiId, "REST API " + name + " (" + apiId + ")",
                    Notes.write(new RestApiTrigger(apiId, name, integrations, stages))));
        }
        return triggers;
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requirePercent(percentOnNew);
        RestApiTrigger api = original(current.trigger());
        if (percentOnNew == 0) {
            restore(current, target, recorder);
            return current.withShift(0, null);
        }
        refuseForeignCanaries(api, target);
        String permissionId = permissions.grant(InvokePermissions.Grant.invoke(target.newFunctionArn(),
                statementId(api, target), PRINCIPAL, executeApiArn(api, target)), recorder, target.newFunctionName());
        for (LambdaIntegration integration : api.integrations()) {
            setUri(api, integration, LambdaIntegrationUri.parse(integration.uri()).orElseThrow()
                    .withFunction(target.newFunctionArn()));
        }
        Map<String, String> deployments = new LinkedHashMap<>();
        for (StageDeployment stage : api.stages()) {
            String deployment = canaries.ensure(api.restApiId(), stage.stageName(), stage.deploymentId(), percentOnNew,
                    target, recorder);
            if (percentOnNew == 100) {
                canaries.promote(api.restApiId(), stage.stageName(), deployment);
            }
            deployments.put(stage.stageName(), deployment);
        }
        return current.withShift(percentOnNew, Notes.write(new ApiNotes(permissionId, deployments, percentOnNew == 100)));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        RestApiTrigger api = original(current.trigger());
        for (StageDeployment stage : api.stages()) {
            canaries.restore(api.restApiId(), stage.stageName(), stage.deploymentId(), target);
        }
        for (LambdaIntegration integration : api.integrations()) {
            setUri(api, integration, integration.uri());
        }
        for (StageDeployment stage : api.stages()) {
            if (canaries.deleteDeployment(api.restApiId(), stage.stageName(), target)) {
                recorder.deleted(CreatedResources.API_DEPLOYMENT,
                        CreatedResources.deploymentId(api.restApiId(), stage.stageName(), target.operationId()));
            }
        }
        permissions.revoke(CreatedResources.permissionId(target.newFunctionArn(), statementId(api, target)), recorder);
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requirePercent(percentOnNew);
        RestApiTrigger api = original(trigger);
        String stages = String.join(", ", api.stages().stream().map(StageDeployment::stageName).toList());
        if (percentOnNew == 0) {
            return "REST API " + api.name() + ": stages " + stages + " serve their original deployments, without a "
                    + "canary, and the API's " + api.integrations().size() + " Lambda integration(s) invoke the original "
                    + "function again.";
        }
        if (percentOnNew == 100) {
            return "REST API " + api.name() + ": promote the canary on stages " + stages + " so that every request "
                    + "invokes " + target.newFunctionArn() + ".";
        }
        return "REST API " + api.name() + ": point " + api.integrations().size() + " Lambda integration(s) at "
                + target.newFunctionArn() + " in the API definition and send " + percentOnNew + "% of the requests "
                + "of stages " + stages + " to a canary deployment of it (the canary ships the API's current "
                + "definition, including changes not deployed yet; do not deploy the API while the migration runs).";
    }

    private void refuseForeignCanaries(RestApiTrigger api, ShiftTarget target) {
        for (StageDeployment stage : api.stages()) {
            canaries.foreignCanary(api.restApiId(), stage.stageName(), target).ifPresent(deployment -> {
                throw new ShiftRefusedException("stage " + stage.stageName() + " of REST API " + api.name() + " ("
                        + api.restApiId() + ") already runs a canary release of deployment " + deployment
                        + ": promote or delete that canary before migrating the function");
            });
        }
    }

    private void setUri(RestApiTrigger api, LambdaIntegration integration, String uri) {
        String now = apigateway.getIntegration(request -> request.restApiId(api.restApiId())
                .resourceId(integration.resourceId()).httpMethod(integration.httpMethod())).uri();
        if (!uri.equals(now)) {
            apigateway.updateIntegration(request -> request.restApiId(api.restApiId()).resourceId(integration.resourceId())
                    .httpMethod(integration.httpMethod()).patchOperations(StageCanaries.replace("/uri", uri)));
        }
    }

    private List<LambdaIntegration> integrations(String apiId, FunctionTargets function) {
        List<LambdaIntegration> integrations = new ArrayList<>();
        for (Resource resource : apigateway.getResourcesPaginator(request -> request.restApiId(apiId).embed("methods"))
                .items()) {
            for (Map.Entry<String, Method> method : resource.resourceMethods().entrySet()) {
                var integration = method.getValue().methodIntegration();
                if (integration != null && LambdaIntegrationUri.parse(integration.uri())
                        .filter(uri -> uri.invokes(function)).isPresent()) {
                    integrations.add(new LambdaIntegration(resource.id(), resource.path(), method.getKey(),
                            integration.uri()));
                }
            }
        }
        return integrations;
    }

    /** REST APIs named by the function's policy; all of them when a statement is not scoped to one API. */
    private Set<String> candidateApis(FunctionTargets function) {
        Set<String> apis = new LinkedHashSet<>();
        for (PolicyStatement statement : policy.statements(function)) {
            if (!statement.isFrom(PRINCIPAL) || !statement.allowsInvoke()) {
                continue;
            }
            Optional<String> api = apiIdOf(statement.sourceArn());
            if (api.isEmpty()) {
                apigateway.getRestApisPaginator(request -> { }).items().forEach(item -> apis.add(item.id()));
                return apis;
            }
            apis.add(api.get());
        }
        return apis;
    }

    /** {@code arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<method>/<path>}: the API id, unless a wildcard. */
    static Optional<String> apiIdOf(String sourceArn) {
        if (sourceArn == null || !sourceArn.contains(":execute-api:")) {
            return Optional.empty();
        }
        String resource = sourceArn.substring(sourceArn.lastIndexOf(':') + 1);
        String apiId = resource.split("/", 2)[0];
        return apiId.isEmpty() || apiId.contains("*") || apiId.contains("?") ? Optional.empty() : Optional.of(apiId);
    }

    private static String executeApiArn(RestApiTrigger api, ShiftTarget target) {
        String alias = target.newFunctionArn();
        return "arn:" + Arns.partition(alias) + ":execute-api:" + Arns.region(alias) + ":" + Arns.account(alias) + ":"
                + api.restApiId() + "/*";
    }

    private static String statementId(RestApiTrigger api, ShiftTarget target) {
        return StatementIds.of(target.operationId(), PURPOSE, api.restApiId());
    }

    private static RestApiTrigger original(Trigger trigger) {
        if (trigger.kind() != TriggerKind.API_GATEWAY_REST) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " is not a REST API");
        }
        return Notes.require(trigger.original(), RestApiTrigger.class, "the original REST API of " + trigger.id());
    }
}
