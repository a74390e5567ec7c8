package io.lmi.controlplane.local;

import io.lmi.controlplane.aws.AwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** An AWS endpoint that tests and local runs talk to: the project's local AWS, or LocalStack where Docker runs. */
public interface AwsTarget {

    Region REGION = Region.US_EAST_1;
    String ACCOUNT_ID = "123456789012";

    URI endpoint();

    default Region region() {
        return REGION;
    }

    /** A fresh {@link AwsClients} for this target; close it when done. */
    default AwsClients clients() {
        return AwsClients.of(region(), StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                endpoint());
    }
}
