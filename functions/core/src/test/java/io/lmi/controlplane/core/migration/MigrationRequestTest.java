package io.lmi.controlplane.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.gate.GateSettings;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigrationRequestTest {

    private static final CapacityProviderSettings DEPLOYMENT = new CapacityProviderSettings(null,
            List.of("subnet-0aaa1111", "subnet-0bbb2222", "subnet-0ccc3333"), List.of(),
            "arn:aws:iam::123456789012:role/lmi-operator");

    @Test
    void onlyTheFunctionIsRequiredAndDefaultsAreDocumentedValues() {
        MigrationRequest request = Json.read("{\"functionName\":\"orders\"}", MigrationRequest.class, "request");
        request.validate();

        MigrationRequest complete = request.withDefaults(DEPLOYMENT, GateSettings.DEFAULTS);

        assertThat(complete.steps()).containsExactly(10, 50, 100);
        assertThat(complete.bakeTime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(complete.lmiFunctionName()).isEqualTo("orders-lmi");
        assertThat(complete.aliasName()).isEqualTo("live");
        assertThat(complete.cutoverPercent()).isEqualTo(50);
        assertThat(complete.gates()).isEqualTo(GateSettings.DEFAULTS);
        assertThat(complete.capacityProvider()).isEqualTo(DEPLOYMENT);
        complete.validateComplete();
    }

    @Test
    void anArnIsAcceptedAndNormalisedToTheName() {
        MigrationRequest request = new MigrationRequest("arn:aws:lambda:us-east-1:123456789012:function:orders",
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        request.validate();
        assertThat(request.withDefaults(DEPLOYMENT, GateSettings.DEFAULTS).functionName()).isEqualTo("orders");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceWithItsFix() {
        String json = """
                {"functionName": "arn:aws:lambda:us-east-1:123456789012:function:orders:7",
                 "steps": [10, 5, 90], "bake": "soon", "cutoverPercent": 0,
                 "gates": {"errorRatePercent": 0, "aliasPeriodSeconds": 45}}""";
        MigrationRequest request = Json.read(json, MigrationRequest.class, "migration request");

        assertThatThrownBy(request::validate)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .contains("functionName", "steps[1]", "steps", "bake", "cutoverPercent",
                                "gates.errorRatePercent", "gates.aliasPeriodSeconds"))
                .hasMessageContaining("give the function's name or unqualified ARN")
                .hasMessageContaining("end with 100");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Json.read("{\"functionName\":\"orders\",\"stpes\":[10,100]}", MigrationRequest.class,
                "migration request"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("stpes: is not a known field")
                .hasMessageContaining("steps");
    }

    @Test
    void aWrongTypeNamesTheField() {
        assertThatThrownBy(() -> Json.read("{\"functionName\":\"orders\",\"steps\":\"10,50\"}", MigrationRequest.class,
                "migration request"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("steps");
    }

    @Test
    void theNewFunctionCannotReuseTheOriginalName() {
        MigrationRequest request = new MigrationRequest("orders", null, null, null, null, null, null, null, null,
                "orders", null, null, null, null, null, null);
        assertThatThrownBy(request::validate).hasMessageContaining("lmiFunctionName: is the original function's name");
    }

    @Test
    void missingNetworkIsReportedOnlyOnceDefaultsAreKnown() {
        MigrationRequest request = Json.read("{\"functionName\":\"orders\"}", MigrationRequest.class, "request");
        MigrationRequest complete = request.withDefaults(null, GateSettings.DEFAULTS);

        assertThatThrownBy(complete::validateComplete).hasMessageContaining("capacityProvider: is missing");
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "15m,900", "1h30m,5400", "PT2M,120", "45,45", "0s,0"})
    void durationsReadAsPeopleWriteThem(String text, long seconds) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aBakeOverADayIsRefused() {
        MigrationRequest request = new MigrationRequest("orders", null, null, "25h", null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(request::validate).hasMessageContaining("bake: '25h' is outside 0s-24h");
    }

    @Test
    void aRecordedRequestReadsBackThroughTheStrictMapper() {
        MigrationRequest request = Json.read("{\"functionName\":\"orders\",\"force\":true,\"dryRun\":true}",
                MigrationRequest.class, "request");

        // Operation.start stores the request as a tree; later steps read it back with operation.request(...).
        MigrationRequest back = Json.convert(Json.tree(request), MigrationRequest.class, "request");

        assertThat(back).isEqualTo(request);
        assertThat(Json.tree(request).has("forced")).isFalse();
    }

    @Test
    void aDryRunSurvivesTheLedgersRoundTrip() {
        MigrationRequest request = Json.read("{\"functionName\":\"orders\",\"dryRun\":true,\"force\":true}",
                MigrationRequest.class, "request").withDefaults(DEPLOYMENT, GateSettings.DEFAULTS);
        MigrationRequest stored = Json.read(Json.write(request), MigrationRequest.class, "stored request");
        assertThat(stored.dryRunRequested()).isTrue();
        assertThat(stored.forceRequested()).isTrue();
        assertThat(Json.write(request)).doesNotContain("forced").doesNotContain("dryRunRequested");
    }

    @Test
    void ownSubnetsDoNotInheritTheDeploymentsSecurityGroups() {
        CapacityProviderSettings deployment = new CapacityProviderSettings(null, List.of("subnet-0aaa1111"),
                List.of("sg-0aaa1111"), "arn:aws:iam::123456789012:role/op");
        CapacityProviderSettings own = new CapacityProviderSettings(null, List.of("subnet-0bbb2222"), null, null);
        assertThat(own.over(deployment).securityGroupIds()).isEmpty();
        assertThat(own.over(deployment).operatorRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/op");
        assertThat(new CapacityProviderSettings(null, null, null, null).over(deployment).securityGroupIds())
                .containsExactly("sg-0aaa1111");
    }
}
