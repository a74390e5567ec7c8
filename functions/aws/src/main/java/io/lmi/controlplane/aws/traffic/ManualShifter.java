package io.lmi.controlplane.aws.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.lmi.controlplane.core.traffic.ShiftTarget;
import io.lmi.controlplane.core.traffic.Trigger;
import io.lmi.controlplane.core.traffic.TriggerKind;
import io.lmi.controlplane.core.traffic.TriggerState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Callers the control plane cannot redirect: a function URL's clients, and direct Invoke callers. At the cut-over step
 * it prepares the new side and hands over exact instructions; the workflow then waits on a task token until the team
 * confirms with {@code ./lmi approve <migration id>}. It changes no caller itself.
 *
 * <p>FUNCTION_URL: the function and each alias can have a URL. The new alias gets a URL with the same auth type, CORS
 * and invoke mode, and the same resource-policy access as the original URL (for AuthType NONE, the public statements
 * without which every request is refused).
 *
 * <p>DIRECT: the resource-policy statements that allow Invoke to an account, a role, or a service that no other
 * shifter moves (S3 notifications, CloudWatch Logs subscriptions, Cognito triggers, other accounts...). Each is granted
 * on the new alias too, so that callers can switch. Callers in this account that are allowed only by their own IAM
 * policies appear in no resource policy and cannot be discovered; when no statement is found there is no DIRECT
 * trigger, and the instructions of the other triggers do not cover such callers either.
 *
 * <p>Notes ({@link ManualNotes}): the instructions, the approve command, the old and new URL, and the permission ids.
 */
public final class ManualShifter implements TriggerShifter {
    /** How the team confirms a manual step (the CLI's approve command). */
    public static final String APPROVE_COMMAND = "./lmi approve %s";
    /** Services whose triggers other shifters move; their statements are not direct callers. */
    static final Set<String> SHIFTED_SERVICES = Set.of(EventBridgeRuleShifter.PRINCIPAL, SnsShifter.PRINCIPAL,
            ApiGatewayRestShifter.PRINCIPAL, AlbShifter.PRINCIPAL);
    private static final String URL_PURPOSE = "url";
    private static final String DIRECT_PURPOSE = "direct";

    private final LambdaClient lambda;
    private final FunctionPolicy policy;
    private final InvokePermissions permissions;

    public ManualShifter(LambdaClient lambda) {
        this.lambda = lambda;
        this.policy = new FunctionPolicy(lambda);
        this.permissions = new InvokePermissions(lambda);
    }

    /** A function URL as discovered; {@code config} is GetFunctionUrlConfig's answer as SDK JSON. */
    public record FunctionUrl(String functionUrl, String functionArn, JsonNode config, List<AccessGrant> access) {
        public FunctionUrl {
            access = List.copyOf(access);
        }
    }

    /** The direct callers the resource policy names. */
    public record DirectCallers(String functionArn, List<AccessGrant> callers) {
        public DirectCallers {
            callers = List.copyOf(callers);
        }
    }

    public record ManualNotes(String instructions, String approveCommand, String oldUrl, String newUrl,
                              List<String> permissionIds, List<String> callers) {
    }

    @Override
    public Set<TriggerKind> kinds() {
        return Set.of(TriggerKind.FUNCTION_URL, TriggerKind.DIRECT);
    }

