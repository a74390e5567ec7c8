package io.lmi.controlplane.core.assess;

import java.util.List;

/**
 * The answer, with the reasons that decided it (decisive first, then supporting), how far to trust it and why it is
 * not fully trusted, and one paragraph for people.
 */
public record Verdict(Finding finding, List<ReasonCode> reasonCodes, Confidence confidence,
                      List<String> confidenceNotes, String summary) {
    public Verdict {
        reasonCodes = List.copyOf(reasonCodes);
        confidenceNotes = List.copyOf(confidenceNotes);
    }
}
