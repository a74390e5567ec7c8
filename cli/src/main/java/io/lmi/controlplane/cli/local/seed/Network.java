package io.lmi.controlplane.cli.local.seed;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A VPC as a platform team would give LMI: private subnets in three Availability Zones, each routing 0.0.0.0/0
 * through a NAT gateway in a public subnet. Or, for failure drills, private subnets with no way out.
 */
public final class Network {
    private final Ec2Client ec2;

    public Network(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** The seeded network: its VPC, private subnets and a security group with HTTPS egress only. */
    public record Seeded(String vpcId, List<String> privateSubnetIds, String securityGroupId) {
    }

    public Seeded privateWithNat(String cidrPrefix) {
        return create(cidrPrefix, true);
    }

    /** Private subnets whose route tables have no default route: a capacity provider there ends Failed. */
    public Seeded privateWithoutEgress(String cidrPrefix) {
        return create(cidrPrefix, false);
    }

    private Seeded create(String cidrPrefix, boolean withNat) {
        String region = ec2.serviceClientConfiguration().region().id();
        String vpc = ec2.createVpc(r -> r.cidrBlock(cidrPrefix + ".0.0/16")).vpc().vpcId();
        String natId = null;
        if (withNat) {
            String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(igw));
            String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidrPrefix + ".100.0/24")
                    .availabilityZone(region + "a")).subnet().subnetId();
            String publicTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(publicSubnet));
            String eip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
            natId = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip)).natGateway().natGatewayId();
        }
        String privateTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        if (natId != null) {
            String nat = natId;
            ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        }
        List<String> subnets = new ArrayList<>();
        String[] zones = {"a", "b", "c"};
        for (int i = 0; i < zones.length; i++) {
            int index = i;
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidrPrefix + "." + index + ".0/24")
                    .availabilityZone(region + zones[index])).subnet().subnetId();
            ec2.associateRouteTable(r -> r.routeTableId(privateTable).subnetId(subnet));
            subnets.add(subnet);
        }
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("lmi-instances-" + vpc)
                .description("LMI instances: HTTPS egress only")).groupId();
        return new Seeded(vpc, subnets, group);
    }
}
