package io.lmi.controlplane.core.assess;

/** How one readiness check came out. */
public enum ReadinessStatus {
    /** Nothing to do. */
    PASS,
    /** Works on LMI, but something changes or must be reviewed; the item says what and how. */
    WARN,
    /** Cannot run on LMI as it is: the verdict is NOT_ELIGIBLE until the fix is made. */
    BLOCK
}
