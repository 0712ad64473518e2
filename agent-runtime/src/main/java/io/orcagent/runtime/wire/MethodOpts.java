package io.orcagent.runtime.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code SeedMethodOpts}.
 *
 * @param backupSide {@code Source} or {@code Target}
 * @param supportedEngines engine names
 * @param backupToDatadir whether the backup lands in the datadir
 */
public record MethodOpts(@JsonProperty("BackupSide") String backupSide,
                         @JsonProperty("SupportedEngines") List<String> supportedEngines,
                         @JsonProperty("BackupToDatadir") boolean backupToDatadir) {
}
