package io.orcagent.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code Mount} of the seed API.
 *
 * @param path mount point
 * @param device device
 * @param lvPath logical volume path
 * @param fileSystem filesystem type
 * @param isMounted whether mounted
 * @param diskUsage bytes used under the mount point
 */
public record WireMount(@JsonProperty("Path") String path, @JsonProperty("Device") String device,
                        @JsonProperty("LVPath") String lvPath, @JsonProperty("FileSystem") String fileSystem,
                        @JsonProperty("IsMounted") boolean isMounted, @JsonProperty("DiskUsage") long diskUsage) {

    /** The object sent when nothing is mounted or LVM is off: never null on the wire. */
    public static final WireMount NONE = new WireMount("", "", "", "", false, 0);
}
