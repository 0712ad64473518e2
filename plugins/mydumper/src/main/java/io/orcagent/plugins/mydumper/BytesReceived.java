package io.orcagent.plugins.mydumper;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore progress as the growth of the local server's {@code Bytes_received} status counter: myloader
 * sends the dump's SQL text over the wire, so the counter grows by about the bytes of dump loaded.
 */
final class BytesReceived implements LongSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(BytesReceived.class);

    private final DataSource dataSource;
    private final long baseline;
    private final AtomicLong last = new AtomicLong();

    private BytesReceived(DataSource dataSource, long baseline) {
        this.dataSource = dataSource;
        this.baseline = baseline;
    }

    /**
     * Starts counting from now.
     *
     * @param dataSource the local server
     * @return the counter
     * @throws SQLException when the status cannot be read
     */
    static BytesReceived since(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource is null");
        return new BytesReceived(dataSource, read(dataSource));
    }

    /** Bytes received since the start; the last figure when the server cannot be asked. */
    @Override
    public long getAsLong() {
        try {
            last.set(Math.max(0, read(dataSource) - baseline));
        } catch (SQLException e) {
            LOG.debug("Bytes_received unavailable: {}", e.toString());
        }
        return last.get();
    }

    private static long read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Bytes_received'")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }
}
