package io.orcagent.api;

import java.util.List;
import java.util.Objects;

/**
 * What orchestrator needs to know about a seed method ({@code MethodOpts} on the wire).
 *
 * @param backupSide which agent runs the Backup stage
 * @param backupToDatadir whether the backup lands directly in the target's datadir (progress is then
 *     measured there instead of in the backup dir)
 * @param supportedEngines storage engines the method copies correctly, in wire spelling and order
 *     ({@code InnoDB}, {@code MyISAM}, …)
 */
public record SeedMethodInfo(Side backupSide, boolean backupToDatadir, List<String> supportedEngines) {

    /** The ten engine names orchestrator knows, in the Go agent's order. */
    public static final List<String> ALL_ENGINES = List.of("ROCKSDB", "MRG_MYISAM", "CSV", "BLACKHOLE",
            "InnoDB", "MEMORY", "ARCHIVE", "MyISAM", "FEDERATED", "TokuDB");

    /**
     * Validates and copies.
     *
     * @param backupSide which agent runs the Backup stage
     * @param backupToDatadir whether the backup lands in the datadir
     * @param supportedEngines supported engines
     */
    public SeedMethodInfo {
        Objects.requireNonNull(backupSide, "backupSide is null");
        supportedEngines = List.copyOf(Objects.requireNonNull(supportedEngines, "supportedEngines is null"));
    }
}
