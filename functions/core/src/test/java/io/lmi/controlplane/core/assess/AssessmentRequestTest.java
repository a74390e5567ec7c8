package io.lmi.controlplane.core.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentRequestTest {

    @Test
    void onlyTheFunctionIsRequired() {
        AssessmentRequest r = Json.read("{\"functionName\": \"orders-api\"}", AssessmentRequest.class, "detail");

        r.validate();
        AssessmentOptions o = r.options(AssessmentPolicy.defaults());
        assertThat(o.windowDays()).isEqualTo(14);
        assertThat(o.allowRuntimeUpgrade()).isFalse();
        assertThat(o.workload()).isNull();
    }

    @Test
    void anArnNamesTheFunction() {
        AssessmentRequest r = new AssessmentRequest("arn:aws:lambda:us-east-1:123456789012:function:orders-api", 30,
                "req-1", "alice", "io", true);

        r.validate();
        assertThat(r.name()).isEqualTo("orders-api");
        assertThat(r.options(AssessmentPolicy.defaults())).isEqualTo(new AssessmentOptions(30, true, WorkloadProfile.IO));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}|functionName|is missing",
        "{\"functionName\": \"orders api\"}|functionName|is not valid",
        "{\"functionName\": \"arn:aws:lambda:us-east-1:123456789012:function:orders:live\"}|functionName|is qualified",
        "{\"functionName\": \"orders\", \"days\": 3}|days|out of range",
        "{\"functionName\": \"orders\", \"days\": 90}|days|out of range",
        "{\"functionName\": \"orders\", \"workload\": \"memory\"}|workload|is not a workload",
        "{\"functionName\": \"orders\", \"requestId\": \"a b\"}|requestId|is not valid"
    })
    void eachBadFieldIsNamedWithItsFix(String json, String field, String problem) {
        AssessmentRequest r = Json.read(json, AssessmentRequest.class, "detail");

        assertThatThrownBy(r::validate).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
            assertThat(e.errors().get(0).problem()).contains(problem);
            assertThat(e.errors().get(0).fix()).isNotBlank();
        });
    }

    @Test
    void aMisspeltFieldIsRefusedByName() {
        assertThatThrownBy(() -> Json.read("{\"functionNam\": \"orders\"}", AssessmentRequest.class, "detail"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("functionNam"));
    }
}
