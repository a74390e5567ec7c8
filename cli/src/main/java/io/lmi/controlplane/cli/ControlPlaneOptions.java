package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * Which control plane a command talks to: a deployed stack (its outputs name the bus and the ledger table), or the bus
 * and table given directly; on AWS (credentials and region from the environment) or on the local AWS (--endpoint).
 */
final class ControlPlaneOptions {
    static final String DEFAULT_STACK = "lmi-control-plane";
    static final String BUS_OUTPUT = "EventBusName";
    static final String TABLE_OUTPUT = "LedgerTableName";
    /** The local AWS's region and account (local/README.md); any credentials are accepted there. */
    static final String LOCAL_REGION = "us-east-1";

    @Option(names = "--stack", defaultValue = DEFAULT_STACK, paramLabel = "NAME",
            description = "The control plane's CloudFormation stack; its outputs name the bus and the ledger "
                    + "(default ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--bus", paramLabel = "NAME", description = "The control plane's event bus (with --table, "
            + "instead of reading the stack).")
    String bus;

    @Option(names = "--table", paramLabel = "NAME", description = "The control plane's ledger table (with --bus, "
            + "instead of reading the stack).")
    String table;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The local AWS, e.g. http://127.0.0.1:4599.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "Default: AWS_REGION (us-east-1 with --endpoint).")
    String region;

    /** The bus and table to use, and the clients' configuration; the caller closes the clients. */
    record Resolved(AwsClients clients, String bus, String table) {
    }

    /** Checks the options alone, before anything is sent (usage errors exit 2). */
    void check(CommandSpec spec, boolean needsBus) {
        if (needsBus && (bus == null) != (table == null)) {
            throw new ParameterException(spec.commandLine(), "--bus and --table go together: give both, or neither "
                    + "to read them from the stack's outputs (--stack)");
        }
        if (endpoint != null) {
            try {
                URI uri = new URI(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(endpoint, "needs a scheme and a host");
                }
            } catch (URISyntaxException e) {
                throw new ParameterException(spec.commandLine(), "--endpoint " + endpoint + " is not a URL; use e.g. "
                        + "http://127.0.0.1:4599");
            }
        }
        if (endpoint == null && region == null && System.getenv("AWS_REGION") == null
                && System.getenv("AWS_DEFAULT_REGION") == null) {
            throw new ParameterException(spec.commandLine(), "no region: set AWS_REGION or give --region "
                    + "(or --endpoint for the local AWS)");
        }
    }

    /** For commands that only read the ledger: --table alone is enough. */
    Resolved resolveTable(CommandSpec spec, PrintWriter err) {
        if (table != null) {
            return new Resolved(clients(), bus, table);
        }
        return resolve(spec, err);
    }

    Resolved resolve(CommandSpec spec, PrintWriter err) {
        AwsClients clients = clients();
        if (bus != null && table != null) {
            return new Resolved(clients, bus, table);
        }
        Map<String, String> outputs = stackOutputs(clients, err);
        String busName = bus != null ? bus : outputs.get(BUS_OUTPUT);
        String tableName = table != null ? table : outputs.get(TABLE_OUTPUT);
        if (busName == null || tableName == null) {
            clients.close();
            throw new IllegalStateException("stack " + stack + " has no " + BUS_OUTPUT + " or " + TABLE_OUTPUT
                    + " output; is it the LMI control plane? Give --bus and --table instead");
        }
        return new Resolved(clients, busName, tableName);
    }

    private AwsClients clients() {
        if (endpoint != null) {
            return AwsClients.of(Region.of(Optional.ofNullable(region).orElse(LOCAL_REGION)),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                    URI.create(endpoint));
        }
        String regionName = Optional.ofNullable(region).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElse(System.getenv("AWS_DEFAULT_REGION"));
        return AwsClients.of(Region.of(regionName), DefaultCredentialsProvider.builder().build(), null);
    }

    private Map<String, String> stackOutputs(AwsClients clients, PrintWriter err) {
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
            return cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs().stream()
                    .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        } catch (CloudFormationException e) {
            if (endpoint != null) {
                // ./lmi's local deployment creates the template's resources directly, without a CloudFormation
                // stack; the template names the bus and the ledger after the stack.
                err.println("lmi: no CloudFormation stack " + stack + " at " + endpoint + "; using the names the "
                        + "template gives: " + stack + "-bus and " + stack + "-ledger");
                return Map.of(BUS_OUTPUT, stack + "-bus", TABLE_OUTPUT, stack + "-ledger");
            }
            clients.close();
            throw new IllegalStateException("cannot read the outputs of stack " + stack + ": "
                    + e.awsErrorDetails().errorMessage() + "; deploy the control plane (sam deploy), give --stack, "
                    + "or give --bus and --table", e);
        }
    }
}
