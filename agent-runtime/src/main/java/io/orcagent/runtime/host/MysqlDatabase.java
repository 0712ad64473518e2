package io.orcagent.runtime.host;

import java.util.List;

/**
 * One user schema as {@code get-agent-data} reports it.
 *
 * @param engines the storage engines of its base tables, sorted, with the server's own names (e.g.
 *     {@code Aria}); empty when it has no tables
 * @param sizeBytes {@code SUM(data_length + index_length + data_free)} over its tables
 */
public record MysqlDatabase(List<String> engines, long sizeBytes) {

    /**
     * Copies.
     *
     * @param engines engines
     * @param sizeBytes size
     */
    public MysqlDatabase {
        engines = List.copyOf(engines);
    }
}
