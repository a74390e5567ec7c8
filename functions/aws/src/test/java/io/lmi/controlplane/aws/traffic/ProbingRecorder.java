package io.lmi.controlplane.aws.traffic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A recorder that looks at the account whenever it is told something: a creation must be announced while the
 * resource does not exist yet, and a deletion after it is gone.
 */
final class ProbingRecorder implements ResourceRecorder {
    record Event(String action, String type, String id, String owner, boolean existed) {
    }

    private final CreatedResourceProbe probe;
    private final List<Event> events = new ArrayList<>();

    ProbingRecorder(TrafficClients aws) {
        this.probe = new CreatedResourceProbe(aws);
    }

    @Override
    public synchronized void creating(String type, String id, String owner) {
        events.add(new Event("creating", type, id, owner, probe.exists(type, id)));
    }

    @Override
    public synchronized void deleted(String type, String id) {
        events.add(new Event("deleted", type, id, null, probe.exists(type, id)));
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<Event> creations() {
        return events.stream().filter(event -> event.action().equals("creating")).toList();
    }

    /** Recorded as created and not recorded as deleted since, as type|id. */
    synchronized Set<String> outstanding() {
        Set<String> live = new LinkedHashSet<>();
        for (Event event : events) {
            if (event.action().equals("creating")) {
                live.add(event.type() + " " + event.id());
            } else {
                live.remove(event.type() + " " + event.id());
            }
        }
        return live;
    }

    boolean exists(String type, String id) {
        return probe.exists(type, id);
    }
}
