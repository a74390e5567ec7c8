package io.lmi.controlplane.aws.traffic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Resource-policy statement ids that the same migration and trigger always compute alike, so that a retried shift
 * finds the permission it granted before a crash instead of adding a second one, and a rollback can remove it
 * without having kept any note of it.
 */
final class StatementIds {
    // Lambda's StatementId: 1-100 characters of [a-zA-Z0-9-_] (Lambda API reference, AddPermission).
    private static final int OPERATION_PART = 40;
    private static final int HASH_HEX_CHARS = 12;

    private StatementIds() {
    }

    /** {@code lmi-<operation>-<purpose>-<hash of key>}: readable enough to tell which migration granted it. */
    static String of(String operationId, String purpose, String key) {
        String operation = operationId.replaceAll("[^a-zA-Z0-9-_]", "-");
        if (operation.length() > OPERATION_PART) {
            operation = operation.substring(0, OPERATION_PART);
        }
        return "lmi-" + operation + "-" + purpose + "-" + hash(operationId + "|" + purpose + "|" + key);
    }

    /** The first hex digits of the value's SHA-256: short, stable names for things a migration creates. */
    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
