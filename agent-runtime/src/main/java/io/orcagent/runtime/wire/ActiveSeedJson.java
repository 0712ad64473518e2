package io.orcagent.runtime.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code ActiveSeed}: the reply of active-seed. {@code StagesDetails} keys are the Go agent's stage
 * ordinals as strings ({@code "0"} Prepare … {@code "3"} Cleanup, {@code "4"} ConnectSlave).
 *
 * @param seedId seed id (0 before any seed)
 * @param seedStatus Running, Completed or Error
 * @param method method name
 * @param side Target or Source
 * @param stage current stage
 * @param stagesDetails states by ordinal, null before any seed
 */
public record ActiveSeedJson(@JsonProperty("SeedID") long seedId, @JsonProperty("SeedStatus") String seedStatus,
                             @JsonProperty("Method") String method, @JsonProperty("Side") String side,
                             @JsonProperty("Stage") String stage,
                             @JsonProperty("StagesDetails") Map<String, SeedStageStateJson> stagesDetails) {
}
