package io.lmi.controlplane.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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

    /** Any credentials work; these are the ones the local runs use everywhere. */
    default AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
