package io.lmi.controlplane.core.traffic;

/** How a trigger moves from the original function to the LMI function. */
public enum ShiftMechanism {
    /** In proportion, step by step (10% -> 50% -> 100%). */
    WEIGHTED,
    /** All at once at the plan's cut-over step, resuming exactly where the original consumer stopped. */
    CUTOVER,
    /** The control plane cannot redirect it: it gives exact instructions and waits for the team to confirm. */
    MANUAL
}
