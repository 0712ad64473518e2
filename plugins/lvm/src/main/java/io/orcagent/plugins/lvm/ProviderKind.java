package io.orcagent.plugins.lvm;

import io.orcagent.api.ConfigException;
import java.util.Locale;

/**
 * The snapshot providers this plugin offers, by the name {@code [lvm] snapshot-provider} selects.
 */
enum ProviderKind {
    /** LVM logical volumes ({@code lvs}, {@code lvremove}, …). */
    LVM("lvm"),
    /** Read-only btrfs subvolume snapshots. */
    BTRFS("btrfs");

    private final String configName;

    ProviderKind(String configName) {
        this.configName = configName;
    }

    /**
     * The name in the config file and in the runtime's provider table.
     *
     * @return {@code lvm} or {@code btrfs}
     */
    String configName() {
        return configName;
    }

    static ProviderKind fromConfig(String key, String value) throws ConfigException {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.configName.equals(wanted)) {
                return kind;
            }
        }
        throw new ConfigException(key, "must be \"lvm\" or \"btrfs\" (got \"" + value + "\")");
    }
}
