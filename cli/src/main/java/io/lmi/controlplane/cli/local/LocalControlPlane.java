package io.lmi.controlplane.cli.local;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import io.lmi.controlplane.cli.local.deploy.DeployedControlPlane;
import io.lmi.controlplane.cli.local.deploy.LocalDeployer;
import io.lmi.controlplane.local.LocalAws;
import java.util.HashMap;
import java.util.Map;

/**
 * The control plane deployed into the local AWS from template.yaml, with parameters that fit a local run: it polls
 * every second and its gate alarms use 10-second periods, because nothing here takes minutes (see local/README.md).
 */
public final class LocalControlPlane implements AutoCloseable {
    public static final String STACK_NAME = "lmi-control-plane";

    /** Template parameters for local runs; everything else keeps the template's defaults. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "PollInterval", "1s",
            "CapacityProviderTimeout", "30s",
            "PublishTimeout", "30s",
            "LedgerDeletionProtection", "false",
            "GateDefaults", "{\"aliasPeriodSeconds\": 10, \"environmentPeriodSeconds\": 10, \"evaluationPeriods\": 1,"
                    + " \"datapointsToAlarm\": 1, \"minInvocations\": 20}");

    private final LocalAws localAws;
    private final DeployedControlPlane deployed;

    private LocalControlPlane(LocalAws localAws, DeployedControlPlane deployed) {
        this.localAws = localAws;
        this.deployed = deployed;
    }

    public static LocalControlPlane deploy(LocalAws localAws, Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(LOCAL_PARAMETERS);
        parameters.putAll(overrides);
        return new LocalControlPlane(localAws, LocalDeployer.deploy(localAws, STACK_NAME, parameters));
    }

    public LocalAws localAws() {
        return localAws;
    }

    public DeployedControlPlane deployed() {
        return deployed;
    }

    public String busName() {
        return deployed.output("EventBusName");
    }

    public String tableName() {
        return deployed.output("LedgerTableName");
    }

    public AwsClients clients() {
        return AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint());
    }

    /** A client of this control plane; close it (and its clients) when done. */
    public ControlPlaneClient client(AwsClients clients) {
        return new ControlPlaneClient(clients, busName(), tableName());
    }

    @Override
    public void close() {
        deployed.close();
    }
}
