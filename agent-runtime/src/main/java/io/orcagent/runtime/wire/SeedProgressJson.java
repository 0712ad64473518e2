package io.orcagent.runtime.wire;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply of {@code GET /api/seed-progress/:seedID/:seedStage} (this agent's addition, used by agentctl):
 * the stage state with machine-readable byte counts.
 *
 * @param seedId seed id
 * @param stage stage
 * @param status status
 * @param details details
 * @param timestamp last change
 * @param bytesDone bytes done
 * @param bytesTotal expected bytes, -1 when unknown
 * @param bytesPerSecond average rate
 */
public record SeedProgressJson(@JsonProperty("SeedID") long seedId, @JsonProperty("Stage") String stage,
                               @JsonProperty("Status") String status, @JsonProperty("Details") String details,
                               @JsonProperty("Timestamp") Instant timestamp,
                               @JsonProperty("BytesDone") long bytesDone,
                               @JsonProperty("BytesTotal") long bytesTotal,
                               @JsonProperty("BytesPerSecond") double bytesPerSecond) {
}
