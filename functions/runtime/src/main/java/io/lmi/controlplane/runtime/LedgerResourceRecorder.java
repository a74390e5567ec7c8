package io.lmi.controlplane.runtime;

import io.lmi.controlplane.aws.ledger.Ledger;
import io.lmi.controlplane.aws.traffic.ResourceRecorder;
import java.time.Clock;

/** Writes every resource an operation is about to create into its ledger record before the create call. */
public final class LedgerResourceRecorder implements ResourceRecorder {
    private final Ledger ledger;
    private final String operationId;
    private final Clock clock;

    public LedgerResourceRecorder(Ledger ledger, String operationId, Clock clock) {
        this.ledger = ledger;
        this.operationId = operationId;
        this.clock = clock;
    }

    @Override
    public void creating(String type, String id, String owner) {
        ledger.update(operationId, op -> op.recordCreated(type, id, owner, clock.instant()));
    }

    @Override
    public void deleted(String type, String id) {
        ledger.update(operationId, op -> op.recordDeleted(type, id, clock.instant()));
    }
}
