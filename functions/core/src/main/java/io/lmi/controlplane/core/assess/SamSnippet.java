package io.lmi.controlplane.core.assess;

import io.lmi.controlplane.core.function.FunctionSnapshot;
import io.lmi.controlplane.core.recommend.LmiConfiguration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The recommended configuration as a SAM template a team can save and deploy: a capacity provider and a new function
 * beside the original (a standard function cannot become an LMI function). Values the assessment cannot know (the
 * code location, security groups, environment variables) are parameters or commented placeholders; environment
 * variables are never copied into it because they may hold secrets.
 */
public final class SamSnippet {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:$@-]+");
    private static final String NL = "\n";

    private SamSnippet() {
    }

    /** @param lmiFunctionName the new function's name (the original's + "-lmi" unless the team chooses another) */
    public static String render(FunctionSnapshot function, LmiConfiguration configuration, String lmiFunctionName) {
        String base = logicalId(function.name());
        String provider = base + "CapacityProvider";
        LmiConfiguration.CapacityProvider cp = configuration.capacityProvider();
        LmiConfiguration.Function fn = configuration.function();
        LmiConfiguration.Scaling scaling = configuration.scaling();
        StringBuilder y = new StringBuilder();
        y.append("# Lambda Managed Instances configuration recommended for ").append(function.name())
                .append(" by the LMI control plane's assessment.").append(NL);
        y.append("# A standard function cannot be converted to LMI: this template creates ").append(lmiFunctionName)
                .append(" beside it.").append(NL);
        y.append("# Before `sam deploy`: point CodeUri at the function's code, copy its Environment (not included: it")
                .append(NL).append("# may hold secrets), and give the parameters.").append(NL);
        y.append("AWSTemplateFormatVersion: \"2010-09-09\"").append(NL);
        y.append("Transform: AWS::Serverless-2016-10-31").append(NL);
        y.append("Parameters:").append(NL);
        y.append("  SubnetIds:").append(NL);
        y.append("    Type: List<AWS::EC2::Subnet::Id>").append(NL);
        y.append("    Description: Private subnets in 3 or more Availability Zones, with a NAT route or VPC endpoints")
                .append(NL);
        if (function.inVpc() && !function.vpcSubnetIds().isEmpty()) {
            y.append("    Default: ").append(scalar(String.join(",", function.vpcSubnetIds())))
                    .append("   # the function's own VPC subnets").append(NL);
        }
        y.append("  SecurityGroupIds:").append(NL);
        y.append("    Type: List<AWS::EC2::SecurityGroup::Id>").append(NL);
        y.append("    Description: Security groups of the instances (HTTPS egress; no ingress is needed)").append(NL);
        y.append("Resources:").append(NL);
        y.append("  ").append(provider).append(":").append(NL);
        y.append("    Type: AWS::Serverless::CapacityProvider").append(NL);
        y.append("    Properties:").append(NL);
        y.append("      VpcConfig:").append(NL);
        y.append("        SubnetIds: !Ref SubnetIds").append(NL);
        y.append("        SecurityGroupIds: !Ref SecurityGroupIds").append(NL);
        y.append("      InstanceRequirements:").append(NL);
        y.append("        Architectures: [").append(cp.architecture()).append("]").append(NL);
        if (!cp.allowedInstanceTypes().isEmpty()) {
            y.append("        AllowedTypes: ").append(list(cp.allowedInstanceTypes())).append(NL);
        }
        y.append("      ScalingConfig:").append(NL);
        y.append("        MaxVCpuCount: ").append(cp.maxVCpuCount()).append("   # the cost ceiling").append(NL);
        if (cp.targetCpuUtilization() != null) {
            y.append("        AverageCPUUtilization: ").append(number(cp.targetCpuUtilization())).append(NL);
        }
        y.append("  ").append(base).append("Lmi:").append(NL);
        y.append("    Type: AWS::Serverless::Function").append(NL);
        y.append("    Properties:").append(NL);
        y.append("      FunctionName: ").append(scalar(lmiFunctionName)).append(NL);
        if (function.isImage()) {
            y.append("      PackageType: Image").append(NL);
            y.append("      ImageUri: ").append(scalar(function.imageUri() == null ? "REPLACE-with-the-image-uri"
                    : function.imageUri())).append(NL);
        } else {
            y.append("      Runtime: ").append(scalar(fn.runtime())).append(NL);
            y.append("      Handler: ").append(scalar(function.handler())).append(NL);
            y.append("      CodeUri: src/   # the code of ").append(function.name()).append(NL);
        }
        if (function.roleArn() != null) {
            y.append("      Role: ").append(scalar(function.roleArn())).append(NL);
        }
        y.append("      Architectures: [").append(cp.architecture()).append("]").append(NL);
        y.append("      MemorySize: ").append(fn.memoryMb()).append(NL);
        if (function.timeoutSeconds() > 0) {
            y.append("      Timeout: ").append(function.timeoutSeconds()).append(NL);
        }
        if (!function.layers().isEmpty() && !function.isImage()) {
            y.append("      Layers:").append(NL);
            function.layers().forEach(l -> y.append("        - ").append(scalar(l.arn())).append(NL));
        }
        y.append("      LoggingConfig:").append(NL);
        y.append("        LogFormat: JSON   # LMI functions always log JSON").append(NL);
        y.append("      CapacityProviderConfig:").append(NL);
        y.append("        Arn: !GetAtt ").append(provider).append(".Arn").append(NL);
        y.append("        ExecutionEnvironmentMemoryGiBPerVCpu: ").append(number(fn.memoryGiBPerVCpu())).append(NL);
        y.append("        PerExecutionEnvironmentMaxConcurrency: ").append(fn.perExecutionEnvironmentMaxConcurrency())
                .append(NL);
        y.append("      FunctionScalingConfig:").append(NL);
        y.append("        MinExecutionEnvironments: ").append(scaling.minExecutionEnvironments())
                .append("   # at least 3 in production: one per Availability Zone").append(NL);
        if (scaling.maxExecutionEnvironments() != null) {
            y.append("        MaxExecutionEnvironments: ").append(scaling.maxExecutionEnvironments()).append(NL);
        }
        y.append("      AutoPublishAlias: live   # LMI runs published versions only").append(NL);
        return y.toString();
    }

    /** orders-api_v2 -> OrdersApiV2: CloudFormation logical ids are alphanumeric. */
    static String logicalId(String name) {
        StringBuilder id = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String out = id.toString();
        return out.isEmpty() || Character.isDigit(out.charAt(0)) ? "Fn" + out : out;
    }

    private static String scalar(String value) {
        if (value != null && PLAIN.matcher(value).matches() && !value.matches("(?i)true|false|null|yes|no|~|[0-9.]+")) {
            return value;
        }
        String v = value == null ? "" : value;
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String list(List<String> values) {
        return values.stream().map(SamSnippet::scalar).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        String s = d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
        return s.toLowerCase(Locale.ROOT);
    }
}
