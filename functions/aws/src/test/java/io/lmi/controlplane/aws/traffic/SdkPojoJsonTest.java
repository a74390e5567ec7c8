package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

class SdkPojoJsonTest {

    @Test
    void aMappingRoundTripsWithNestedListsEnumsAndTimes() {
        EventSourceMappingConfiguration mapping = EventSourceMappingConfiguration.builder()
                .uuid("6a1b").batchSize(5).maximumBatchingWindowInSeconds(3).state("Enabled")
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .filterCriteria(filter -> filter.filters(f -> f.pattern("{\"a\":[1]}"), f -> f.pattern("{\"b\":[2]}")))
                .scalingConfig(scaling -> scaling.maximumConcurrency(10))
                .lastModified(Instant.parse("2026-11-25T10:15:30Z")).build();

        JsonNode tree = SdkPojoJson.toTree(mapping);

        assertThat(tree.get("UUID").asText()).isEqualTo("6a1b");
        assertThat(tree.get("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(tree.get("ScalingConfig").get("MaximumConcurrency").asInt()).isEqualTo(10);
        EventSourceMappingConfiguration back = SdkPojoJson.fromTree(Json.mapper().valueToTree(tree),
                EventSourceMappingConfiguration.builder());
        assertThat(back).isEqualTo(mapping);
    }

    @Test
    void membersNeverSetStayUnsetAndEmptyOnesStayEmpty() {
        EventSourceMappingConfiguration bare = EventSourceMappingConfiguration.builder().uuid("1").build();
        Target withEmptyMap = Target.builder().id("t").arn("arn:aws:lambda:us-east-1:1:function:f")
                .inputTransformer(transform -> transform.inputPathsMap(Map.of()).inputTemplate("{}")).build();

        EventSourceMappingConfiguration bareBack = SdkPojoJson.fromTree(SdkPojoJson.toTree(bare),
                EventSourceMappingConfiguration.builder());
        Target targetBack = SdkPojoJson.fromTree(SdkPojoJson.toTree(withEmptyMap), Target.builder());

        assertThat(SdkPojoJson.toTree(bare).size()).isEqualTo(1);
        assertThat(bareBack.hasFunctionResponseTypes()).isFalse();
        assertThat(bareBack).isEqualTo(bare);
        assertThat(targetBack.inputTransformer().hasInputPathsMap()).isTrue();
        assertThat(targetBack).isEqualTo(withEmptyMap);
    }

    @Test
    void aListenerActionWithEveryKindOfMemberRoundTrips() {
        Action action = Action.builder().type(ActionTypeEnum.FORWARD).order(2).forwardConfig(forward -> forward
                .targetGroups(group -> group.targetGroupArn("arn:tg/a").weight(90),
                        group -> group.targetGroupArn("arn:tg/b").weight(10))
                .targetGroupStickinessConfig(sticky -> sticky.enabled(true).durationSeconds(60))).build();

        assertThat((Action) SdkPojoJson.fromTree(SdkPojoJson.toTree(action), Action.builder())).isEqualTo(action);
    }
}
