package io.orcagent.runtime.wiring;

import java.util.Map;

/**
 * What the runtime itself reads from the {@code [lvm]} section (the lvm plugin owns the rest and
 * validates it): whether snapshots are on, which provider, the volume filter and the host-list commands.
 *
 * @param enabled {@code enabled}
 * @param provider {@code snapshot-provider} (default {@code lvm})
 * @param filter {@code snapshot-volumes-filter}
 * @param localHostsCommand {@code available-local-snapshot-hosts-command}
 * @param allHostsCommand {@code available-snapshot-hosts-command}
 */
record SnapshotSettings(boolean enabled, String provider, String filter, String localHostsCommand,
                        String allHostsCommand) {

    static SnapshotSettings of(Map<String, Object> lvm) {
        Map<String, Object> section = lvm == null ? Map.of() : lvm;
        return new SnapshotSettings(Boolean.TRUE.equals(section.get("enabled")),
                text(section, "snapshot-provider", "lvm"), text(section, "snapshot-volumes-filter", ""),
                text(section, "available-local-snapshot-hosts-command", ""),
                text(section, "available-snapshot-hosts-command", ""));
    }

    private static String text(Map<String, Object> section, String key, String fallback) {
        return section.get(key) instanceof String s ? s : fallback;
    }
}
