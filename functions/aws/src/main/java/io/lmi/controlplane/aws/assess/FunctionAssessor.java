package io.lmi.controlplane.aws.assess;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.cloudwatch.MetricsHistoryReader;
import io.lmi.controlplane.aws.lambda.FunctionReader;
import io.lmi.controlplane.aws.traffic.ApiGatewayRestShifter;
import io.lmi.controlplane.aws.traffic.FunctionTargetsReader;
import io.lmi.controlplane.aws.traffic.SqsConcurrencySplit;
import io.lmi.controlplane.aws.traffic.TriggerDiscovery;
import io.lmi.controlplane.aws.traffic.TriggerShifters;
import io.lmi.controlplane.core.assess.Assessment;
import io.lmi.controlplane.core.assess.AssessmentInput;
import io.lmi.controlplane.core.assess.AssessmentOptions;
import io.lmi.controlplane.core.assess.Assessor;
import io.lmi.controlplane.core.assess.MetricsHistory;
import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.migration.MigrationRequest;
import io.lmi.controlplane.core.traffic.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Gathers what an assessment looks at from the account, read-only, and runs the engine: the function's
 * configuration (Lambda), its triggers (the trigger shifters' discovery), and its CloudWatch history. Shared by the
 * Assess Lambda, the migration's Assess step and {@code lmi assess}.
 *
 * <p>IAM: lambda:GetFunction, ListAliases, ListVersionsByFunction, ListProvisionedConcurrencyConfigs,
 * GetLayerVersion, GetPolicy, GetFunctionUrlConfig, ListEventSourceMappings; events:ListRuleNamesByTarget,
 * ListTargetsByRule; sns:ListSubscriptions*, GetSubscriptionAttributes; apigateway:GET;
 * elasticloadbalancing:Describe*; cloudwatch:GetMetricData.
 */
public final class FunctionAssessor implements AutoCloseable {
    private final FunctionReader functions;
    private final FunctionTargetsReader targets;
    private final TriggerDiscovery triggers;
    private final MetricsHistoryReader metrics;
    private final Assessor assessor;
    private final String region;
    private final Clock clock;
    private final List<SdkClient> owned;

    public FunctionAssessor(FunctionReader functions, FunctionTargetsReader targets, TriggerDiscovery triggers,
                            MetricsHistoryReader metrics, Assessor assessor, String region, Clock clock) {
        this(functions, targets, triggers, metrics, assessor, region, clock, List.of());
    }

    private FunctionAssessor(FunctionReader functions, FunctionTargetsReader targets, TriggerDiscovery triggers,
                             MetricsHistoryReader metrics, Assessor assessor, String region, Clock clock,
                             List<SdkClient> owned) {
        this.functions = functions;
        this.targets = targets;
        this.triggers = triggers;
        this.metrics = metrics;
        this.assessor = assessor;
        this.region = region;
        this.clock = clock;
        this.owned = List.copyOf(owned);
    }

    /** Builds each SDK client it needs once, from the shared configuration; {@link #close()} closes them. */
    public static FunctionAssessor create(AwsClients clients, Assessor assessor, Clock clock) {
        List<SdkClient> owned = new ArrayList<>();
        LambdaClient lambda = own(owned, clients.configure(LambdaClient.builder()).build());
        CloudWatchClient cloudWatch = own(owned, clients.configure(CloudWatchClient.builder()).build());
        EventBridgeClient events = own(owned, clients.configure(EventBridgeClient.builder()).build());
        SnsClient sns = own(owned, clients.configure(SnsClient.builder()).build());
        ApiGatewayClient apigateway = own(owned, ApiGatewayRestShifter.client(clients));
        ElasticLoadBalancingV2Client elb = own(owned, clients.configure(ElasticLoadBalancingV2Client.builder()).build());
        TriggerShifters shifters = TriggerShifters.standard(lambda, events, sns, apigateway, elb,
                SqsConcurrencySplit.withDefaults(), clock);
        return new FunctionAssessor(new FunctionReader(lambda), new FunctionTargetsReader(lambda),
                new TriggerDiscovery(shifters), new MetricsHistoryReader(cloudWatch), assessor,
                clients.region().id(), clock, owned);
    }

    private static <C extends SdkClient> C own(List<SdkClient> owned, C client) {
        owned.add(client);
        return client;
    }

    public Assessor assessor() {
        return assessor;
    }

    /** The assessment, or empty when there is no such function in the Region. */
    public Optional<Assessment> assess(String functionName, AssessmentOptions options, String assessmentId) {
        Optional<FunctionSnapshot> function = functions.read(functionName);
        if (function.isEmpty()) {
            return Optional.empty();
        }
        FunctionSnapshot snapshot = function.get();
        List<Trigger> found = triggers.discover(targets.read(snapshot.name()));
        Instant now = clock.instant();
        MetricsHistory history = metrics.read(snapshot.name(), now, Duration.ofDays(options.windowDays()));
        return Optional.of(assessor.assess(new AssessmentInput(assessmentId, now, region, snapshot, found, history,
                options, lmiName(snapshot.name()))));
    }

    /** The name the migration gives the LMI copy by default (MigrationRequest: name + "-lmi", at most 64). */
    static String lmiName(String name) {
        String candidate = name + MigrationRequest.LMI_SUFFIX;
        return candidate.length() <= 64 ? candidate : candidate.substring(0, 64);
    }

    @Override
    public void close() {
        owned.forEach(SdkClient::close);
    }
}
