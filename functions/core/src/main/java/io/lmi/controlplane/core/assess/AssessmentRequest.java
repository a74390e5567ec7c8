package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.cost.WorkloadProfile;
import io.lmi.controlplane.core.validation.FieldError;
import io.lmi.controlplane.core.validation.Validatable;
import io.lmi.controlplane.core.validation.Validator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of an {@code AssessmentRequested} event. Only {@code functionName} is required.
 *
 * @param functionName        a function name or its unqualified ARN
 * @param days                days of history (default 14; 7 to 63)
 * @param requestId           makes a redelivered event update the same assessment (default: the event's id)
 * @param requestedBy         who asked, for the ledger and the completion event
 * @param workload            io, balanced or cpu when the team knows (default: assumed balanced, and said so)
 * @param allowRuntimeUpgrade judge the function as moved to the nearest LMI runtime of its family
 */
public record AssessmentRequest(String functionName, Integer days, String requestId, String requestedBy,
                                String workload, Boolean allowRuntimeUpgrade) implements Validatable {

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9-_]+)(:[a-zA-Z0-9$_.-]+)?");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    /** The function's name whether a name or an ARN was given. */
    public String name() {
        if (functionName == null) {
            return null;
        }
        Matcher arn = FUNCTION_ARN.matcher(functionName);
        return arn.matches() ? arn.group(3) : functionName;
    }

    public AssessmentOptions options(AssessmentPolicy policy) {
        return new AssessmentOptions(days == null ? AssessmentOptions.DEFAULT_WINDOW_DAYS : days,
                Boolean.TRUE.equals(allowRuntimeUpgrade), workload == null ? null : WorkloadProfile.parse(workload));
    }

    @Override
    public void validate() {
        validate(AssessmentPolicy.defaults());
    }

    public void validate(AssessmentPolicy policy) {
        Validator v = new Validator("assessment request");
        if (v.require("functionName", functionName, "name the function to assess, e.g. {\"functionName\": \"orders\"}")) {
            Matcher arn = FUNCTION_ARN.matcher(functionName);
            if (arn.matches()) {
                v.check(arn.group(4) == null, "functionName", "'" + functionName + "' is qualified",
                        "give the function's name or unqualified ARN: the assessment covers every version and alias");
            } else {
                v.matches("functionName", functionName, FUNCTION_NAME,
                        "use the function's name (1-64 letters, digits, - and _) or its ARN");
            }
        }
        v.inRange("days", days, policy.minObservedDays(), AssessmentOptions.MAX_WINDOW_DAYS, "days");
        v.matches("requestId", requestId, REQUEST_ID, "use 1-128 letters, digits and . _ : / -");
        if (workload != null) {
            try {
                WorkloadProfile.parse(workload);
            } catch (IllegalArgumentException e) {
                v.add(new FieldError("workload", "'" + workload + "' is not a workload", "use io, balanced or cpu"));
            }
        }
        v.throwIfInvalid();
    }
}
