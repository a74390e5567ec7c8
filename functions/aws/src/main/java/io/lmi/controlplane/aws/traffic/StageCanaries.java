package io.lmi.controlplane.aws.traffic;

import io.lmi.controlplane.core.traffic.ShiftTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CanarySettings;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * A migration's canary release on one REST API stage, as the API Gateway developer guide describes it: a deployment
 * made with canary settings, its share changed with UpdateStage, promoted by making it the stage's deployment, or
 * removed. The migration's deployment is found by its description, so a retried step or a rollback finds it without
 * notes. Each change is made only when the stage differs from what is wanted.
 */
final class StageCanaries {
    private final ApiGatewayClient apigateway;

    StageCanaries(ApiGatewayClient apigateway) {
        this.apigateway = apigateway;
    }

    /** The deployment this migration made for the stage, if any. */
    Optional<String> migrationDeployment(String apiId, String stage, ShiftTarget target) {
        String description = CreatedResources.canaryDescription(stage, target.operationId());
        return apigateway.getDeploymentsPaginator(request -> request.restApiId(apiId)).items().stream()
                .filter(deployment -> description.equals(deployment.description())).map(Deployment::id).findFirst();
    }

    /** A canary of a deployment that is not this migration's (another release in progress), if there is one. */
    Optional<String> foreignCanary(String apiId, String stage, ShiftTarget target) {
        CanarySettings canary = stage(apiId, stage).canarySettings();
        if (canary == null || canary.deploymentId() == null) {
            return Optional.empty();
        }
        return migrationDeployment(apiId, stage, target).filter(canary.deploymentId()::equals).isPresent()
                ? Optional.empty() : Optional.of(canary.deploymentId());
    }

    /**
     * Gives {@code percentOnNew} (1-99) of the stage's requests to the migration's deployment, which is made on first
     * use; at 100 it only makes sure the deployment exists ({@link #promote} finishes). Returns its id.
     */
    String ensure(String apiId, String stage, String stageDeployment, int percentOnNew, ShiftTarget target,
                  ResourceRecorder recorder) {
        Optional<String> ours = migrationDeployment(apiId, stage, target);
        if (ours.isEmpty()) {
            recorder.creating(CreatedResources.API_DEPLOYMENT,
                    CreatedResources.deploymentId(apiId, stage, target.operationId()), target.newFunctionName());
            return apigateway.createDeployment(request -> request.restApiId(apiId).stageName(stage)
                    .description(CreatedResources.canaryDescription(stage, target.operationId()))
                    .canarySettings(canary -> canary.percentTraffic((double) percentOnNew).useStageCache(false))).id();
        }
        if (percentOnNew == 100) {
            return ours.get();
        }
        GetStageResponse now = stage(apiId, stage);
        List<PatchOperation> operations = new ArrayList<>();
        if (!Objects.equals(stageDeployment, now.deploymentId())) {
            // Promoted by an earlier attempt: the stage serves its original again and the canary takes the share.
            operations.add(replace("/deploymentId", stageDeployment));
        }
        CanarySettings canary = now.canarySettings();
        String percent = String.valueOf((double) percentOnNew);
        if (canary == null || !ours.get().equals(canary.deploymentId())) {
            operations.add(replace("/canarySettings/deploymentId", ours.get()));
            operations.add(replace("/canarySettings/percentTraffic", percent));
        } else if (canary.percentTraffic() == null || canary.percentTraffic() != percentOnNew) {
            operations.add(replace("/canarySettings/percentTraffic", percent));
        }
        update(apiId, stage, operations);
        return ours.get();
    }

    /** The stage serves the deployment itself, without a canary: every request reaches the new function. */
    void promote(String apiId, String stage, String deployment) {
        GetStageResponse now = stage(apiId, stage);
        List<PatchOperation> operations = new ArrayList<>();
        if (!deployment.equals(now.deploymentId())) {
            operations.add(replace("/deploymentId", deployment));
        }
        if (now.canarySettings() != null) {
            operations.add(remove("/canarySettings"));
        }
        update(apiId, stage, operations);
    }

    /** The stage serves {@code stageDeployment} again and the migration's canary is gone from it. */
    void restore(String apiId, String stage, String stageDeployment, ShiftTarget target) {
        Optional<String> ours = migrationDeployment(apiId, stage, target);
        GetStageResponse now = stage(apiId, stage);
        List<PatchOperation> operations = new ArrayList<>();
        if (!Objects.equals(stageDeployment, now.deploymentId())) {
            operations.add(replace("/deploymentId", stageDeployment));
        }
        CanarySettings canary = now.canarySettings();
        if (canary != null && ours.isPresent() && ours.get().equals(canary.deploymentId())) {
            operations.add(remove("/canarySettings"));
        }
        update(apiId, stage, operations);
    }

    /** Deletes the migration's deployment of the stage (once no stage serves it); whether there was one. */
    boolean deleteDeployment(String apiId, String stage, ShiftTarget target) {
        Optional<String> ours = migrationDeployment(apiId, stage, target);
        if (ours.isEmpty()) {
            return false;
        }
        try {
            apigateway.deleteDeployment(request -> request.restApiId(apiId).deploymentId(ours.get()));
        } catch (NotFoundException alreadyGone) {
            // Deleted by an earlier attempt of this rollback.
        }
        return true;
    }

    private GetStageResponse stage(String apiId, String stage) {
        return apigateway.getStage(request -> request.restApiId(apiId).stageName(stage));
    }

    private void update(String apiId, String stage, List<PatchOperation> operations) {
        if (!operations.isEmpty()) {
            apigateway.updateStage(request -> request.restApiId(apiId).stageName(stage).patchOperations(operations));
        }
    }

    static PatchOperation replace(String path, String value) {
        return PatchOperation.builder().op(Op.REPLACE).path(path).value(value).build();
    }

    private static PatchOperation remove(String path) {
        return PatchOperation.builder().op(Op.REMOVE).path(path).build();
    }
}
