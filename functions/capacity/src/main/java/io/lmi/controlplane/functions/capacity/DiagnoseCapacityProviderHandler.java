package io.lmi.controlplane.functions.capacity;

import io.lmi.controlplane.aws.network.CapacityProviderDiagnosis;
import io.lmi.controlplane.aws.network.Finding;
import io.lmi.controlplane.core.migration.MigrationPlan;
import io.lmi.controlplane.core.operation.Operation;
import io.lmi.controlplane.runtime.ControlPlane;
import io.lmi.controlplane.runtime.Journal;
import io.lmi.controlplane.runtime.OperationInput;
import io.lmi.controlplane.runtime.StepContext;
import io.lmi.controlplane.runtime.StepHandler;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Runs when a capacity provider ends Failed or does not become Active in time: records what is wrong with its
 * network and operator role, then fails the step with it, so the workflow cleans up and the ledger says why.
 */
public final class DiagnoseCapacityProviderHandler extends StepHandler<OperationInput, Void> {
    private final Journal journal;
    private final CapacityProviderDiagnosis diagnosis;

    public DiagnoseCapacityProviderHandler() {
        this(ControlPlane.fromEnvironment());
    }

    DiagnoseCapacityProviderHandler(ControlPlane controlPlane) {
        super(OperationInput.class);
        this.journal = new Journal(controlPlane);
        // IAM is a global service: its client needs no endpoint of its own beyond the shared configuration.
        this.diagnosis = new CapacityProviderDiagnosis(controlPlane.clients().configure(Ec2Client.builder()).build(),
                controlPlane.clients().configure(IamClient.builder()).build(), controlPlane.region());
    }

    @Override
    protected Void handle(OperationInput input, StepContext context) {
        Operation operation = journal.ledger().load(input.operationId());
        MigrationPlan.CapacityProviderChoice choice = operation.requireFact("plan", MigrationPlan.class).capacityProvider();
        CapacityProviderFact provider = operation.requireFact(CapacityProviderFact.FACT, CapacityProviderFact.class);
        List<Finding> findings = diagnosis.diagnose(choice.settings().subnetIds(), choice.settings().operatorRoleArn());
        List<Finding> failed = findings.stream().filter(f -> !f.passed()).toList();
        String summary = failed.isEmpty()
                ? "no documented cause found (network, AZs and operator role look right): read CloudTrail and the log group "
                        + "/aws/lambda/capacity-provider/" + provider.name()
                : failed.stream().map(f -> f.check() + ": " + f.detail() + " (fix: " + f.fix() + ")")
                        .collect(Collectors.joining("; "));
        String message = "capacity provider " + provider.name() + " is " + provider.state() + ": " + summary;
        journal.step(operation.id(), "DiagnoseCapacityProvider", message, findings,
                op -> op.fact("diagnosis", findings, journal.now()));
        throw new CapacityProviderNotReadyException(message);
    }
}
