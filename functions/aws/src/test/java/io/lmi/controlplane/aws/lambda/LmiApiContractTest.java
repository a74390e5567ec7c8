package io.lmi.controlplane.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.LocalAwsClients;
import io.lmi.controlplane.aws.network.CapacityProviderDiagnosis;
import io.lmi.controlplane.aws.network.Finding;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.CapacityProviderSettings;
import io.lmi.controlplane.core.migration.FunctionCopyPlan;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CapacityProviderState;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The LMI API as the control plane's Java code sees it, through the SDK's own model classes and our adapters, against
 * the local AWS. (The same rules are checked through boto3 in local/moto/tests/test_lmi_*.py.)
 */
@ExtendWith(LocalAwsExtension.class)
class LmiApiContractTest {

    private final LocalAws localAws;
    private final AwsClients clients;
    private LambdaClient lambda;
    private Ec2Client ec2;
    private IamClient iam;
    private CapacityProviders providers;
    private LmiFunctions functions;
    private LmiAccount account;

    LmiApiContractTest(LocalAws localAws) {
        this.localAws = localAws;
        this.clients = LocalAwsClients.of(localAws);
    }

    @BeforeEach
    void setUp() {
        // Every test here makes capacity-provider writes; AWS allows 1/s, and tests need not wait for it.
        localAws.settings(Map.of("capacity_provider_writes_per_second", 100, "capacity_provider_ready_seconds", 0.3,
                "publish_ready_seconds", 0.3));
        lambda = clients.configure(LambdaClient.builder()).build();
        ec2 = clients.configure(Ec2Client.builder()).build();
        iam = clients.configure(IamClient.builder()).build();
        providers = new CapacityProviders(lambda);
        functions = new LmiFunctions(lambda);
        account = new LmiAccount(ec2, iam);
    }

    @AfterEach
    void tearDown() {
        localAws.settings(Map.of("capacity_provider_writes_per_second", 1));
        lambda.close();
        ec2.close();
        iam.close();
        clients.close();
    }

    private CapacityProviderSettings settings(boolean nat) {
        return new CapacityProviderSettings(null, account.subnets(nat), List.of(), account.operatorRole());
    }

    private static LmiConfiguration.CapacityProvider arm64(int maxVcpu) {
        return new LmiConfiguration.CapacityProvider("arm64", List.of(), maxVcpu, null);
    }

    private CapacityProviders.View awaitState(String name, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var view = providers.find(name).orElseThrow();
            if (view.state().equals(state)) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not become " + state);
    }

    @Test
    void aCapacityProviderStartsPendingBecomesActiveAndIsFoundForReuse() throws InterruptedException {
        CapacityProviderSettings settings = settings(true);
        String name = CapacityProviders.nameFor(settings, arm64(64));

        var created = providers.create(name, settings, arm64(64), "mig-contract", Map.of("team", "payments"));

        assertThat(created.state()).isEqualTo(CapacityProviderState.PENDING.toString());
        assertThat(awaitState(name, "Active").maxVCpuCount()).isEqualTo(64);
        assertThat(providers.findReusable(settings, arm64(64))).map(CapacityProviders.View::name).contains(name);
        assertThat(providers.findReusable(settings, arm64(32))).as("a smaller need fits").map(CapacityProviders.View::name)
                .contains(name);
        assertThat(providers.findReusable(settings, new LmiConfiguration.CapacityProvider("arm64", List.of("m7g.xlarge"), 64, null)))
                .as("a provider that lets Lambda choose any type carries a recommended type").map(CapacityProviders.View::name)
                .contains(name);
        assertThat(providers.findReusable(settings, new LmiConfiguration.CapacityProvider("x86_64", List.of(), 64, null))).isEmpty();
        assertThat(providers.findReusable(settings, arm64(128))).as("too small for the need").isEmpty();
        assertThat(CapacityProviders.nameFor(settings, arm64(128))).as("a bigger need gets a provider of its own")
                .isNotEqualTo(name);
        assertThat(providers.create(name, settings, arm64(64), "mig-contract", Map.of()).arn()).isEqualTo(created.arn());
        assertThat(providers.creator(created)).isEqualTo("mig-contract");
        assertThatThrownBy(() -> providers.create(name, settings, arm64(64), "mig-other", Map.of()))
                .isInstanceOfSatisfying(NotCreatedByThisOperationException.class, e -> {
                    assertThat(e.owner()).isEqualTo("mig-contract");
                    assertThat(e).hasMessageContaining("capacity provider " + name + " already exists and was not "
                            + "created by mig-other (tagged lmi:operation=mig-contract)");
                });
    }

