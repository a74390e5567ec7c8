package io.lmi.controlplane.aws.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lmi.controlplane.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyStatementTest {

    private static List<PolicyStatement> parse(String policy) throws Exception {
        return PolicyStatement.parse(Json.mapper().readTree(policy));
    }

    @Test
    void readsServicePrincipalsAndTheirSourceAsAwsWritesThem() throws Exception {
        List<PolicyStatement> statements = parse("""
                {"Version":"2012-10-17","Id":"default","Statement":[
                 {"Sid":"events","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
                  "Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:1:function:orders:prod",
                  "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:1:rule/nightly"}}},
                 {"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},
                  "Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:1:function:orders",
                  "Condition":{"StringEquals":{"AWS:SourceAccount":"1"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}},
                 {"Sid":"deny","Effect":"Deny","Principal":"*","Action":"lambda:*","Resource":"*"}]}
                """);

        assertThat(statements).hasSize(2);
        PolicyStatement events = statements.get(0);
        assertThat(events.isFrom("events.amazonaws.com")).isTrue();
        assertThat(events.sourceArn()).isEqualTo("arn:aws:events:us-east-1:1:rule/nightly");
        assertThat(events.resource()).endsWith(":orders:prod");
        assertThat(events.allowsInvoke()).isTrue();
        assertThat(events.isFunctionUrlAccess()).isFalse();
        assertThat(statements.get(1).sourceAccount()).isEqualTo("1");
        assertThat(statements.get(1).sourceArn()).isEqualTo("arn:aws:s3:::b");
    }

    @Test
    void readsAccountsRolesAndFunctionUrlAccess() throws Exception {
        List<PolicyStatement> statements = parse("""
                {"Statement":[
                 {"Sid":"partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
                  "Action":["lambda:InvokeFunction","lambda:GetFunction"],"Resource":"arn:aws:lambda:us-east-1:1:function:f"},
                 {"Sid":"url","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",
                  "Resource":"arn:aws:lambda:us-east-1:1:function:f",
                  "Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}},
                 {"Sid":"via-url","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",
                  "Resource":"arn:aws:lambda:us-east-1:1:function:f",
                  "Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"}}},
                 {"Sid":"moto-url","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",
                  "FunctionUrlAuthType":"AWS_IAM","Resource":"arn:aws:lambda:us-east-1:1:function:f"}]}
                """);

        PolicyStatement partner = statements.get(0);
        assertThat(partner.principalService()).isNull();
        assertThat(partner.principalAccounts()).containsExactly("arn:aws:iam::111122223333:root");
        assertThat(partner.allowsInvoke()).isTrue();
        assertThat(statements.get(1).functionUrlAuthType()).isEqualTo("NONE");
        assertThat(statements.get(1).isFunctionUrlAccess()).isTrue();
        assertThat(statements.get(1).allowsInvoke()).isFalse();
        assertThat(statements.get(2).invokedViaFunctionUrl()).isTrue();
        assertThat(statements.get(2).allowsInvoke()).as("only through the URL").isFalse();
        assertThat(statements.get(3).functionUrlAuthType()).isEqualTo("AWS_IAM");
        assertThat(AccessGrant.of(partner)).extracting(AccessGrant::action)
                .containsExactly("lambda:InvokeFunction", "lambda:GetFunction");
    }
}
