package io.lmi.controlplane.aws.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Why a capacity provider did not become Active. The API gives no reason for {@code Failed}, so we check what AWS
 * documents as the usual causes (lmi-api-and-pricing.md 5.6, 7.6; the seed's troubleshooting list):
 * <ol>
 *   <li>every subnet exists and has free IP addresses;</li>
 *   <li>the subnets span at least {@link #MIN_AVAILABILITY_ZONES} Availability Zones (one instance per AZ);</li>
 *   <li>every subnet can reach AWS: a 0.0.0.0/0 route to an available NAT gateway, or to an attached internet
 *       gateway while the subnet gives instances public IPs, or interface endpoints with private DNS for
 *       {@link #REQUIRED_ENDPOINT_SERVICES} in its VPC (the most common cause of a provider stuck in Pending);</li>
 *   <li>the operator role exists, trusts lambda.amazonaws.com, and has the AWSLambdaManagedEC2ResourceOperator
 *       policy (or an inline policy allowing ec2:RunInstances).</li>
 * </ol>
 */
public final class CapacityProviderDiagnosis {
    public static final int MIN_AVAILABILITY_ZONES = 3;
    /** What an instance must reach when there is no NAT or internet gateway: Lambda, CloudWatch Logs and metrics. */
    public static final List<String> REQUIRED_ENDPOINT_SERVICES = List.of("lambda", "logs", "monitoring");
    public static final String OPERATOR_POLICY = "AWSLambdaManagedEC2ResourceOperator";

    private final Ec2Client ec2;
    private final IamClient iam;
    private final String region;

    public CapacityProviderDiagnosis(Ec2Client ec2, IamClient iam, String region) {
        this.ec2 = ec2;
        this.iam = iam;
        this.region = region;
    }

    public List<Finding> diagnose(List<String> subnetIds, String operatorRoleArn) {
        List<Finding> findings = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        for (String id : subnetIds) {
            var found = ec2.describeSubnets(r -> r.filters(Filter.builder().name("subnet-id").values(id).build())).subnets();
            if (found.isEmpty()) {
                findings.add(new Finding("subnet " + id + " exists", false, "no such subnet in " + region,
                        "use subnets of this Region's VPC"));
            } else {
                subnets.add(found.get(0));
            }
        }
        for (Subnet subnet : subnets) {
            int free = subnet.availableIpAddressCount() == null ? 0 : subnet.availableIpAddressCount();
            findings.add(new Finding("subnet " + subnet.subnetId() + " has free IP addresses", free > 0,
                    free + " free addresses", "use subnets with free addresses, or a larger CIDR"));
        }
        Set<String> zones = subnets.stream().map(Subnet::availabilityZone).collect(Collectors.toCollection(HashSet::new));
        findings.add(new Finding("subnets span at least " + MIN_AVAILABILITY_ZONES + " Availability Zones",
                zones.size() >= MIN_AVAILABILITY_ZONES, zones.size() + " zones: " + zones,
                "add private subnets in more Availability Zones (LMI spreads execution environments across AZs)"));
        for (Subnet subnet : subnets) {
            findings.add(egress(subnet));
        }
        findings.add(operatorRole(operatorRoleArn));
        return findings;
    }

    private Finding egress(Subnet subnet) {
        String check = "subnet " + subnet.subnetId() + " can reach AWS";
        Optional<RouteTable> table = routeTable(subnet);
        if (table.isPresent()) {
            for (Route route : table.get().routes()) {
                if (!"0.0.0.0/0".equals(route.destinationCidrBlock())) {
                    continue;
                }
                if (route.natGatewayId() != null && natAvailable(route.natGatewayId())) {
                    return new Finding(check, true, "default route to NAT gateway " + route.natGatewayId(), "");
                }
                if (route.gatewayId() != null && route.gatewayId().startsWith("igw-")
                        && Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch())) {
                    return new Finding(check, true, "default route to internet gateway " + route.gatewayId()
                            + " with public IPs", "");
                }
            }
        }
        List<String> missing = missingEndpoints(subnet.vpcId());
        if (missing.isEmpty()) {
            return new Finding(check, true, "interface endpoints for " + REQUIRED_ENDPOINT_SERVICES, "");
        }
        return new Finding(check, false, "route table " + table.map(RouteTable::routeTableId).orElse("(none)")
                + " has no 0.0.0.0/0 route to a NAT gateway (or to an internet gateway with public IPs), and VPC "
                + subnet.vpcId() + " lacks interface endpoints for " + missing,
                "add a NAT gateway route to the subnet's route table, or create interface endpoints (private DNS on) for "
                        + missing.stream().map(s -> "com.amazonaws." + region + "." + s).toList());
    }

    private Optional<RouteTable> routeTable(Subnet subnet) {
        var explicit = ec2.describeRouteTables(r -> r.filters(Filter.builder().name("association.subnet-id")
                .values(subnet.subnetId()).build())).routeTables();
        if (!explicit.isEmpty()) {
            return Optional.of(explicit.get(0));
        }
        // No explicit association: the subnet uses its VPC's main route table.
        return ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(subnet.vpcId()).build(),
                Filter.builder().name("association.main").values("true").build())).routeTables().stream().findFirst();
    }

    private boolean natAvailable(String natGatewayId) {
        return ec2.describeNatGateways(r -> r.natGatewayIds(natGatewayId)).natGateways().stream()
                .anyMatch(n -> "available".equals(n.stateAsString()));
    }

    private List<String> missingEndpoints(String vpcId) {
        Set<String> present = new HashSet<>();
        ec2.describeVpcEndpoints(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build())).vpcEndpoints()
                .stream()
                .filter(e -> "Interface".equalsIgnoreCase(e.vpcEndpointTypeAsString()) && Boolean.TRUE.equals(e.privateDnsEnabled())
                        && "available".equalsIgnoreCase(e.stateAsString()))
                .forEach(e -> present.add(e.serviceName()));
        return REQUIRED_ENDPOINT_SERVICES.stream()
                .filter(s -> !present.contains("com.amazonaws." + region + "." + s)).toList();
    }

    private Finding operatorRole(String roleArn) {
        String check = "operator role " + roleArn + " can manage instances";
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        try {
            var role = iam.getRole(r -> r.roleName(name)).role();
            String trust = java.net.URLDecoder.decode(String.valueOf(role.assumeRolePolicyDocument()),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (!trust.contains("lambda.amazonaws.com")) {
                return new Finding(check, false, "its trust policy does not allow lambda.amazonaws.com",
                        "let lambda.amazonaws.com assume the role (sts:AssumeRole)");
            }
            boolean managed = iam.listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies().stream()
                    .anyMatch(p -> p.policyName().equals(OPERATOR_POLICY));
            boolean inline = false;
            for (String policy : iam.listRolePolicies(r -> r.roleName(name)).policyNames()) {
                String document = java.net.URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(name).policyName(policy))
                        .policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
                inline |= document.contains("ec2:RunInstances");
            }
            return new Finding(check, managed || inline, managed ? OPERATOR_POLICY + " attached"
                    : inline ? "an inline policy allows ec2:RunInstances" : "no policy lets it launch instances",
                    "attach arn:aws:iam::aws:policy/" + OPERATOR_POLICY);
        } catch (NoSuchEntityException e) {
            return new Finding(check, false, "the role does not exist", "create it (template.yaml creates one) or fix the ARN");
        }
    }
}
