package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.cli.client.ControlPlaneClient;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * Where the control plane is: a stack deployed with {@code sam deploy} (found by name, its bus and ledger read from
 * the stack's outputs), or the local AWS ({@code --endpoint http://127.0.0.1:PORT}, where the names follow the
 * template: STACK-bus and STACK-ledger).
 */
public final class ControlPlaneOptions {
    public static final String DEFAULT_STACK = "lmi-control-plane";

    @Option(names = "--stack", defaultValue = DEFAULT_STACK, description = "The control plane's stack (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--endpoint", description = "An AWS endpoint to use instead of AWS's, e.g. the local AWS at http://127.0.0.1:4599.")
    URI endpoint;

    @Option(names = "--region", description = "The control plane's region (default: AWS_REGION, or us-east-1 with --endpoint).")
    String region;

    public AwsClients clients() {
        if (endpoint != null) {
            return AwsClients.of(Region.of(regionOr("us-east-1")), StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("testing", "testing")), endpoint);
        }
        String name = Optional.ofNullable(region).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElseThrow(() -> new IllegalArgumentException("no region: pass --region or set AWS_REGION"));
        return AwsClients.of(Region.of(name), DefaultCredentialsProvider.builder().build(), null);
    }

    private String regionOr(String fallback) {
        return region != null ? region : Optional.ofNullable(System.getenv("AWS_REGION")).orElse(fallback);
    }

    /** A client of the located control plane. */
    public ControlPlaneClient connect(AwsClients clients) {
        if (endpoint != null) {
            return new ControlPlaneClient(clients, stack + "-bus", stack + "-ledger");
        }
        try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
            var outputs = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs();
            return new ControlPlaneClient(clients, output(outputs, "EventBusName"), output(outputs, "LedgerTableName"));
        } catch (CloudFormationException e) {
            throw new IllegalArgumentException("cannot find the control plane's stack " + stack + " in "
                    + clients.region() + " (" + e.awsErrorDetails().errorMessage()
                    + "): deploy it with sam deploy, or name it with --stack, or use --endpoint for the local AWS");
        }
    }

    private String output(java.util.List<Output> outputs, String key) {
        return outputs.stream().filter(o -> o.outputKey().equals(key)).map(Output::outputValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stack " + stack + " has no output " + key
                        + ": is it the LMI control plane?"));
    }
}