    @Override
    public List<Trigger> discover(FunctionTargets function) {
        List<PolicyStatement> statements = policy.statements(function);
        List<Trigger> triggers = new ArrayList<>();
        for (String arn : urlOwners(function)) {
            url(arn).ifPresent(config -> {
                List<AccessGrant> access = statements.stream()
                        .filter(statement -> arn.equals(statement.resource()) && statement.isFunctionUrlAccess())
                        .flatMap(statement -> AccessGrant.of(statement).stream()).toList();
                triggers.add(new Trigger(TriggerKind.FUNCTION_URL, config.functionUrl(), config.functionUrl(),
                        Notes.write(new FunctionUrl(config.functionUrl(), config.functionArn(),
                                SdkPojoJson.toTree(config), access))));
            });
        }
        List<AccessGrant> callers = statements.stream()
                .filter(statement -> statement.allowsInvoke() && !statement.isFunctionUrlAccess()
                        && (statement.principalService() == null || !SHIFTED_SERVICES.contains(statement.principalService())))
                .flatMap(statement -> AccessGrant.of(statement).stream())
                .filter(grant -> grant.action().equalsIgnoreCase(InvokePermissions.INVOKE))
                .toList();
        if (!callers.isEmpty()) {
            triggers.add(new Trigger(TriggerKind.DIRECT, "direct:" + function.functionArn(),
                    callers.stream().map(AccessGrant::describeCaller).distinct().reduce((a, b) -> a + ", " + b).orElse(""),
                    Notes.write(new DirectCallers(function.functionArn(), callers))));
        }
        return triggers;
    }

    @Override
    public TriggerState shift(TriggerState current, int percentOnNew, ShiftTarget target, ResourceRecorder recorder) {
        ShiftPercents.requireAllOrNothing(current.trigger(), percentOnNew);
        if (percentOnNew == 0) {
            if (current.percentOnNew() != 0) {
                restore(current, target, recorder);
            }
            return current.withShift(0, null);
        }
        String approve = String.format(APPROVE_COMMAND, target.operationId());
        if (current.trigger().kind() == TriggerKind.FUNCTION_URL) {
            FunctionUrl original = urlOriginal(current.trigger());
            List<String> granted = grantAll(original.access(), original.functionUrl(), URL_PURPOSE, target, recorder);
            String newUrl = ensureUrl(original, target, recorder);
            String instructions = ManualInstructions.forFunctionUrl(original, newUrl, target, approve);
            return current.withShift(100, Notes.write(new ManualNotes(instructions, approve, original.functionUrl(), newUrl,
                    granted, callers(original.access()))));
        }
        DirectCallers original = directOriginal(current.trigger());
        List<String> granted = grantAll(original.callers(), original.functionArn(), DIRECT_PURPOSE, target, recorder);
        String instructions = ManualInstructions.forDirectCallers(original, target, approve);
        return current.withShift(100, Notes.write(new ManualNotes(instructions, approve, null, null, granted,
                callers(original.callers()))));
    }

    @Override
    public void restore(TriggerState current, ShiftTarget target, ResourceRecorder recorder) {
        if (current.trigger().kind() == TriggerKind.FUNCTION_URL) {
            FunctionUrl original = urlOriginal(current.trigger());
            if (url(target.newFunctionArn()).isPresent()) {
                try {
                    lambda.deleteFunctionUrlConfig(request -> request.functionName(Arns.unqualified(target.newFunctionArn()))
                            .qualifier(Arns.qualifier(target.newFunctionArn()).orElse(null)));
                } catch (ResourceNotFoundException alreadyGone) {
                    // Deleted by an earlier attempt of this rollback.
                }
                recorder.deleted(CreatedResources.FUNCTION_URL, target.newFunctionArn());
            }
            revokeAll(original.access(), original.functionUrl(), URL_PURPOSE, target, recorder);
        } else {
            DirectCallers original = directOriginal(current.trigger());
            revokeAll(original.callers(), original.functionArn(), DIRECT_PURPOSE, target, recorder);
        }
    }

