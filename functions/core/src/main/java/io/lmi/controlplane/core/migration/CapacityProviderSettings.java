package io.lmi.controlplane.core.migration;

import io.lmi.controlplane.core.validation.Validator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a migration may put capacity: the network and the operator role. The control plane's deployment gives
 * defaults (template parameters); a request may override them. Architecture and size come from the recommendation.
 *
 * @param name              reuse this capacity provider (must be Active and match the architecture), or create it
 * @param subnetIds         private subnets, in 3 or more Availability Zones, with a route to a NAT gateway or the
 *                          VPC endpoints LMI needs
 * @param securityGroupIds  0-5; none means the VPC's default security group
 * @param operatorRoleArn   the role Lambda uses to manage the instances (AWSLambdaManagedEC2ResourceOperator)
 */
public record CapacityProviderSettings(String name, List<String> subnetIds, List<String> securityGroupIds,
                                       String operatorRoleArn) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,140}");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

    public CapacityProviderSettings over(CapacityProviderSettings base) {
        if (base == null) {
            return this;
        }
        boolean ownSubnets = subnetIds != null && !subnetIds.isEmpty();
        // Security groups belong to a VPC: the deployment's would not fit subnets of another VPC, so a request that
        // names its own subnets gets its own groups, or the VPC's default group when it names none.
        List<String> groups = securityGroupIds != null ? securityGroupIds : ownSubnets ? List.of() : base.securityGroupIds;
        return new CapacityProviderSettings(name != null ? name : base.name, ownSubnets ? subnetIds : base.subnetIds,
                groups, operatorRoleArn != null ? operatorRoleArn : base.operatorRoleArn);
    }

    public void validate(Validator v, String prefix) {
        v.matches(prefix + ".name", name, NAME, "use 1-140 letters, digits, - and _");
        boolean hasSubnets = subnetIds != null && !subnetIds.isEmpty();
        v.check(hasSubnets || name != null, prefix + ".subnetIds", "is missing",
                "give private subnets in 3 or more AZs (or deploy the control plane with CapacityProviderSubnetIds)");
        if (subnetIds != null) {
            v.check(subnetIds.size() <= 16, prefix + ".subnetIds", subnetIds.size() + " subnets", "give at most 16");
            for (int i = 0; i < subnetIds.size(); i++) {
                v.matches(prefix + ".subnetIds[" + i + "]", subnetIds.get(i), SUBNET, "use a subnet id like subnet-0abc1234");
            }
        }
        if (securityGroupIds != null) {
            v.check(securityGroupIds.size() <= 5, prefix + ".securityGroupIds", securityGroupIds.size() + " groups",
                    "give at most 5");
            for (int i = 0; i < securityGroupIds.size(); i++) {
                v.matches(prefix + ".securityGroupIds[" + i + "]", securityGroupIds.get(i), SECURITY_GROUP,
                        "use a security group id like sg-0abc1234");
            }
        }
        v.check(operatorRoleArn != null || name != null, prefix + ".operatorRoleArn", "is missing",
                "give the operator role's ARN (or deploy the control plane, which creates one)");
        v.matches(prefix + ".operatorRoleArn", operatorRoleArn, ROLE_ARN, "use an IAM role ARN");
    }
}
