package io.orcagent.plugins.clone;

import io.orcagent.api.StageContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running {@code CLONE INSTANCE} from a thread of its own: when the stage is aborted it cancels
 * the statement (Connector/J sends {@code KILL QUERY}, which the MySQL manual names as the way to stop a
 * clone), and every progress interval it reports the bytes cloned so far from
 * {@code performance_schema.clone_progress}, so the stage's timestamp keeps moving during a long clone.
 */
final class CloneWatcher implements AutoCloseable {

    static final String PROGRESS_QUERY =
            "SELECT COALESCE(SUM(DATA), 0), COALESCE(SUM(ESTIMATE), 0) FROM performance_schema.clone_progress";

    private static final Logger LOG = LoggerFactory.getLogger(CloneWatcher.class);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);

    private final StageContext stage;
    private final Statement statement;
    private final DataSource dataSource;
    private final CloneTimings timings;
    private final Thread thread;
    private volatile boolean closed;

    private CloneWatcher(StageContext stage, Statement statement, DataSource dataSource, CloneTimings timings) {
        this.stage = stage;
        this.statement = statement;
        this.dataSource = dataSource;
        this.timings = timings;
        this.thread = new Thread(this::watch, "clone-watch-seed-" + stage.seedId());
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param stage the Backup stage
     * @param statement the statement that runs the clone
     * @param dataSource the local server, for progress queries on connections of their own
     * @param timings how often to look
     * @return the running watcher
     */
    static CloneWatcher start(StageContext stage, Statement statement, DataSource dataSource, CloneTimings timings) {
        CloneWatcher watcher = new CloneWatcher(stage, statement, dataSource, timings);
        watcher.thread.start();
        return watcher;
    }

    /** Stops watching; waits briefly for the thread. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(JOIN_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        boolean cancelSent = false;
        long nextProgress = System.nanoTime() + timings.progressInterval().toNanos();
        while (!closed) {
            try {
                Thread.sleep(timings.abortCheck().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!cancelSent && stage.cancelled()) {
                cancelSent = true;
                cancel();
            }
            if (!closed && System.nanoTime() - nextProgress >= 0) {
                reportProgress();
                nextProgress = System.nanoTime() + timings.progressInterval().toNanos();
            }
        }
    }

    private void cancel() {
        LOG.info("seed {}: stage aborted, cancelling CLONE INSTANCE", stage.seedId());
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.warn("seed {}: could not cancel CLONE INSTANCE: {}", stage.seedId(), e.getMessage());
        }
    }

    private void reportProgress() {
        try (Connection connection = dataSource.getConnection();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(PROGRESS_QUERY)) {
            if (row.next()) {
                long estimate = row.getLong(2);
                stage.progress().bytes(row.getLong(1), estimate > 0 ? estimate : -1);
            }
        } catch (SQLException e) {
            // the server restarts at the end of a clone: a miss here is expected and harmless
            LOG.debug("seed {}: clone progress not readable: {}", stage.seedId(), e.getMessage());
        }
    }
}
