package io.lmi.controlplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.aws.AwsClients;
import io.lmi.controlplane.aws.ledger.LedgerTable;
import io.lmi.controlplane.cli.local.LocalControlPlane;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The ledger that tests and local tools create (LedgerTable) is the one template.yaml deploys. */
@ExtendWith(ControlPlaneExtension.class)
class LedgerTableDefinitionTest {
    private final LocalControlPlane controlPlane;

    LedgerTableDefinitionTest(LocalControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void theCodesLedgerDefinitionMatchesTheTemplates() {
        try (AwsClients clients = controlPlane.clients();
             DynamoDbClient dynamo = clients.configure(DynamoDbClient.builder()).build()) {
            TableDescription deployed = dynamo.describeTable(r -> r.tableName(controlPlane.tableName())).table();
            TableDescription defined = dynamo.describeTable(r -> r.tableName(LedgerTable.create(dynamo))).table();

            assertThat(keys(defined)).isEqualTo(keys(deployed));
        }
    }

    private static List<String> keys(TableDescription table) {
        List<String> keys = new java.util.ArrayList<>();
        table.keySchema().forEach(k -> keys.add("table " + k.attributeName() + " " + k.keyTypeAsString()));
        table.attributeDefinitions().stream().sorted(Comparator.comparing(a -> a.attributeName()))
                .forEach(a -> keys.add("attribute " + a.attributeName() + " " + a.attributeTypeAsString()));
        table.globalSecondaryIndexes().stream().sorted(Comparator.comparing(i -> i.indexName())).forEach(i -> {
            i.keySchema().forEach(k -> keys.add("index " + i.indexName() + " " + k.attributeName() + " " + k.keyTypeAsString()));
            keys.add("index " + i.indexName() + " projects " + i.projection().projectionTypeAsString());
        });
        return keys;
    }
}
