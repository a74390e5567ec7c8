package io.lmi.controlplane.functions.migration;

import java.time.Instant;

/** The LMI function a migration created, as recorded in the ledger ("lmiFunction" fact). */
public record LmiFunctionFact(String name, String arn, String version, String versionState, Instant waitingSince,
                              String aliasName, String aliasArn) {
    public static final String FACT = "lmiFunction";

    public LmiFunctionFact withVersion(String newVersion, String state, Instant since) {
        return new LmiFunctionFact(name, arn, newVersion, state, since, aliasName, aliasArn);
    }

    public LmiFunctionFact withState(String state) {
        return new LmiFunctionFact(name, arn, version, state, waitingSince, aliasName, aliasArn);
    }

    public LmiFunctionFact withAlias(String alias, String arn) {
        return new LmiFunctionFact(name, this.arn, version, versionState, waitingSince, alias, arn);
    }
}
