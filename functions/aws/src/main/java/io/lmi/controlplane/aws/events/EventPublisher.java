package io.lmi.controlplane.aws.events;

import io.lmi.controlplane.core.events.DetailTypes;
import io.lmi.controlplane.core.json.Json;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Puts the control plane's events on its bus; a rejected entry is an error, never a silent loss. */
public final class EventPublisher {
    private final EventBridgeClient events;
    private final String busName;

    public EventPublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    public void publish(String detailType, Object detail) {
        PutEventsResponse response = events.putEvents(r -> r.entries(e -> e.eventBusName(busName)
                .source(DetailTypes.SOURCE).detailType(detailType).detail(Json.write(detail))));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected " + detailType + " on " + busName + ": "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }

    public String busName() {
        return busName;
    }
}
