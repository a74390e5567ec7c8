package io.lmi.controlplane.functions.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.schedule.Scaling;
import io.lmi.controlplane.aws.schedule.ScheduleAdapters;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.testing.LocalAwsExtension;
import io.lmi.controlplane.runtime.Settings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;

/**
 * With a narrowed ManagedFunctionNamePattern the control plane may not ListTags other functions: a selector asks only
 * the functions the pattern matches.
 */
@ExtendWith(LocalAwsExtension.class)
class ManagedFunctionPatternTest {
    private final ScheduleTestBed bed;
    private final AtomicInteger denied = new AtomicInteger();

    ManagedFunctionPatternTest(LocalAws localAws) {
        this.bed = new ScheduleTestBed(localAws, Schedules.MONDAY_10AM);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    /** The local Lambda, with ListTags denied outside {@code prefix}* as the template's IAM policy denies it. */
    private LambdaClient deniedOutside(String prefix) {
        return (LambdaClient) Proxy.newProxyInstance(LambdaClient.class.getClassLoader(),
                new Class<?>[] {LambdaClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listTags")) {
                        ListTagsRequest request = args[0] instanceof ListTagsRequest r ? r
                                : buildListTags(args[0]);
                        String name = request.resource().replaceAll(".*:function:", "");
                        if (!name.startsWith(prefix)) {
                            denied.incrementAndGet();
                            throw LambdaException.builder().statusCode(403).message("AccessDeniedException: not "
                                    + "authorized to perform lambda:ListTags on " + request.resource()).build();
                        }
                    }
                    try {
                        return method.invoke(bed.lambda, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static ListTagsRequest buildListTags(Object consumer) {
        ListTagsRequest.Builder builder = ListTagsRequest.builder();
        ((Consumer<ListTagsRequest.Builder>) consumer).accept(builder);
        return builder.build();
    }

    @Test
    void aSelectorReadsTagsOnlyOfManagedFunctions() {
        String team = "scoped-" + UUID.randomUUID().toString().substring(0, 6);
        String managedPrefix = "scoped" + UUID.randomUUID().toString().substring(0, 4);
        String managed = bed.lmi.function(managedPrefix, 0, Map.of("team", team));
        String outside = bed.lmi.function("outside", 0, Map.of("team", team));
        bed.lmi.publishLatest(managed);
        bed.lmi.publishLatest(outside);
        bed.setting(Settings.MANAGED_FUNCTION_NAME_PATTERN, managedPrefix + "-*");
        ScheduleAdapters guarded = ScheduleAdapters.of(bed.dynamo, bed.table, deniedOutside(managedPrefix), null,
                null, bed.controlPlane().events(), SchedulePolicy.defaults(), bed.clock,
                new Settings(bed.controlPlane()).managedFunctions());

        assertThat(guarded.tagged().matching(Map.of("team", team))).containsExactly(managed);
        assertThat(denied).as("no ListTags outside the pattern").hasValue(0);

        bed.applyRequest(Schedules.detail("""
                {"selector": {"tags": {"team": "%s"}}, "qualifier": "$LATEST.PUBLISHED",
                 "environment": "non-production", "timezone": "UTC", "default": {"min": 1, "max": 5}}"""
                .formatted(team)));
        assertThat(bed.requested(managed, "$LATEST.PUBLISHED")).isEqualTo(new Scaling(1, 5));
        assertThat(bed.requested(outside, "$LATEST.PUBLISHED")).isEqualTo(Scaling.LMI_DEFAULT);
    }
}
