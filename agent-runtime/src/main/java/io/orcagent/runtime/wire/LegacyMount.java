package io.orcagent.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code Mount} of the legacy API (adds the MySQL data path inside the mount).
 *
 * @param path mount point
 * @param device device
 * @param lvPath logical volume path
 * @param fileSystem filesystem type
 * @param isMounted whether mounted
 * @param diskUsage bytes used under the mount point
 * @param mysqlDataPath the datadir inside the mounted snapshot
 * @param mysqlDiskUsage bytes used by that datadir
 */
public record LegacyMount(@JsonProperty("Path") String path, @JsonProperty("Device") String device,
                          @JsonProperty("LVPath") String lvPath, @JsonProperty("FileSystem") String fileSystem,
                          @JsonProperty("IsMounted") boolean isMounted, @JsonProperty("DiskUsage") long diskUsage,
                          @JsonProperty("MySQLDataPath") String mysqlDataPath,
                          @JsonProperty("MySQLDiskUsage") long mysqlDiskUsage) {

    /**
     * An unmounted mount point.
     *
     * @param path the mount point
     * @return the object
     */
    public static LegacyMount unmounted(String path) {
        return new LegacyMount(path, "", "", "", false, 0, "", 0);
    }
}
