package io.orcagent.runtime.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code MySQLDatabase}.
 *
 * @param engines engines used by the schema's tables, or null when it has none
 * @param size bytes (data + index + free)
 */
public record MySQLDatabase(@JsonProperty("Engines") List<String> engines, @JsonProperty("Size") long size) {
}
