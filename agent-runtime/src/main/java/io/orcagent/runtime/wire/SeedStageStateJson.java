package io.orcagent.runtime.wire;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code SeedStageState}: the reply of seed-stage-state.
 *
 * @param seedId seed id
 * @param stage stage name
 * @param hostname the agent's registered hostname
 * @param timestamp last change (RFC 3339 with zone)
 * @param status Running, Completed or Error
 * @param details what happens, with progress, or the error
 */
public record SeedStageStateJson(@JsonProperty("SeedID") long seedId, @JsonProperty("Stage") String stage,
                                 @JsonProperty("Hostname") String hostname,
                                 @JsonProperty("Timestamp") Instant timestamp,
                                 @JsonProperty("Status") String status,
                                 @JsonProperty("Details") String details) {
}
