package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import io.lmi.controlplane.local.AwsTarget;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

@ExtendWith(LocalAwsExtension.class)
class ManualShifterIntegrationTest {
    private final TrafficClients aws;
    private Migration migration;
    private ManualShifter shifter;
    private String privateUrl;
    private String publicUrl;

    ManualShifterIntegrationTest(AwsTarget target) {
        this.aws = new TrafficClients(target);
    }

    @BeforeEach
    void urlsAndDirectCallers() {
        migration = Migration.create(aws);
        shifter = new ManualShifter(aws.lambda);
        privateUrl = aws.lambda.createFunctionUrlConfig(request -> request.functionName(migration.originalName())
                .authType(FunctionUrlAuthType.AWS_IAM)
                .cors(cors -> cors.allowOrigins("https://shop.example.com").allowMethods("GET", "POST").maxAge(300)))
                .functionUrl();
        publicUrl = aws.lambda.createFunctionUrlConfig(request -> request.functionName(migration.originalName())
                .qualifier("prod").authType(FunctionUrlAuthType.NONE)).functionUrl();
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).qualifier("prod")
                .statementId("public-url").action("lambda:InvokeFunctionUrl").principal("*")
                .functionUrlAuthType(FunctionUrlAuthType.NONE));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).statementId("partner")
                .action("lambda:InvokeFunction").principal("111122223333"));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).qualifier("prod")
                .statementId("uploads").action("lambda:InvokeFunction").principal("s3.amazonaws.com")
                .sourceArn("arn:aws:s3:::orders-uploads").sourceAccount("123456789012"));
        aws.lambda.addPermission(request -> request.functionName(migration.originalName()).statementId("nightly")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com")
                .sourceArn("arn:aws:events:us-east-1:123456789012:rule/nightly"));
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void discoversEachUrlAndTheDirectCallersButNotServicesOtherShiftersMove() {
        List<Trigger> triggers = shifter.discover(migration.originalTargets(aws));

        assertThat(triggers).filteredOn(t -> t.kind() == TriggerKind.FUNCTION_URL).extracting(Trigger::id)
                .containsExactlyInAnyOrder(privateUrl, publicUrl);
        Trigger direct = triggers.stream().filter(t -> t.kind() == TriggerKind.DIRECT).findFirst().orElseThrow();
        assertThat(direct.source()).contains("111122223333", "s3.amazonaws.com from arn:aws:s3:::orders-uploads")
                .doesNotContain("events.amazonaws.com").doesNotContain("*");
        assertThat(triggers).hasSize(3);
    }

    @Test
    void aFunctionUrlGetsATwinOnTheNewAliasWithTheSameAccessAndExactInstructions() {
        Trigger trigger = trigger(publicUrl);
        List<String> newPolicyBefore = sids(migration.newAliasArn());
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState handedOver = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        GetFunctionUrlConfigResponse created = newUrl().orElseThrow();
        assertThat(created.functionArn()).isEqualTo(migration.newAliasArn());
        assertThat(created.authType()).isEqualTo(FunctionUrlAuthType.NONE);
        PolicyStatement access = new FunctionPolicy(aws.lambda).statementsOf(migration.newAliasArn()).stream()
                .filter(s -> s.actions().contains("lambda:InvokeFunctionUrl")).findFirst().orElseThrow();
        assertThat(access.principalAccounts()).containsExactly("*");
        assertThat(access.functionUrlAuthType()).isEqualTo("NONE");
        String instructions = handedOver.notes().get("instructions").asText();
        assertThat(instructions).contains(publicUrl, created.functionUrl(), migration.newAliasArn(),
                "./lmi approve " + migration.operationId());
        assertThat(handedOver.notes().get("approveCommand").asText()).isEqualTo("./lmi approve " + migration.operationId());
        assertThat(handedOver.notes().get("oldUrl").asText()).isEqualTo(publicUrl);
        assertThat(handedOver.notes().get("newUrl").asText()).isEqualTo(created.functionUrl());
        assertThat(recorder.creations()).extracting(ProbingRecorder.Event::type)
                .containsExactly(CreatedResources.PERMISSION, CreatedResources.FUNCTION_URL);
        assertThat(recorder.creations()).noneMatch(ProbingRecorder.Event::existed);
        assertThat(original(publicUrl).functionUrl()).as("the original URL is untouched").isEqualTo(publicUrl);

        shifter.restore(handedOver, migration.target(), recorder);

        assertThat(newUrl()).isEmpty();
        assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
        assertThat(recorder.outstanding()).isEmpty();
    }

    @Test
    void anIamUrlKeepsItsCorsAndTellsSigningCallersWhatToAllow() {
        Trigger trigger = trigger(privateUrl);

        TriggerState handedOver = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(),
                new ProbingRecorder(aws));

        GetFunctionUrlConfigResponse created = newUrl().orElseThrow();
        GetFunctionUrlConfigResponse original = original(privateUrl);
        assertThat(created.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(created.cors()).isEqualTo(original.cors());
        assertThat(created.invokeMode()).isEqualTo(original.invokeMode());
        assertThat(handedOver.notes().get("instructions").asText()).contains("lambda:InvokeFunctionUrl", "IAM policy");
    }

    @Test
    void directCallersAreAllowedOnTheNewAliasAndToldWhatToChange() {
        Trigger trigger = shifter.discover(migration.originalTargets(aws)).stream()
                .filter(t -> t.kind() == TriggerKind.DIRECT).findFirst().orElseThrow();
        List<String> newPolicyBefore = sids(migration.newAliasArn());
        ProbingRecorder recorder = new ProbingRecorder(aws);

        TriggerState handedOver = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        List<PolicyStatement> grants = new FunctionPolicy(aws.lambda).statementsOf(migration.newAliasArn()).stream()
                .filter(s -> migration.newAliasArn().equals(s.resource())).toList();
        assertThat(grants).anySatisfy(s -> assertThat(s.principalAccounts()).contains("111122223333"));
        assertThat(grants).anySatisfy(s -> {
            assertThat(s.principalService()).isEqualTo("s3.amazonaws.com");
            assertThat(s.sourceArn()).isEqualTo("arn:aws:s3:::orders-uploads");
            assertThat(s.sourceAccount()).isEqualTo("123456789012");
        });
        assertThat(handedOver.notes().get("instructions").asText()).contains(migration.originalAlias(),
                migration.newAliasArn(), "111122223333", "CloudTrail", "./lmi approve " + migration.operationId());
        assertThat(handedOver.notes().get("permissionIds")).hasSize(2);

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);
        assertThat(again.notes()).isEqualTo(handedOver.notes());
        assertThat(recorder.creations()).hasSize(2);

        shifter.restore(handedOver, migration.target(), recorder);
        assertThat(sids(migration.newAliasArn())).isEqualTo(newPolicyBefore);
        assertThat(recorder.outstanding()).isEmpty();
    }

    @Test
    void repeatingTheHandOverReusesTheUrl() {
        Trigger trigger = trigger(publicUrl);
        ProbingRecorder recorder = new ProbingRecorder(aws);
        TriggerState first = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        TriggerState again = shifter.shift(new TriggerState(trigger, 0, null), 100, migration.target(), recorder);

        assertThat(again.notes().get("newUrl")).isEqualTo(first.notes().get("newUrl"));
        assertThat(recorder.creations()).hasSize(2);
        assertThat(sids(migration.newAliasArn())).doesNotHaveDuplicates();
    }

    private Trigger trigger(String url) {
        return shifter.discover(migration.originalTargets(aws)).stream().filter(t -> t.id().equals(url)).findFirst()
                .orElseThrow();
    }

    private java.util.Optional<GetFunctionUrlConfigResponse> newUrl() {
        try {
            return java.util.Optional.of(aws.lambda.getFunctionUrlConfig(request -> request.functionName(migration.newName())
                    .qualifier("live")));
        } catch (ResourceNotFoundException none) {
            return java.util.Optional.empty();
        }
    }

    private GetFunctionUrlConfigResponse original(String url) {
        return url.equals(publicUrl)
                ? aws.lambda.getFunctionUrlConfig(request -> request.functionName(migration.originalName()).qualifier("prod"))
                : aws.lambda.getFunctionUrlConfig(request -> request.functionName(migration.originalName()));
    }

    private List<String> sids(String functionArn) {
        return new FunctionPolicy(aws.lambda).statementsOf(functionArn).stream()
                .filter(statement -> functionArn.equals(statement.resource())).map(PolicyStatement::sid).toList();
    }
}
