package io.lmi.controlplane.core.rollout;

import io.lmi.controlplane.core.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to superseded versions after a rollout promotes a new one. On LMI every active published version keeps
 * its minimum execution environments running (3 by default), so an idle old version costs as much as the floor of
 * the live one; and a capacity provider holds at most 100 versions (a hard limit). So: the newest superseded versions
 * stay ready for a fast rollback, the next ones are deactivated (scaling 0/0: no cost, can be reactivated), and older
 * ones are deleted. Versions an alias points to, and $LATEST.PUBLISHED, are never touched.
 */
public final class VersionRetention {

    /** What to do with one version. */
    public enum Action { KEEP, DEACTIVATE, DELETE }

    /**
     * @param keepReady       superseded versions left as they are, for a rollback in seconds (default 1)
     * @param keepDeactivated superseded versions after those, kept at 0/0 (default 3)
     */
    public record Policy(Integer keepReady, Integer keepDeactivated) {
        public static final Policy DEFAULTS = new Policy(1, 3);

        public Policy over(Policy base) {
            return new Policy(keepReady != null ? keepReady : base.keepReady,
                    keepDeactivated != null ? keepDeactivated : base.keepDeactivated);
        }

        public void validate(Validator v, String prefix) {
            v.inRange(prefix + ".keepReady", keepReady, 0, 50, "versions");
            v.inRange(prefix + ".keepDeactivated", keepDeactivated, 0, 98, "versions");
        }
    }

    private VersionRetention() {
    }

    /**
     * Decides every published numbered version of a function.
     *
     * @param versions    the numbered versions that exist
     * @param current     the version the alias now points to (kept)
     * @param referenced  versions an alias points to or routes weight to (kept)
     */
    public static Map<String, Action> decide(List<String> versions, String current, Set<String> referenced, Policy policy) {
        List<String> superseded = new ArrayList<>();
        Map<String, Action> actions = new LinkedHashMap<>();
        for (String version : versions) {
            if (!version.matches("[0-9]+")) {
                continue;
            }
            if (version.equals(current) || referenced.contains(version)) {
                actions.put(version, Action.KEEP);
            } else if (Long.parseLong(version) < Long.parseLong(current)) {
                superseded.add(version);
            } else {
                // Newer than the promoted version (published meanwhile, perhaps for the next rollout): not ours to judge.
                actions.put(version, Action.KEEP);
            }
        }
        superseded.sort(Comparator.comparingLong((String v) -> Long.parseLong(v)).reversed());
        for (int i = 0; i < superseded.size(); i++) {
            Action action = i < policy.keepReady() ? Action.KEEP
                    : i < policy.keepReady() + policy.keepDeactivated() ? Action.DEACTIVATE : Action.DELETE;
            actions.put(superseded.get(i), action);
        }
        return actions;
    }
}
