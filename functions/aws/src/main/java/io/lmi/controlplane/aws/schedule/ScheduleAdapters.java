package io.lmi.controlplane.aws.schedule;

import io.lmi.controlplane.aws.events.EventPublisher;
import io.lmi.controlplane.aws.lambda.LmiFunctions;
import io.lmi.controlplane.core.schedule.SchedulePolicy;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * What the schedule use cases share: the ledger, the Scheduler group (absent for {@link ScheduleVersionFollower},
 * which changes no Scheduler schedule), Lambda, the bus, the guardrails and the clock. Build once per process.
 */
public record ScheduleAdapters(ScheduleLedger ledger, SchedulerGroup scheduler, LmiFunctions functions,
                               TaggedFunctions tagged, EventPublisher bus, SchedulePolicy policy, Clock clock) {

    public ScheduleAdapters {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(tagged, "tagged");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
    }

    /** From SDK clients, for a control plane that may manage every function. */
    public static ScheduleAdapters of(DynamoDbClient dynamo, String ledgerTable, LambdaClient lambda,
                                      SchedulerClient scheduler, SchedulerSettings settings, EventPublisher bus,
                                      SchedulePolicy policy, Clock clock) {
        return of(dynamo, ledgerTable, lambda, scheduler, settings, bus, policy, clock, FunctionNamePattern.ANY);
    }

    /**
     * From SDK clients; {@code scheduler} and {@code settings} may be null for the version follower.
     *
     * @param managed the functions the control plane may read (template ManagedFunctionNamePattern): selectors look
     *                only at those
     */
    public static ScheduleAdapters of(DynamoDbClient dynamo, String ledgerTable, LambdaClient lambda,
                                      SchedulerClient scheduler, SchedulerSettings settings, EventPublisher bus,
                                      SchedulePolicy policy, Clock clock, FunctionNamePattern managed) {
        return new ScheduleAdapters(new ScheduleLedger(dynamo, ledgerTable, clock),
                scheduler == null ? null : new SchedulerGroup(scheduler, settings, clock),
                new LmiFunctions(lambda), new TaggedFunctions(lambda, managed), bus, policy, clock);
    }

    SchedulerGroup requireScheduler() {
        if (scheduler == null) {
            throw new IllegalStateException("this use case changes EventBridge Scheduler schedules: build the adapters "
                    + "with a Scheduler client and settings");
        }
        return scheduler;
    }

    ScheduleEvents events() {
        return new ScheduleEvents(bus);
    }

    Reconciler reconciler() {
        return new Reconciler(new VersionScaling(functions), clock);
    }

    LambdaManagedInstancesCheck managedInstancesCheck() {
        return new LambdaManagedInstancesCheck(functions);
    }
}