    @Test
    void privateSubnetsWithoutAWayOutEndFailedAndTheDiagnosisSaysWhy() throws InterruptedException {
        CapacityProviderSettings settings = settings(false);
        String name = "no-egress-" + UUID.randomUUID().toString().substring(0, 8);

        providers.create(name, settings, arm64(16), "mig-contract", Map.of());

        assertThat(awaitState(name, "Failed").isFailed()).isTrue();
        List<Finding> findings = new CapacityProviderDiagnosis(ec2, iam, "us-east-1")
                .diagnose(settings.subnetIds(), settings.operatorRoleArn());
        assertThat(findings).filteredOn(f -> !f.passed()).hasSize(3)
                .allSatisfy(f -> assertThat(f.detail()).contains("no 0.0.0.0/0 route to a NAT gateway"));
        assertThat(findings).filteredOn(f -> f.check().contains("Availability Zones")).allMatch(Finding::passed);
        assertThat(findings).filteredOn(f -> f.check().startsWith("operator role")).allMatch(Finding::passed);
    }

    @Test
    void theDiagnosisNamesAMissingOperatorRoleAndTooFewZones() {
        List<String> subnets = account.subnets(true).subList(0, 2);
        List<Finding> findings = new CapacityProviderDiagnosis(ec2, iam, "us-east-1")
                .diagnose(subnets, "arn:aws:iam::123456789012:role/does-not-exist");
        assertThat(findings).filteredOn(f -> !f.passed()).extracting(Finding::check)
                .anyMatch(check -> check.contains("at least 3 Availability Zones"))
                .anyMatch(check -> check.startsWith("operator role"));
    }