    @Override
    public String describeShift(Trigger trigger, int percentOnNew, ShiftTarget target) {
        ShiftPercents.requireAllOrNothing(trigger, percentOnNew);
        if (percentOnNew == 0) {
            return trigger.kind() + " " + trigger.source() + ": callers keep using the original function.";
        }
        if (trigger.kind() == TriggerKind.FUNCTION_URL) {
            FunctionUrl original = urlOriginal(trigger);
            return "Function URL " + original.functionUrl() + ": create a URL for " + target.newFunctionArn()
                    + " with the same auth type and CORS, then pause until the team has pointed its clients at it and "
                    + "confirms with " + String.format(APPROVE_COMMAND, target.operationId()) + ".";
        }
        DirectCallers original = directOriginal(trigger);
        return "Direct callers of " + original.functionArn() + " (" + trigger.source() + "): allow them to invoke "
                + target.newFunctionArn() + ", then pause until the team has switched them and confirms with "
                + String.format(APPROVE_COMMAND, target.operationId()) + ".";
    }

    private String ensureUrl(FunctionUrl original, ShiftTarget target, ResourceRecorder recorder) {
        Optional<GetFunctionUrlConfigResponse> existing = url(target.newFunctionArn());
        if (existing.isPresent()) {
            return existing.get().functionUrl();
        }
        GetFunctionUrlConfigResponse config = SdkPojoJson.fromTree(original.config(), GetFunctionUrlConfigResponse.builder());
        recorder.creating(CreatedResources.FUNCTION_URL, target.newFunctionArn(), target.newFunctionName());
        try {
            Cors cors = config.cors();
            return lambda.createFunctionUrlConfig(request -> request.functionName(Arns.unqualified(target.newFunctionArn()))
                    .qualifier(Arns.qualifier(target.newFunctionArn()).orElse(null))
                    .authType(config.authTypeAsString())
                    .cors(cors)
                    .invokeMode(config.invokeModeAsString())).functionUrl();
        } catch (ResourceConflictException createdMeanwhile) {
            return url(target.newFunctionArn()).orElseThrow(() -> createdMeanwhile).functionUrl();
        }
    }

    private Optional<GetFunctionUrlConfigResponse> url(String functionArn) {
        try {
            return Optional.of(lambda.getFunctionUrlConfig(request -> request.functionName(Arns.unqualified(functionArn))
                    .qualifier(Arns.qualifier(functionArn).orElse(null))));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

    private List<String> grantAll(List<AccessGrant> grants, String key, String purpose, ShiftTarget target,
                                  ResourceRecorder recorder) {
        Set<String> ids = new LinkedHashSet<>();
        for (AccessGrant grant : grants) {
            ids.add(permissions.grant(grant.on(target.newFunctionArn(), target.operationId(), purpose, key), recorder,
                    target.newFunctionName()));
        }
        return List.copyOf(ids);
    }

    private void revokeAll(List<AccessGrant> grants, String key, String purpose, ShiftTarget target,
                           ResourceRecorder recorder) {
        for (AccessGrant grant : grants) {
            permissions.revoke(grant.on(target.newFunctionArn(), target.operationId(), purpose, key).permissionId(),
                    recorder);
        }
    }

    /** The function and its aliases: Lambda gives URLs to those, not to versions. */
    private static List<String> urlOwners(FunctionTargets function) {
        List<String> owners = new ArrayList<>();
        owners.add(function.functionArn());
        for (String arn : function.qualifiedArns()) {
            String qualifier = Arns.qualifier(arn).orElse("");
            if (!qualifier.isEmpty() && !qualifier.chars().allMatch(Character::isDigit) && !"$LATEST".equals(qualifier)) {
                owners.add(arn);
            }
        }
        return owners;
    }

    private static List<String> callers(List<AccessGrant> grants) {
        return grants.stream().map(AccessGrant::describeCaller).distinct().toList();
    }

    private static FunctionUrl urlOriginal(Trigger trigger) {
        return Notes.require(trigger.original(), FunctionUrl.class, "the original function URL of " + trigger.id());
    }

    private static DirectCallers directOriginal(Trigger trigger) {
        if (trigger.kind() != TriggerKind.DIRECT) {
            throw new IllegalArgumentException("trigger " + trigger.id() + " is not handled by the manual shifter");
        }
        return Notes.require(trigger.original(), DirectCallers.class, "the direct callers of " + trigger.id());
    }
}
