package io.orcagent.runtime.wire;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code LogicalVolume} of the seed API.
 *
 * @param name LV name
 * @param groupName VG name
 * @param path LV path
 * @param isSnapshot whether a snapshot
 * @param snapshotPercent snapshot usage (32-bit precision, as the Go agent parses it)
 * @param createdAt creation time, or Go's zero time
 */
public record WireLogicalVolume(@JsonProperty("Name") String name, @JsonProperty("GroupName") String groupName,
                                @JsonProperty("Path") String path, @JsonProperty("IsSnapshot") boolean isSnapshot,
                                @JsonProperty("SnapshotPercent") double snapshotPercent,
                                @JsonProperty("CreatedAt") Instant createdAt) {

    /** Go's zero {@code time.Time}. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
}
