package io.lmi.controlplane.core.operation;

import java.time.Instant;

/**
 * Something an operation created in the account, recorded before the call that creates it returns to the workflow,
 * so that cleanup removes exactly what this operation made and nothing else, even after a crash or a retry.
 *
 * @param type  e.g. {@code CAPACITY_PROVIDER}, {@code FUNCTION}, {@code ALIAS}, {@code ALARM}, {@code EVENT_SOURCE_MAPPING}
 * @param id    the name, ARN or UUID that deletes it
 * @param owner the function the resource belongs to, when the id alone does not say (aliases, versions)
 */
public record CreatedResource(String type, String id, String owner, Instant createdAt) {
}
