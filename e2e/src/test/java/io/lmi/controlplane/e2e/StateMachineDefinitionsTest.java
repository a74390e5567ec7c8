package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.local.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every definition in statemachines/ for what neither cfn-lint nor the local interpreter catches: a state that
 * reads $.error must only be reached where an error was put there (a Catch, or a Pass that sets it). On AWS such a
 * read fails the whole execution with States.Runtime, which no Catch handles, and leaves the ledger's operation open.
 */
class StateMachineDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    static Stream<Path> definitions() throws IOException {
        return Files.list(RepositoryLayout.locate().stateMachines()).filter(p -> p.toString().endsWith(".asl.json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void everyStateIsReachableAndEveryTransitionLandsOnAState(Path definition) throws IOException {
        JsonNode states = JSON.readTree(definition.toFile()).get("States");
        Set<String> names = new HashSet<>();
        states.fieldNames().forEachRemaining(names::add);
        Set<String> targets = new HashSet<>(List.of(JSON.readTree(definition.toFile()).get("StartAt").asText()));
        states.forEach(state -> targets.addAll(nextStates(state)));
        assertThat(names).as("unreachable states").containsExactlyInAnyOrderElementsOf(targets);
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void statesThatReadTheErrorAreOnlyReachedWithOne(Path definition) throws IOException {
        JsonNode states = JSON.readTree(definition.toFile()).get("States");
        Set<String> readers = new HashSet<>();
        states.fields().forEachRemaining(e -> {
            if (e.getValue().path("Parameters").toString().contains("\"$.error\"")) {
                readers.add(e.getKey());
            }
        });
        states.fields().forEachRemaining(e -> {
            JsonNode state = e.getValue();
            Set<String> plain = new HashSet<>(nextStates(state));
            state.path("Catch").forEach(c -> plain.remove(c.get("Next").asText()));
            boolean setsError = state.path("Parameters").has("error") || state.path("Parameters").has("error.$");
            for (String next : plain) {
                if (readers.contains(next) && !setsError) {
                    // Reached without a Catch: only fine if the same next is also only a Catch target.
                    boolean alsoPlain = state.path("Next").asText().equals(next)
                            || containsNext(state.path("Choices"), next) || state.path("Default").asText().equals(next);
                    assertThat(alsoPlain).as(e.getKey() + " goes to " + next + ", which reads $.error that "
                            + e.getKey() + " does not set").isFalse();
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void definitionsUseJsonPathOnlySoTheLocalAwsRunsThemAsAwsDoes(Path definition) throws IOException {
        JsonNode machine = JSON.readTree(definition.toFile());
        assertThat(machine.has("QueryLanguage")).as("QueryLanguage (JSONata)").isFalse();
        machine.get("States").fields().forEachRemaining(e -> {
            assertThat(e.getValue().has("QueryLanguage")).as(e.getKey() + " QueryLanguage").isFalse();
            assertThat(e.getValue().has("Assign")).as(e.getKey() + " Assign (variables)").isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void everySubstitutionIsDefinedInTheTemplate(Path definition) throws IOException {
        String template = Files.readString(RepositoryLayout.locate().template());
        Matcher matcher = SUBSTITUTION.matcher(Files.readString(definition));
        while (matcher.find()) {
            assertThat(template).as("DefinitionSubstitutions of " + definition.getFileName())
                    .contains(matcher.group(1) + ":");
        }
    }

    private static Set<String> nextStates(JsonNode state) {
        Set<String> next = new HashSet<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            next.add(state.get("Default").asText());
        }
        state.path("Choices").forEach(choice -> next.add(choice.get("Next").asText()));
        state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
        return next;
    }

    private static boolean containsNext(JsonNode choices, String next) {
        for (JsonNode choice : choices) {
            if (choice.path("Next").asText().equals(next)) {
                return true;
            }
        }
        return false;
    }
}
