package io.lmi.controlplane.cli.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.RepositoryLayout;
import io.lmi.controlplane.local.host.LambdaHostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Deploys template.yaml into the local AWS, from the CloudFormation that AWS's SAM translator makes of it: the same
 * names, state machine definitions with their substitutions, rules and targets, environment variables and roles that
 * {@code sam deploy} would create. It supports exactly the resource types and properties the template uses and
 * refuses anything else, so the local deployment cannot silently drift from the real one.
 *
 * <p>Its functions are registered with the local AWS's handler host, so that invoking them (directly, from a state
 * machine, or as an EventBridge target) runs the project's real handler classes.
 */
public final class LocalDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    /** A created resource: what Ref returns, and its Fn::GetAtt attributes. */
    record Deployed(String physicalId, Map<String, String> attributes) {
    }

    private final LocalAws localAws;
    private final RepositoryLayout layout;
    private final String stackName;
    private final Map<String, String> parameterOverrides;
    private final boolean startHost;

    private LocalDeployer(LocalAws localAws, String stackName, Map<String, String> parameterOverrides, boolean startHost) {
        this.localAws = localAws;
        this.layout = RepositoryLayout.locate();
        this.stackName = stackName;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        this.startHost = startHost;
    }

    /** Deploys with the template's defaults overridden by {@code parameters}, and starts the handler host. */
    public static DeployedControlPlane deploy(LocalAws localAws, String stackName, Map<String, String> parameters) {
        return new LocalDeployer(localAws, stackName, parameters, true).run();
    }

    /** Deploys the resources only: their functions answer with moto's default behaviour. */
    public static DeployedControlPlane deployWithoutHost(LocalAws localAws, String stackName, Map<String, String> parameters) {
        return new LocalDeployer(localAws, stackName, parameters, false).run();
    }

    private DeployedControlPlane run() {
        TranslatedTemplate translated = TranslatedTemplate.translate(layout, parameterOverrides);
        JsonNode template = translated.template();
        Map<String, String> parameters = parameterValues(template);
        Map<String, Deployed> deployed = new LinkedHashMap<>();
        Map<String, JsonNode> conditions = new HashMap<>();
        template.path("Conditions").fields().forEachRemaining(e -> conditions.put(e.getKey(), e.getValue()));
        Intrinsics intrinsics = new Intrinsics(
                name -> ref(name, parameters, parameterTypes(template), deployed),
                (resource, attribute) -> Optional.ofNullable(deployed.get(resource)).map(d -> d.attributes().get(attribute)),
                conditions);

        List<String> functions = new ArrayList<>();
        Map<String, String> functionEnvironment = null;
        try (AwsClients clients = AwsClients.of(localAws.region(), localAws.credentials(), localAws.endpoint()); Creators creators = new Creators(clients, translated)) {
            for (String logicalId : creationOrder(template.get("Resources"))) {
                JsonNode resource = template.get("Resources").get(logicalId);
                if (resource.has("Condition") && !intrinsics.condition(resource.get("Condition").asText())) {
                    continue;
                }
                String type = resource.get("Type").asText();
                ObjectNode properties = (ObjectNode) intrinsics.resolve(
                        resource.has("Properties") ? resource.get("Properties") : JSON.createObjectNode());
                Deployed result = creators.create(type, logicalId, properties, this::defaultName);
                deployed.put(logicalId, result);
                if (type.equals("AWS::Lambda::Function")) {
                    functions.add(result.physicalId());
                    Map<String, String> environment = new TreeMap<>();
                    properties.path("Environment").path("Variables").fields()
                            .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
                    if (functionEnvironment != null && !functionEnvironment.equals(environment)) {
                        // One host JVM has one environment; functions that differ would each need their own.
                        throw new TemplateException("function " + logicalId + " has environment " + environment
                                + " but others have " + functionEnvironment
                                + ": keep every control-plane variable in Globals so the local host can run them together");
                    }
                    functionEnvironment = environment;
                }
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        template.path("Outputs").fields().forEachRemaining(e ->
                outputs.put(e.getKey(), intrinsics.resolve(e.getValue().get("Value")).asText()));

        LambdaHostProcess host = null;
        if (startHost && !functions.isEmpty()) {
            Map<String, String> environment = new HashMap<>(functionEnvironment);
            environment.putAll(localRuntimeEnvironment());
            host = LambdaHostProcess.start(functions, environment, layout.workDirectory());
            localAws.registerFunctionHost(host.url(), functions);
        }
        return new DeployedControlPlane(stackName, deployed, outputs, host);
    }

    /** What Lambda itself puts in a function's environment, pointed at the local AWS. */
    private Map<String, String> localRuntimeEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", localAws.region().id());
        environment.put("AWS_DEFAULT_REGION", localAws.region().id());
        environment.put("AWS_ACCESS_KEY_ID", "testing");
        environment.put("AWS_SECRET_ACCESS_KEY", "testing");
        environment.put("AWS_ENDPOINT_URL", localAws.endpoint().toString());
        environment.put("AWS_EMF_ENVIRONMENT", "Local");
        environment.put("JAVA_TOOL_OPTIONS", "-Dlmi.local=true");
        return environment;
    }

    private Map<String, String> parameterValues(JsonNode template) {
        Map<String, String> values = new HashMap<>();
        template.path("Parameters").fields().forEachRemaining(e -> {
            JsonNode definition = e.getValue();
            String value = parameterOverrides.containsKey(e.getKey()) ? parameterOverrides.get(e.getKey())
                    : definition.has("Default") ? definition.get("Default").asText() : null;
            if (value == null) {
                throw new TemplateException("parameter " + e.getKey() + " has no default: give it a value");
            }
            if (definition.has("AllowedValues")) {
                List<String> allowed = new ArrayList<>();
                definition.get("AllowedValues").forEach(v -> allowed.add(v.asText()));
                if (!allowed.contains(value)) {
                    throw new TemplateException("parameter " + e.getKey() + " = " + value + " is not one of " + allowed);
                }
            }
            values.put(e.getKey(), value);
        });
        for (String name : parameterOverrides.keySet()) {
            if (!values.containsKey(name)) {
                throw new TemplateException("template.yaml has no parameter " + name);
            }
        }
        return values;
    }

    private static Map<String, String> parameterTypes(JsonNode template) {
        Map<String, String> types = new HashMap<>();
        template.path("Parameters").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().path("Type").asText("String")));
        return types;
    }

    private Optional<JsonNode> ref(String name, Map<String, String> parameters, Map<String, String> types,
                                   Map<String, Deployed> deployed) {
        if (parameters.containsKey(name) && isList(types.get(name))) {
            com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
            String value = parameters.get(name);
            if (!value.isEmpty()) {
                for (String item : value.split(",")) {
                    list.add(item.trim());
                }
            }
            return Optional.of(list);
        }
        return scalarRef(name, parameters, deployed).map(JSON.getNodeFactory()::textNode);
    }

    private static boolean isList(String type) {
        return type != null && (type.equals("CommaDelimitedList") || type.startsWith("List<"));
    }

    private Optional<String> scalarRef(String name, Map<String, String> parameters, Map<String, Deployed> deployed) {
        return switch (name) {
            case "AWS::StackName" -> Optional.of(stackName);
            case "AWS::Region" -> Optional.of(localAws.region().id());
            case "AWS::AccountId" -> Optional.of(LocalAws.ACCOUNT_ID);
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            case "AWS::StackId" -> Optional.of("arn:aws:cloudformation:" + localAws.region().id() + ":"
                    + LocalAws.ACCOUNT_ID + ":stack/" + stackName + "/local");
            default -> parameters.containsKey(name) ? Optional.of(parameters.get(name))
                    : Optional.ofNullable(deployed.get(name)).map(Deployed::physicalId);
        };
    }

    /** CloudFormation's generated names are unique but unpredictable; locally they are stable: stack-LogicalId. */
    private String defaultName(String logicalId, int maxLength) {
        String name = stackName + "-" + logicalId;
        return name.length() <= maxLength ? name : name.substring(0, maxLength);
    }

    /** Dependencies first (Ref, Fn::GetAtt, Fn::Sub and DependsOn); a cycle is an error, as in CloudFormation. */
    static List<String> creationOrder(JsonNode resources) {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        resources.fields().forEachRemaining(e -> {
            Set<String> deps = new LinkedHashSet<>();
            collectReferences(e.getValue(), deps);
            deps.retainAll(toSet(resources.fieldNames()));
            deps.remove(e.getKey());
            dependencies.put(e.getKey(), deps);
        });
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : dependencies.keySet()) {
            visit(id, dependencies, visiting, order);
        }
        return order;
    }

    private static void visit(String id, Map<String, Set<String>> dependencies, Set<String> visiting, List<String> order) {
        if (order.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new TemplateException("circular dependency between resources: " + visiting);
        }
        for (String dependency : dependencies.get(id)) {
            visit(dependency, dependencies, visiting, order);
        }
        visiting.remove(id);
        order.add(id);
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                switch (e.getKey()) {
                    case "Ref" -> into.add(e.getValue().asText());
                    case "Fn::GetAtt" -> into.add(e.getValue().isArray() ? e.getValue().get(0).asText()
                            : e.getValue().asText().split("\\.")[0]);
                    case "Fn::Sub" -> {
                        String template = e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText();
                        Matcher m = Pattern.compile("\\$\\{([^}.!]+)").matcher(template);
                        while (m.find()) {
                            into.add(m.group(1));
                        }
                    }
                    case "DependsOn" -> {
                        if (e.getValue().isArray()) {
                            e.getValue().forEach(d -> into.add(d.asText()));
                        } else {
                            into.add(e.getValue().asText());
                        }
                    }
                    default -> { }
                }
                collectReferences(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, into));
        }
    }

    private static Set<String> toSet(Iterator<String> names) {
        Set<String> set = new LinkedHashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    /** Applies a state machine's DefinitionSubstitutions the way CloudFormation does: every ${Name} must resolve. */
    static String substitute(String definition, JsonNode substitutions, String machine) {
        Matcher matcher = SUBSTITUTION.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = substitutions == null ? null : substitutions.get(matcher.group(1));
            if (value == null) {
                throw new TemplateException("state machine " + machine + " uses ${" + matcher.group(1)
                        + "} but DefinitionSubstitutions does not define it");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    interface NameFactory {
        String name(String logicalId, int maxLength);
    }

    /** One method per supported resource type, each accepting only the properties it can reproduce. */
    private static final class Creators implements AutoCloseable {
        private final TranslatedTemplate translated;
        private final EventBridgeClient events;
        private final DynamoDbClient dynamo;
        private final IamClient iam;
        private final LambdaClient lambda;
        private final CloudWatchLogsClient logs;
        private final SfnClient sfn;
        private final SchedulerClient scheduler;
        private final SqsClient sqs;
        private final String arnPrefix;

        Creators(AwsClients clients, TranslatedTemplate translated) {
            this.translated = translated;
            this.events = clients.configure(EventBridgeClient.builder()).build();
            this.dynamo = clients.configure(DynamoDbClient.builder()).build();
            this.iam = clients.configure(IamClient.builder()).build();
            this.lambda = clients.configure(LambdaClient.builder()).build();
            this.logs = clients.configure(CloudWatchLogsClient.builder()).build();
            this.sfn = clients.configure(SfnClient.builder()).build();
            this.scheduler = clients.configure(SchedulerClient.builder()).build();
            this.sqs = clients.configure(SqsClient.builder()).build();
            this.arnPrefix = ":" + clients.region().id() + ":" + LocalAws.ACCOUNT_ID + ":";
        }

        Deployed create(String type, String logicalId, ObjectNode p, NameFactory names) {
            return switch (type) {
                case "AWS::Events::EventBus" -> eventBus(logicalId, p);
                case "AWS::DynamoDB::Table" -> table(logicalId, p, names);
                case "AWS::IAM::Role" -> role(logicalId, p, names);
                case "AWS::Lambda::Function" -> function(logicalId, p, names);
                case "AWS::Lambda::Permission" -> permission(logicalId, p);
                case "AWS::Logs::LogGroup" -> logGroup(logicalId, p);
                case "AWS::StepFunctions::StateMachine" -> stateMachine(logicalId, p, names);
                case "AWS::Events::Rule" -> rule(logicalId, p, names);
                case "AWS::Scheduler::ScheduleGroup" -> scheduleGroup(logicalId, p, names);
                case "AWS::SQS::Queue" -> queue(logicalId, p, names);
                default -> throw new TemplateException(logicalId + ": resource type " + type
                        + " is not supported by the local deployment (add it to LocalDeployer)");
            };
        }

        private static void accept(String logicalId, ObjectNode p, String... supported) {
            Set<String> allowed = Set.of(supported);
            List<String> unknown = new ArrayList<>();
            p.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                throw new TemplateException(logicalId + ": properties " + unknown
                        + " are not reproduced by the local deployment (supported: " + allowed + ")");
            }
        }

        private Deployed eventBus(String logicalId, ObjectNode p) {
            accept(logicalId, p, "Name", "Description", "Tags");
            String name = p.get("Name").asText();
            String arn = events.createEventBus(r -> r.name(name)).eventBusArn();
            return new Deployed(name, Map.of("Arn", arn, "Name", name));
        }

        private Deployed table(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "TableName", "BillingMode", "DeletionProtectionEnabled", "PointInTimeRecoverySpecification",
                    "SSESpecification", "TimeToLiveSpecification", "AttributeDefinitions", "KeySchema",
                    "GlobalSecondaryIndexes", "StreamSpecification", "Tags");
            String name = p.has("TableName") ? p.get("TableName").asText() : names.name(logicalId, 255);
            CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                    .billingMode(p.path("BillingMode").asText("PROVISIONED"))
                    .deletionProtectionEnabled(p.path("DeletionProtectionEnabled").asBoolean(false))
                    .attributeDefinitions(list(p.get("AttributeDefinitions"), a -> AttributeDefinition.builder()
                            .attributeName(a.get("AttributeName").asText())
                            .attributeType(a.get("AttributeType").asText()).build()))
                    .keySchema(keys(p.get("KeySchema")));
            if (p.has("GlobalSecondaryIndexes")) {
                request.globalSecondaryIndexes(list(p.get("GlobalSecondaryIndexes"), g -> GlobalSecondaryIndex.builder()
                        .indexName(g.get("IndexName").asText())
                        .keySchema(keys(g.get("KeySchema")))
                        .projection(pr -> pr.projectionType(g.path("Projection").path("ProjectionType").asText("ALL")))
                        .build()));
            }
            if (p.path("SSESpecification").path("SSEEnabled").asBoolean(false)) {
                request.sseSpecification(s -> s.enabled(true));
            }
            if (p.has("StreamSpecification")) {
                request.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(p.get("StreamSpecification").get("StreamViewType").asText()));
            }
            var table = dynamo.createTable(request.build()).tableDescription();
            if (p.path("TimeToLiveSpecification").path("Enabled").asBoolean(false)) {
                dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t.enabled(true)
                        .attributeName(p.get("TimeToLiveSpecification").get("AttributeName").asText())));
            }
            if (p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(false)) {
                dynamo.updateContinuousBackups(r -> r.tableName(name)
                        .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
            }
            Map<String, String> attributes = new HashMap<>(Map.of("Arn", table.tableArn()));
            if (table.latestStreamArn() != null) {
                attributes.put("StreamArn", table.latestStreamArn());
            }
            return new Deployed(name, attributes);
        }

        private static List<KeySchemaElement> keys(JsonNode keys) {
            return list(keys, k -> KeySchemaElement.builder().attributeName(k.get("AttributeName").asText())
                    .keyType(k.get("KeyType").asText()).build());
        }

        private Deployed role(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "RoleName", "AssumeRolePolicyDocument", "ManagedPolicyArns", "Policies", "Path",
                    "PermissionsBoundary", "Tags", "Description");
            String name = p.has("RoleName") ? p.get("RoleName").asText() : names.name(logicalId, 64);
            var role = iam.createRole(r -> {
                r.roleName(name).assumeRolePolicyDocument(p.get("AssumeRolePolicyDocument").toString());
                if (p.has("Path")) {
                    r.path(p.get("Path").asText());
                }
                if (p.has("PermissionsBoundary")) {
                    r.permissionsBoundary(p.get("PermissionsBoundary").asText());
                }
            }).role();
            p.path("Policies").forEach(policy -> iam.putRolePolicy(r -> r.roleName(name)
                    .policyName(policy.get("PolicyName").asText())
                    .policyDocument(policy.get("PolicyDocument").toString())));
            p.path("ManagedPolicyArns").forEach(arn -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn.asText())));
            return new Deployed(name, Map.of("Arn", role.arn(), "RoleId", role.roleId()));
        }

        private Deployed function(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "FunctionName", "Code", "Handler", "Runtime", "Role", "MemorySize", "Timeout",
                    "Environment", "Architectures", "TracingConfig", "LoggingConfig", "Tags", "Description",
                    "ReservedConcurrentExecutions", "EphemeralStorage", "DeadLetterConfig");
            String name = p.has("FunctionName") ? p.get("FunctionName").asText() : names.name(logicalId, 64);
            JsonNode code = p.get("Code");
            Path artifact = translated.artifact(code.get("S3Bucket").asText(), code.get("S3Key").asText());
            CreateFunctionRequest.Builder request = CreateFunctionRequest.builder()
                    .functionName(name)
                    .handler(p.get("Handler").asText())
                    .runtime(p.get("Runtime").asText())
                    .role(p.get("Role").asText())
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(readArtifact(logicalId, artifact))))
                    .memorySize(p.path("MemorySize").asInt(128))
                    .timeout(p.path("Timeout").asInt(3));
            if (p.has("Description")) {
                request.description(p.get("Description").asText());
            }
            if (p.has("Architectures")) {
                request.architecturesWithStrings(strings(p.get("Architectures")));
            }
            if (p.has("Environment")) {
                Map<String, String> variables = new TreeMap<>();
                p.get("Environment").path("Variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
                request.environment(e -> e.variables(variables));
            }
            if (p.has("DeadLetterConfig")) {
                request.deadLetterConfig(d -> d.targetArn(p.get("DeadLetterConfig").get("TargetArn").asText()));
            }
            if (p.has("TracingConfig")) {
                request.tracingConfig(t -> t.mode(p.get("TracingConfig").get("Mode").asText()));
            }
            if (p.has("LoggingConfig")) {
                JsonNode logging = p.get("LoggingConfig");
                request.loggingConfig(l -> {
                    if (logging.has("LogGroup")) {
                        l.logGroup(logging.get("LogGroup").asText());
                    }
                    if (logging.has("LogFormat")) {
                        l.logFormat(logging.get("LogFormat").asText());
                    }
                });
            }
            if (p.has("Tags")) {
                Map<String, String> tags = new TreeMap<>();
                p.get("Tags").forEach(t -> tags.put(t.get("Key").asText(), t.get("Value").asText()));
                request.tags(tags);
            }
            var function = lambda.createFunction(request.build());
            if (p.has("ReservedConcurrentExecutions")) {
                lambda.putFunctionConcurrency(r -> r.functionName(name)
                        .reservedConcurrentExecutions(p.get("ReservedConcurrentExecutions").asInt()));
            }
            return new Deployed(name, Map.of("Arn", function.functionArn()));
        }

        /** The module's own jar: the local host runs the classes from the class path, this is what GetFunction shows. */
        private static byte[] readArtifact(String logicalId, Path artifact) {
            Path path = artifact;
            if (!Files.isRegularFile(path) && path.getFileName().toString().endsWith("-lambda.zip")) {
                String module = path.getFileName().toString().replace("-lambda.zip", "");
                try (Stream<Path> jars = Files.list(path.getParent())) {
                    path = jars.filter(j -> j.getFileName().toString().startsWith(module + "-")
                                    && j.getFileName().toString().endsWith(".jar"))
                            .findFirst().orElse(path);
                } catch (IOException e) {
                    path = artifact;
                }
            }
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new TemplateException(logicalId + ": code " + artifact + " is not built: run mvn -DskipTests package");
            }
        }

        private Deployed permission(String logicalId, ObjectNode p) {
            accept(logicalId, p, "FunctionName", "Action", "Principal", "SourceArn", "SourceAccount");
            lambda.addPermission(r -> {
                r.functionName(p.get("FunctionName").asText()).statementId(logicalId)
                        .action(p.get("Action").asText()).principal(p.get("Principal").asText());
                if (p.has("SourceArn")) {
                    r.sourceArn(p.get("SourceArn").asText());
                }
                if (p.has("SourceAccount")) {
                    r.sourceAccount(p.get("SourceAccount").asText());
                }
            });
            return new Deployed(logicalId, Map.of());
        }

        private Deployed logGroup(String logicalId, ObjectNode p) {
            accept(logicalId, p, "LogGroupName", "RetentionInDays", "KmsKeyId", "Tags");
            String name = p.get("LogGroupName").asText();
            logs.createLogGroup(r -> r.logGroupName(name));
            if (p.has("RetentionInDays")) {
                logs.putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(p.get("RetentionInDays").asInt()));
            }
            return new Deployed(name, Map.of("Arn", "arn:aws:logs" + arnPrefix + "log-group:" + name + ":*"));
        }

        private Deployed stateMachine(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "StateMachineName", "DefinitionS3Location", "DefinitionString", "DefinitionSubstitutions",
                    "RoleArn", "StateMachineType", "LoggingConfiguration", "TracingConfiguration", "Tags");
            String name = p.has("StateMachineName") ? p.get("StateMachineName").asText() : names.name(logicalId, 80);
            String definition;
            if (p.has("DefinitionS3Location")) {
                JsonNode location = p.get("DefinitionS3Location");
                try {
                    definition = Files.readString(translated.artifact(location.get("Bucket").asText(),
                            location.get("Key").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                definition = p.get("DefinitionString").asText();
            }
            String resolved = substitute(definition, p.get("DefinitionSubstitutions"), logicalId);
            String arn = sfn.createStateMachine(r -> r.name(name).definition(resolved)
                    .roleArn(p.get("RoleArn").asText()).type(p.path("StateMachineType").asText("STANDARD")))
                    .stateMachineArn();
            return new Deployed(arn, Map.of("Arn", arn, "Name", name));
        }

        private Deployed rule(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "Name", "EventBusName", "EventPattern", "ScheduleExpression", "State", "Targets",
                    "Description");
            String name = p.has("Name") ? p.get("Name").asText() : names.name(logicalId, 64);
            String bus = p.path("EventBusName").asText("default");
            String arn = events.putRule(r -> {
                r.name(name).eventBusName(bus).state(p.path("State").asText("ENABLED"));
                if (p.has("EventPattern")) {
                    r.eventPattern(p.get("EventPattern").toString());
                }
                if (p.has("ScheduleExpression")) {
                    r.scheduleExpression(p.get("ScheduleExpression").asText());
                }
            }).ruleArn();
            List<Target> targets = list(p.path("Targets"), t -> {
                Target.Builder target = Target.builder().id(t.get("Id").asText()).arn(t.get("Arn").asText());
                if (t.has("RoleArn")) {
                    target.roleArn(t.get("RoleArn").asText());
                }
                if (t.has("Input")) {
                    target.input(t.get("Input").asText());
                }
                if (t.has("InputPath")) {
                    target.inputPath(t.get("InputPath").asText());
                }
                return target.build();
            });
            if (!targets.isEmpty()) {
                events.putTargets(r -> r.rule(name).eventBusName(bus).targets(targets));
            }
            return new Deployed(name, Map.of("Arn", arn));
        }

        private Deployed scheduleGroup(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "Name", "Tags");
            String name = p.has("Name") ? p.get("Name").asText() : names.name(logicalId, 64);
            String arn = scheduler.createScheduleGroup(r -> r.name(name)).scheduleGroupArn();
            return new Deployed(name, Map.of("Arn", arn));
        }

        private Deployed queue(String logicalId, ObjectNode p, NameFactory names) {
            accept(logicalId, p, "QueueName", "MessageRetentionPeriod", "SqsManagedSseEnabled", "KmsMasterKeyId");
            String name = p.has("QueueName") ? p.get("QueueName").asText() : names.name(logicalId, 80);
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            return new Deployed(url, Map.of("Arn", "arn:aws:sqs" + arnPrefix + name, "QueueName", name, "QueueUrl", url));
        }

        private static List<String> strings(JsonNode array) {
            return list(array, JsonNode::asText);
        }

        private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> mapper) {
            List<T> out = new ArrayList<>();
            if (array != null) {
                array.forEach(item -> out.add(mapper.apply(item)));
            }
            return out;
        }

        @Override
        public void close() {
            events.close();
            dynamo.close();
            iam.close();
            lambda.close();
            logs.close();
            sfn.close();
            scheduler.close();
            sqs.close();
        }
    }
}
