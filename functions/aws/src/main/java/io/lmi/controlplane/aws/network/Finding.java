package io.lmi.controlplane.aws.network;

/** One check of a capacity provider's prerequisites: what was checked, whether it holds, and the fix if not. */
public record Finding(String check, boolean passed, String detail, String fix) {
}
