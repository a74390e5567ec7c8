package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.assess.AssessmentRequest;
import io.lmi.controlplane.core.json.Json;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.rollout.RolloutRequest;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.functions.gate.OperationControlHandler;
import io.lmi.controlplane.local.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * events/ holds one ready-to-send sample per command the control plane's rules accept (for
 * {@code aws events put-events --entries file://events/...}), and each sample is a request the handlers accept as
 * it is: read strictly (an unknown field is an error) and valid.
 */
class EventSamplesTest {
    private static final String SOURCE = "lmi.control-plane";
    /** Commands whose detail is one request record, read the way their handlers read it. */
    private static final Map<String, Class<?>> REQUESTS = Map.of(
            "MigrationRequested", MigrationRequest.class,
            "RolloutRequested", RolloutRequest.class,
            "AssessmentRequested", AssessmentRequest.class,
            "Approved", OperationControlHandler.Command.class,
            "AbortRequested", OperationControlHandler.Command.class,
            "PauseRequested", OperationControlHandler.Command.class,
            "ResumeRequested", OperationControlHandler.Command.class);
    private static final Pattern RULE = Pattern.compile(
            "source: \\[" + Pattern.quote(SOURCE) + "]\\s+detail-type: \\[([^]]+)]");

    private final RepositoryLayout layout = RepositoryLayout.locate();

    private record Sample(Path file, JsonNode entry) {
    }

    private List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(layout.events())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Json.mapper().readTree(Files.readString(file)).forEach(entry -> samples.add(new Sample(file, entry)));
            }
        }
        return samples;
    }

    /** The detail-types the template's rules route from the control plane's own source. */
    private Set<String> commandsTheTemplateRoutes() throws IOException {
        Set<String> commands = new TreeSet<>();
        Matcher rule = RULE.matcher(Files.readString(layout.template()));
        while (rule.find()) {
            for (String type : rule.group(1).split(",")) {
                commands.add(type.trim());
            }
        }
        return commands;
    }

    @Test
    void everyCommandTheTemplateRoutesHasASample() throws IOException {
        Set<String> routed = commandsTheTemplateRoutes();
        Set<String> sampled = new TreeSet<>();
        samples().forEach(s -> sampled.add(s.entry().path("DetailType").asText()));

        assertThat(routed).contains("MigrationRequested", "RolloutRequested", "AssessmentRequested",
                "CapacityScheduleRequested", "Approved", "AbortRequested", "PauseRequested", "ResumeRequested");
        assertThat(sampled).containsAll(routed);
    }

    @Test
    void everySampleIsAnEntryPutEventsTakesForARuleOfTheTemplate() throws IOException {
        Set<String> routed = commandsTheTemplateRoutes();
        for (Sample sample : samples()) {
            JsonNode entry = sample.entry();
            assertThat(entry.path("Source").asText()).as(sample.file().toString()).isEqualTo(SOURCE);
            assertThat(entry.path("EventBusName").asText()).as(sample.file().toString()).isEqualTo("lmi-control-plane-bus");
            assertThat(routed).as(sample.file().toString()).contains(entry.path("DetailType").asText());
            // PutEvents takes the detail as a string holding a JSON object.
            assertThat(entry.path("Detail").isTextual()).as(sample.file().toString()).isTrue();
            assertThat(Json.mapper().readTree(entry.path("Detail").asText()).isObject()).as(sample.file().toString()).isTrue();
        }
    }

    @Test
    void everyRequestSampleIsReadStrictlyAndValid() throws IOException {
        int checked = 0;
        for (Sample sample : samples()) {
            Class<?> type = REQUESTS.get(sample.entry().path("DetailType").asText());
            if (type == null) {
                continue;
            }
            Object request = Json.read(sample.entry().path("Detail").asText(), type, sample.file().toString());
            if (request instanceof Validatable validatable) {
                assertThatCode(validatable::validate).as(sample.file().toString()).doesNotThrowAnyException();
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(REQUESTS.size());
    }
}
