package io.lmi.controlplane.functions.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** Schedule files for the tests, as request details (envelope included). All dates are after {@link #MONDAY_7AM}. */
final class Schedules {
    /** Monday 30 November 2026, 07:00 in New York (12:00 UTC): before business hours. */
    static final Instant MONDAY_7AM = Instant.parse("2026-11-30T12:00:00Z");
    /** The same Monday, 10:00 in New York: business hours. */
    static final Instant MONDAY_10AM = Instant.parse("2026-11-30T15:00:00Z");

    private Schedules() {
    }

    /**
     * Production, New York: default 3/20; business hours Mon-Fri 08:00-18:00 at 10/100; Christmas Day (a Friday) runs
     * like a Sunday; a pre-warm at 40/200 from 22:00 on Christmas Eve to 02:00.
     */
    static ObjectNode businessHours(String function, String qualifier) {
        return detail("""
                {"function": "%s", "qualifier": "%s", "environment": "production", "timezone": "America/New_York",
                 "default": {"min": 3, "max": 20},
                 "periods": [{"name": "business-hours", "days": ["MON", "TUE", "WED", "THU", "FRI"],
                              "start": "08:00", "end": "18:00", "min": 10, "max": 100}],
                 "exceptions": [{"date": "2026-12-25", "use": "SUN", "reason": "Christmas Day"}],
                 "prewarms": [{"from": "2026-12-24T22:00", "until": "2026-12-25T02:00", "min": 40, "max": 200,
                               "reason": "Christmas Eve midnight sale"}]}""".formatted(function, qualifier));
    }

    /** The details of a request: the schedule's fields with a fresh request id and a requester. */
    static ObjectNode detail(String scheduleJson) {
        try {
            ObjectNode detail = (ObjectNode) ScheduleTestBed.JSON.readTree(scheduleJson);
            detail.put("requestId", "req-" + UUID.randomUUID());
            detail.put("requestedBy", "ana@platform");
            return detail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode removal(String function, String qualifier) {
        ObjectNode detail = ScheduleTestBed.JSON.createObjectNode();
        detail.put("requestId", "req-" + UUID.randomUUID()).put("requestedBy", "ana@platform").put("action", "remove")
                .put("function", function);
        if (qualifier != null) {
            detail.put("qualifier", qualifier);
        }
        return detail;
    }
}
