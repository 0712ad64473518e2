package io.orcagent.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code LogicalVolume} of the legacy API.
 *
 * @param name LV name
 * @param groupName VG name
 * @param path LV path
 * @param isSnapshot whether a snapshot
 * @param snapshotPercent snapshot usage
 */
public record LegacyLogicalVolume(@JsonProperty("Name") String name, @JsonProperty("GroupName") String groupName,
                                  @JsonProperty("Path") String path, @JsonProperty("IsSnapshot") boolean isSnapshot,
                                  @JsonProperty("SnapshotPercent") double snapshotPercent) {
}
