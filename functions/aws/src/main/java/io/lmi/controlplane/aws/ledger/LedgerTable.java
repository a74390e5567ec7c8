package io.lmi.controlplane.aws.ledger;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The ledger table's keys and indexes, as template.yaml's LedgerTable declares them (a test holds the two together).
 * Tests and local tools create ledgers with it; deployments get theirs from the template.
 */
public final class LedgerTable {
    private LedgerTable() {
    }

    /** A new ledger table with a unique name. */
    public static String create(DynamoDbClient dynamo) {
        return create(dynamo, "ledger-" + UUID.randomUUID());
    }

    public static String create(DynamoDbClient dynamo, String name) {
        dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"),
                        attribute("gsi2pk"), attribute("gsi2sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(index("by-function", "gsi1pk", "gsi1sk"), index("active", "gsi2pk", "gsi2sk")));
        return name;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }
}
