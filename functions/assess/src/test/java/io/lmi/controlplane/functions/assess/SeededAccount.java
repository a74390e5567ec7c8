package io.lmi.controlplane.functions.assess;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.local.AwsTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The functions the integration tests assess, created once per local AWS and shared by every test class: each with
 * the CloudWatch history its name promises, ending at {@link #now}.
 *
 * <ul>
 *   <li>{@link #steady}: Python 3.13, 1 GB, x86_64, about 100 requests/s with a daily swing, 400 ms, 14 days;</li>
 *   <li>{@link #bursty}: 1 request/s with a 5-minute burst of 150/s every 3 hours, 14 days;</li>
 *   <li>{@link #idle}: three invocations every 20 minutes in office hours, nothing else, 14 days;</li>
 *   <li>{@link #unsupported}: Python 3.9 (no LMI version without an upgrade), steady 100/s, 8 days;</li>
 *   <li>{@link #vpcConsumer}: Java 21 in a VPC, fed by an SQS event source mapping, steady 60/s at 300 ms, 14 days;</li>
 *   <li>{@link #young}: created two days ago, 50/s since;</li>
 *   <li>{@link #silent}: never invoked (no datapoint at all).</li>
 * </ul>
 */
final class SeededAccount {
    private static final Map<URI, SeededAccount> ACCOUNTS = new HashMap<>();
    static final int DAYS = 14;

    final AwsClients clients;
    final LambdaClient lambda;
    final CloudWatchClient cloudWatch;
    final SqsClient sqs;
    final Instant now;
    final Clock clock;
    final String roleArn;
    final String steady;
    final String bursty;
    final String idle;
    final String unsupported;
    final String vpcConsumer;
    final String young;
    final String silent;
    final List<String> vpcSubnets;
    final String queueArn;
    final long seedingMillis;

    static synchronized SeededAccount of(AwsTarget target) {
        return ACCOUNTS.computeIfAbsent(target.endpoint(), e -> new SeededAccount(target));
    }

    private SeededAccount(AwsTarget target) {
        long started = System.currentTimeMillis();
        clients = AwsClients.of(target.region(), target.credentials(), target.endpoint());
        lambda = clients.configure(LambdaClient.builder()).build();
        cloudWatch = clients.configure(CloudWatchClient.builder()).build();
        sqs = clients.configure(SqsClient.builder()).build();
        now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        clock = Clock.fixed(now, ZoneOffset.UTC);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        try (IamClient iam = clients.configure(IamClient.builder()).build()) {
            roleArn = iam.createRole(r -> r.roleName("assessed-functions-" + suffix).assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        try (Ec2Client ec2 = clients.configure(Ec2Client.builder()).build()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
            vpcSubnets = List.of("a", "b", "c").stream().map(az -> ec2.createSubnet(r -> r.vpcId(vpc)
                    .availabilityZone("us-east-1" + az).cidrBlock("10.40." + (az.charAt(0) - 'a') + ".0/24"))
                    .subnet().subnetId()).toList();
        }
        MetricSeeder seeder = new MetricSeeder(cloudWatch);
        Instant windowStart = now.minusSeconds(DAYS * 86_400L);
        int minutes = DAYS * 1440;

        steady = function("orders-api-" + suffix, Runtime.PYTHON3_13, 1024, null);
        Random noise = new Random(11);
        seeder.seed(steady, windowStart, minutes, i -> 100 * dailySwing(i) * (0.97 + 0.06 * noise.nextDouble()), 400);

        bursty = function("report-export-" + suffix, Runtime.PYTHON3_13, 512, null);
        seeder.seed(bursty, windowStart, minutes, i -> i % 180 < 5 ? 150 : 1, 300);

        idle = function("admin-hook-" + suffix, Runtime.PYTHON3_13, 256, null);
        seeder.seed(idle, windowStart, minutes, i -> {
            int minuteOfDay = i % 1440;
            return minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60 && minuteOfDay % 20 == 0 ? 0.05 : 0;
        }, 200);

        unsupported = function("legacy-billing-" + suffix, Runtime.PYTHON3_9, 1024, null);
        int eightDays = 8 * 1440;
        seeder.seed(unsupported, now.minusSeconds(eightDays * 60L), eightDays, i -> 100 * dailySwing(i), 400);

        vpcConsumer = function("order-events-" + suffix, Runtime.JAVA21, 2048, vpcSubnets);
        String queueUrl = sqs.createQueue(r -> r.queueName("order-events-" + suffix)).queueUrl();
        queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        lambda.createEventSourceMapping(r -> r.functionName(vpcConsumer).eventSourceArn(queueArn).batchSize(10));
        seeder.seed(vpcConsumer, windowStart, minutes, i -> 60 * dailySwing(i), 300);

        young = function("new-checkout-" + suffix, Runtime.PYTHON3_13, 1024, null);
        int twoDays = 2 * 1440;
        seeder.seed(young, now.minusSeconds(twoDays * 60L), twoDays, i -> 50, 250);

        silent = function("quiet-hook-" + suffix, Runtime.PYTHON3_13, 1024, null);
        seedingMillis = System.currentTimeMillis() - started;
    }

    /** A daily cycle between 70% and 100% of the peak rate. */
    private static double dailySwing(int minute) {
        return 0.85 + 0.15 * Math.sin(2 * Math.PI * (minute % 1440) / 1440.0);
    }

    private String function(String name, Runtime runtime, int memoryMb, List<String> subnets) {
        lambda.createFunction(r -> {
            r.functionName(name).runtime(runtime).role(roleArn).handler("app.handler").memorySize(memoryMb).timeout(30)
                    .architectures(Architecture.X86_64).code(c -> c.zipFile(SdkBytes.fromByteArray(zip())));
            if (subnets != null) {
                r.vpcConfig(v -> v.subnetIds(subnets).securityGroupIds(List.of()));
            }
        });
        return name;
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