    @Test
    void aStandardFunctionCannotBeTurnedIntoAnLmiFunction() {
        String name = "standard-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(r -> r.functionName(name).runtime("python3.13").role(account.executionRole())
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip()))));

        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName(name)
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                        .capacityProviderArn("arn:aws:lambda:us-east-1:123456789012:capacity-provider:any")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("CapacityProviderConfig isn't supported for Lambda Default functions");
    }

    @Test
    void theLmiCopyLogsToTheOriginalsCustomLogGroup() throws InterruptedException {
        String provider = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        String providerArn = providers.create(provider, settings(true), arm64(16), "mig-contract", Map.of()).arn();
        awaitState(provider, "Active");
        String original = "custom-logs-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(r -> r.functionName(original).runtime("python3.13").role(account.executionRole())
                .handler("app.handler").memorySize(4096).architectures(Architecture.ARM64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip())))
                .loggingConfig(l -> l.logFormat("JSON").logGroup("/teams/orders/" + original)));
        // moto keeps no LoggingConfig for a standard function, so the group the reader would see is set here.
        var read = (ObjectNode) Json.tree(new FunctionReader(lambda).read(original).orElseThrow());
        var snapshot = Json.convert(read.put("logGroup", "/teams/orders/" + original), FunctionSnapshot.class, "snapshot");
        var plan = FunctionCopyPlan.of(snapshot, original + "-lmi", new LmiConfiguration(arm64(16),
                new LmiConfiguration.Function("python3.13", 4096, 4.0, 16), new LmiConfiguration.Scaling(3, 10)));

        functions.createCopy(snapshot, plan, providerArn, "mig-logs");

        assertThat(functions.configuration(original + "-lmi").orElseThrow().loggingConfig().logGroup())
                .isEqualTo("/teams/orders/" + original);
    }

    @Test
    void lmiFunctionsPublishVersionsThatBecomeActiveAndTakeScalingConfigsButNotOnAliases() throws InterruptedException {
        CapacityProviderSettings settings = settings(true);
        String provider = "publish-" + UUID.randomUUID().toString().substring(0, 8);
        String providerArn = providers.create(provider, settings, arm64(32), "mig-contract", Map.of()).arn();
        awaitState(provider, "Active");
        String name = "lmi-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(r -> r.functionName(name).runtime("python3.13").role(account.executionRole())
                .handler("app.handler").memorySize(4096).architectures(Architecture.ARM64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip())))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l
                        .capacityProviderArn(providerArn).executionEnvironmentMemoryGiBPerVCpu(4.0)
                        .perExecutionEnvironmentMaxConcurrency(16))));

        assertThat(functions.configuration(name).orElseThrow().capacityProviderConfig()
                .lambdaManagedInstancesCapacityProviderConfig().perExecutionEnvironmentMaxConcurrency()).isEqualTo(16);
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName(name).qualifier("$LATEST")))
                .isInstanceOf(LambdaException.class);

        var published = functions.publish(name, "first");
        assertThat(published.state()).isEqualTo("Pending");
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName(name).qualifier(published.version()));
        assertThat(functions.version(name, published.version()).state()).isEqualTo("Active");

        functions.putScaling(name, published.version(), 3, 12);
        var scaling = functions.scaling(name, published.version());
        assertThat(scaling.requestedFunctionScalingConfig().minExecutionEnvironments()).isEqualTo(3);
        assertThat(scaling.requestedFunctionScalingConfig().maxExecutionEnvironments()).isEqualTo(12);

        String aliasArn = functions.pointAlias(name, "live", published.version(), "test");
        assertThat(aliasArn).endsWith(":" + name + ":live");
        assertThatThrownBy(() -> functions.putScaling(name, "live", 3, 12))
                .isInstanceOfSatisfying(LambdaException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> functions.putScaling(name, published.version(), 0, 5))
                .isInstanceOf(InvalidParameterValueException.class);

        assertThat(providers.delete(provider)).isEqualTo(CapacityProviders.DeleteResult.IN_USE);
        assertThat(providers.attachedVersions(provider)).isNotEmpty();
    }

    @Test
    void lmiRulesOnCreateAreEnforcedWithTheModelledExceptions() throws InterruptedException {
        CapacityProviderSettings settings = settings(true);
        String provider = "rules-" + UUID.randomUUID().toString().substring(0, 8);
        String providerArn = providers.create(provider, settings, arm64(16), "mig-contract", Map.of()).arn();
        awaitState(provider, "Active");
        String role = account.executionRole();

        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("small-" + provider).runtime("python3.13")
                .role(role).handler("app.handler").memorySize(1024).architectures(Architecture.ARM64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip())))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l.capacityProviderArn(providerArn)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("x86-" + provider).runtime("python3.13")
                .role(role).handler("app.handler").memorySize(2048).architectures(Architecture.X86_64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip())))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l.capacityProviderArn(providerArn)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("old-" + provider).runtime("python3.9")
                .role(role).handler("app.handler").memorySize(2048).architectures(Architecture.ARM64)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(LmiAccount.zip())))
                .capacityProviderConfig(c -> c.lambdaManagedInstancesCapacityProviderConfig(l -> l.capacityProviderArn(providerArn)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("python3.9");
    }

    @Test
    void capacityProviderWritesAreThrottledAtOnePerSecondAndTheSharedRetriesAbsorbIt() throws InterruptedException {
        localAws.settings(Map.of("capacity_provider_writes_per_second", 1));
        CapacityProviderSettings settings = settings(true);
        try (LambdaClient noRetries = clients.configure(LambdaClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)).build()).build()) {
            CapacityProviders once = new CapacityProviders(noRetries);
            String first = "burst-a-" + UUID.randomUUID().toString().substring(0, 6);
            once.create(first, settings, arm64(8), "mig-contract", Map.of());
            assertThatThrownBy(() -> once.create("burst-b-" + first, settings, arm64(8), "mig-contract", Map.of()))
                    .isInstanceOf(TooManyRequestsException.class);
        }
        Thread.sleep(1100);
        // The control plane's clients retry throttling with backoff: three writes in a row all get through.
        for (int i = 0; i < 3; i++) {
            providers.create("burst-c-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), settings, arm64(8), "mig-contract", Map.of());
        }
    }

    @Test
    void deletingAFreeCapacityProviderGoesThroughDeleting() throws InterruptedException {
        CapacityProviderSettings settings = settings(true);
        String name = "delete-" + UUID.randomUUID().toString().substring(0, 8);
        providers.create(name, settings, arm64(8), "mig-contract", Map.of());
        awaitState(name, "Active");

        assertThat(providers.delete(name)).isEqualTo(CapacityProviders.DeleteResult.DELETING);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (providers.find(name).isPresent() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(providers.find(name)).isEmpty();
        assertThat(providers.delete(name)).isEqualTo(CapacityProviders.DeleteResult.GONE);
        assertThatThrownBy(() -> lambda.getCapacityProvider(r -> r.capacityProviderName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
