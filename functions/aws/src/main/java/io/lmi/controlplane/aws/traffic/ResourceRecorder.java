package io.lmi.controlplane.aws.traffic;

/**
 * Where a shifter reports what it creates and deletes in the account. {@link #creating} is called BEFORE the call
 * that creates the resource, and persists at once, so that cleanup after a crash finds it.
 */
public interface ResourceRecorder {
    void creating(String type, String id, String owner);

    void deleted(String type, String id);
}
