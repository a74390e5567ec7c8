package io.lmi.controlplane.runtime;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.ledger.Ledger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What every handler of the control plane shares: the SDK configuration, the ledger, the bus, the clock, and the
 * settings the deployment put in the environment (template.yaml, Globals). Built once per handler instance.
 */
public final class ControlPlane {
    public static final String LEDGER_TABLE = "LEDGER_TABLE";
    public static final String EVENT_BUS = "EVENT_BUS_NAME";

    private final Map<String, String> environment;
    private final AwsClients clients;
    private final Ledger ledger;
    private final EventPublisher events;
    private final Clock clock;

    public ControlPlane(Map<String, String> environment, AwsClients clients, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clients = clients;
        this.clock = clock;
        this.ledger = new Ledger(clients.configure(DynamoDbClient.builder()).build(), require(LEDGER_TABLE), clock);
        this.events = new EventPublisher(clients.configure(EventBridgeClient.builder()).build(), require(EVENT_BUS));
    }

    /** As Lambda runs it: the process environment, the default credential chain, the system clock. */
    public static ControlPlane fromEnvironment() {
        return new ControlPlane(System.getenv(), AwsClients.fromEnvironment(), Clock.systemUTC());
    }

    public AwsClients clients() {
        return clients;
    }

    public Ledger ledger() {
        return ledger;
    }

    public EventPublisher events() {
        return events;
    }

    public Clock clock() {
        return clock;
    }

    public String region() {
        return clients.region().id();
    }

    /** A required setting; its absence is a deployment error, named so the fix is obvious. */
    public String require(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name
                    + " is not set: the control plane's functions get it from template.yaml (Globals)");
        }
        return value;
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
