package io.orcagent.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code SeedMetadata}: the reply of get-metadata. {@code MariaDBGtidPos} is an addition orchestrator
 * ignores: MariaDB GTID positions are not MySQL GTID sets, so they never go in {@code GtidExecuted}.
 *
 * @param logFile binlog file
 * @param logPos binlog position
 * @param gtidExecuted MySQL GTID set, empty when none
 * @param mariadbGtidPos MariaDB GTID position, empty when none
 */
public record SeedMetadataJson(@JsonProperty("LogFile") String logFile, @JsonProperty("LogPos") long logPos,
                               @JsonProperty("GtidExecuted") String gtidExecuted,
                               @JsonProperty("MariaDBGtidPos") String mariadbGtidPos) {
}
