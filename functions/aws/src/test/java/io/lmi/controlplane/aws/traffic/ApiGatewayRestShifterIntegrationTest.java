package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

@ExtendWith(LocalAwsExtension.class)
class ApiGatewayRestShifterIntegrationTest {
    private static final List<String> STAGES = List.of("prod", "beta");

    private final TrafficClients aws;
    private Migration migration;
    private ApiGatewayRestShifter shifter;
    private String apiId;
    private String ordersResource;
    private String healthResource;

    ApiGatewayRestShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void apiWithALambdaIntegrationDeployedToTwoStages() {
        migration = Migration.create(aws);
        shifter = new ApiGatewayRestShifter(aws.apigateway, aws.lambda);
        apiId = aws.apigateway.createRestApi(request -> request.name("orders-" + UUID.randomUUID().toString()
                .substring(0, 8))).id();
        String root = aws.apigateway.getResources(request -> request.restApiId(apiId)).items().get(0).id();
        ordersResource = method(root, "orders", "POST", IntegrationType.AWS_PROXY, uri(migration.originalAlias()));
        healthResource = method(root, "health", "GET", IntegrationType.MOCK, null);
        for (String stage : STAGES) {
            aws.apigateway.createDeployment(request -> request.restApiId(apiId).stageName(stage)
                    .variables(java.util.Map.of("tier", stage)));
        }
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).qualifier("prod")
                .statementId("api").action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:123456789012:" + apiId + "/*/POST/orders"));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversTheApiWithTheIntegrationsThatInvokeTheFunctionAndItsStages() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.kind()).isEqualTo(TriggerKind.API_GATEWAY_REST);
            assertThat(trigger.id()).isEqualTo(apiId);
            assertThat(trigger.original().get("integrations")).singleElement().satisfies(integration -> {
                assertThat(integration.get("resourceId").asText()).isEqualTo(ordersResource);
                assertThat(integration.get("httpMethod").asText()).isEqualTo("POST");
            });
            assertThat(trigger.original().get("stages")).hasSize(2);
        });
    }

    @Test
    void stepsRunACanaryOnEveryStageAndTheLastPromotesIt() {
        Trigger trigger = onlyTrigger();
        List<GetStageResponse> before = stages();
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState tenPercent = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        assertThat(integrationUri(ordersResource, "POST")).isEqualTo(uri(migration.newAliasArn()));
        for (GetStageResponse stage : stages()) {
            GetStageResponse was = before.stream().filter(s -> s.stageName().equals(stage.stageName())).findFirst()
                    .orElseThrow();
            assertThat(stage.deploymentId()).as("the stage keeps serving the original").isEqualTo(was.deploymentId());
            assertThat(stage.canarySettings().percentTraffic()).isEqualTo(10.0);
            assertThat(stage.canarySettings().deploymentId())
                    .isEqualTo(tenPercent.notes().get("canaryDeployments").get(stage.stageName()).asText());
            assertThat(deployment(stage.canarySettings().deploymentId()).description())
                    .isEqualTo(CreatedResources.canaryDescription(stage.stageName(), migration.operationId()));
        }
        PolicyStatement grant = new FunctionPolicy(aws.lambda).statementsOf(migration.newAliasArn()).stream()
                .filter(s -> ApiGatewayRestShifter.PRINCIPAL.equals(s.principalService())).findFirst().orElseThrow();
        assertThat(grant.sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:" + apiId + "/*");
        assertThat(recorder.creations()).extracting(ProbingRecorder.Event::type).containsExactly(
                CreatedResources.PERMISSION, CreatedResources.API_DEPLOYMENT, CreatedResources.API_DEPLOYMENT);
        assertThat(recorder.creations()).noneMatch(ProbingRecorder.Event::existed);

        TriggerState half = shifter.shift(tenPercent, 50, migration.target(), recorder);
        assertThat(stages()).allSatisfy(stage -> assertThat(stage.canarySettings().percentTraffic()).isEqualTo(50.0));
        assertThat(half.notes().get("canaryDeployments")).isEqualTo(tenPercent.notes().get("canaryDeployments"));

        TriggerState all = shifter.shift(half, 100, migration.target(), recorder);
        assertThat(stages()).allSatisfy(stage -> {
            assertThat(stage.canarySettings()).isNull();
            assertThat(stage.deploymentId())
                    .isEqualTo(all.notes().get("canaryDeployments").get(stage.stageName()).asText());
            assertThat(stage.variables()).containsEntry("tier", stage.stageName());
        });
        assertThat(all.notes().get("promoted").asBoolean()).isTrue();
        assertThat(recorder.creations()).hasSize(3);
    }

    @Test
    void restoreFromACanaryOrAPromotionPutsStagesIntegrationsAndDeploymentsBack() {
        for (int percent : new int[] {10, 100}) {
            Trigger trigger = onlyTrigger();
            List<JsonNode> stagesBefore = comparable(stages());
            List<String> deploymentsBefore = deploymentIds();
            List<String> newPolicyBefore = sids(migration.newAliasArn());
            ProbingRecorder recorder = new ProbingRecorder(aws);
            TriggerState state = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
            if (percent == 100) {
                state = shifter.shift(state, 100, migration.target(), recorder);
            }

            shifter.restore(state, migration.target(), recorder);

            assertThat(comparable(stages())).as("after %d%%", percent).isEqualTo(stagesBefore);
            assertThat(integrationUri(ordersResource, "POST")).isEqualTo(uri(migration.originalAlias()));
            assertThat(deploymentIds()).isEqualTo(deploymentsBefore);
            assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
            assertThat(recorder.outstanding()).isEmpty();
        }
    }

    @Test
    void repeatingAStepMakesNoSecondCanaryDeployment() {
        Trigger trigger = onlyTrigger();
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);
        List<String> deployments = deploymentIds();
        List<JsonNode> stages = comparable(stages());

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(), recorder);

        assertThat(deploymentIds()).isEqualTo(deployments);
        assertThat(comparable(stages())).isEqualTo(stages);
        assertThat(again.notes()).isEqualTo(first.notes());
        assertThat(recorder.creations()).hasSize(3);
    }

    @Test
    void aStageThatAlreadyRunsACanaryIsRefusedBeforeAnythingChanges() {
        Trigger trigger = onlyTrigger();
        aws.apigateway.createDeployment(request -> request.restApiId(apiId).stageName("beta")
                .canarySettings(canary -> canary.percentTraffic(5.0)));

        assertThatThrownBy(() -> shifter.shift(new TriggerState(trigger, 0, null), 10, migration.target(),
                new ProbingRecorder(aws)))
                .isInstanceOf(ShiftRefusedException.class).hasMessageContaining("beta").hasMessageContaining("canary");
        assertThat(integrationUri(ordersResource, "POST")).isEqualTo(uri(migration.originalAlias()));
        assertThat(shifter.describeShift(trigger, 10, migration.target())).contains("10%", "do not deploy the API");
    }

    private Trigger onlyTrigger() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }

    private String method(String parent, String path, String httpMethod, IntegrationType type, String uri) {
        String resource = aws.apigateway.createResource(request -> request.restApiId(apiId).parentId(parent)
                .pathPart(path)).id();
        aws.apigateway.putMethod(request -> request.restApiId(apiId).resourceId(resource).httpMethod(httpMethod)
                .authorizationType("NONE"));
        aws.apigateway.putIntegration(request -> request.restApiId(apiId).resourceId(resource).httpMethod(httpMethod)
                .type(type).integrationHttpMethod(uri == null ? null : "POST").uri(uri));
        return resource;
    }

    private List<GetStageResponse> stages() {
        return STAGES.stream().map(stage -> aws.apigateway.getStage(request -> request.restApiId(apiId)
                .stageName(stage))).toList();
    }

    /** Each stage as GetStage describes it, without the time of its last change. */
    private static List<JsonNode> comparable(List<GetStageResponse> stages) {
        return stages.stream().map(stage -> (JsonNode) SdkPojoJson.toTree(stage)
                .without("LastUpdatedDate")).toList();
    }

    private String integrationUri(String resource, String httpMethod) {
        return aws.apigateway.getIntegration(request -> request.restApiId(apiId).resourceId(resource)
                .httpMethod(httpMethod)).uri();
    }

    private Deployment deployment(String id) {
        return aws.apigateway.getDeployments(request -> request.restApiId(apiId)).items().stream()
                .filter(deployment -> deployment.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> deploymentIds() {
        return aws.apigateway.getDeployments(request -> request.restApiId(apiId)).items().stream().map(Deployment::id)
                .sorted().toList();
    }

    private List<String> sids(String functionArn) {
        return new FunctionPolicy(aws.lambda).statementsOf(functionArn).stream()
                .filter(statement -> functionArn.equals(statement.resource())).map(PolicyStatement::sid).toList();
    }

    private static String uri(String functionArn) {
        return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }

}
