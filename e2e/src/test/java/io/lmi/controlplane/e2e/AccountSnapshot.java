package io.lmi.controlplane.e2e;

import io.lmi.controlplane.cli.local.seed.Workload;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** What a rollback must leave exactly as it was: a workload's triggers, its functions, the original's policy. */
final class AccountSnapshot {
    private AccountSnapshot() {
    }

    static Map<String, String> of(MigrationScenario scenario, Workload.Seeded workload) {
        Map<String, String> snapshot = new TreeMap<>();
        for (EventSourceMappingConfiguration m : scenario.lambda.listEventSourceMappings(r -> r.eventSourceArn(workload.queueArn()))
                .eventSourceMappings()) {
            snapshot.put("mapping " + m.uuid(), m.functionArn() + " " + m.state() + " " + m.scalingConfig());
        }
        var stage = scenario.apiGateway.getStage(r -> r.restApiId(workload.restApiId()).stageName(workload.stage()));
        snapshot.put("stage", stage.deploymentId() + " canary=" + stage.canarySettings());
        scenario.apiGateway.getResources(r -> r.restApiId(workload.restApiId()).embed("methods")).items().stream()
                .filter(resource -> resource.resourceMethods() != null)
                .forEach(resource -> snapshot.put("integration " + resource.path(), scenario.apiGateway.getIntegration(r -> r
                        .restApiId(workload.restApiId()).resourceId(resource.id()).httpMethod("ANY")).uri()));
        for (FunctionConfiguration f : scenario.lambda.listFunctions().functions()) {
            if (f.functionName().startsWith(scenario.function)) {
                snapshot.put("function " + f.functionName(), f.functionArn());
            }
        }
        snapshot.put("policy", scenario.lambda.getPolicy(r -> r.functionName(scenario.function)).policy());
        return snapshot;
    }
}
