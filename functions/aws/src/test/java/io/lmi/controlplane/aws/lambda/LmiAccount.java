package io.lmi.controlplane.aws.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

/** Seeds what LMI needs in the local AWS: roles, and private subnets in three AZs with or without a NAT route. */
final class LmiAccount {
    private final Ec2Client ec2;
    private final IamClient iam;

    LmiAccount(Ec2Client ec2, IamClient iam) {
        this.ec2 = ec2;
        this.iam = iam;
    }

    String role(String service, String managedPolicy) {
        String name = "role-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                        + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        if (managedPolicy != null) {
            iam.attachRolePolicy(r -> r.roleName(name).policyArn("arn:aws:iam::aws:policy/" + managedPolicy));
        }
        return arn;
    }

    String operatorRole() {
        return role("lambda.amazonaws.com", "AWSLambdaManagedEC2ResourceOperator");
    }

    String executionRole() {
        return role("lambda.amazonaws.com", null);
    }

    /** Three private subnets in three AZs; with {@code nat}, routed to a NAT gateway in a public subnet. */
    List<String> subnets(boolean nat) {
        int octet = Math.floorMod(UUID.randomUUID().hashCode(), 200) + 20;
        String vpc = ec2.createVpc(r -> r.cidrBlock("10." + octet + ".0.0/16")).vpc().vpcId();
        String table = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        if (nat) {
            String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(igw));
            String publicSubnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10." + octet + ".100.0/24")
                    .availabilityZone("us-east-1a")).subnet().subnetId();
            String eip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
            String natId = ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(eip)).natGateway().natGatewayId();
            ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").natGatewayId(natId));
        }
        List<String> subnets = new ArrayList<>();
        for (String zone : List.of("a", "b", "c")) {
            int index = subnets.size();
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10." + octet + "." + index + ".0/24")
                    .availabilityZone("us-east-1" + zone)).subnet().subnetId();
            ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnet));
            subnets.add(subnet);
        }
        return subnets;
    }

    static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return event\n".getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
