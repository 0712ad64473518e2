package io.orcagent.plugins.clone;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.OptionFile;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.StageContext;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ClonePlugin} seed method (MySQL 8.0.17+). Everything runs on the target, over the agent's
 * JDBC connection to its local server: Prepare sets the clone variables, Backup names the source as the
 * only valid donor and runs {@code CLONE INSTANCE}, after which MySQL replaces the datadir and restarts;
 * Restore waits for the server and checks that the clone completed; Metadata reads the coordinates from
 * {@code performance_schema.clone_status}. The source agent has nothing to do: the source is reached only
 * through the target server's donor connection.
 */
final class CloneMethod implements SeedMethod {

    static final String DONOR_LIST = "clone_valid_donor_list";
    static final String SQL_MODE_QUERY = "SELECT @@SESSION.sql_mode";

    private static final Logger LOG = LoggerFactory.getLogger(CloneMethod.class);

    private final PluginContext context;
    private final CloneSettings settings;
    private final CloneTimings timings;

    CloneMethod(PluginContext context, CloneSettings settings, CloneTimings timings) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.timings = Objects.requireNonNull(timings, "timings is null");
    }

    @Override
    public SeedMethodInfo info() {
        return new SeedMethodInfo(Side.TARGET, true, List.of("InnoDB"));
    }

    @Override
    public Availability probe() {
        return CloneProbe.check(context.mysql().dataSource());
    }

    @Override
    public void prepare(StageContext stage) throws CloneException {
        if (stage.side() != Side.TARGET) {
            return;
        }
        stage.progress().step("Setting the clone variables");
        try (Connection connection = dataSource().getConnection()) {
            for (SystemVariable variable : settings.variables()) {
                set(connection, variable);
            }
        } catch (SQLException e) {
            throw new CloneException("cannot connect to the local MySQL server: " + e.getMessage());
        }
        LOG.info("seed {} {}: clone variables set", stage.seedId(), context.pluginId());
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        Peer peer = stage.peer().orElseThrow(() -> new CloneException("the Backup stage needs the source host and port"));
        // everything that goes into SQL is checked before the first statement
        DonorAddress donor = DonorAddress.of(peer.host(), peer.mysqlPort());
        DonorAccount account = donorAccount(donor);
        CloneExecution.Outcome outcome;
        try (Connection connection = dataSource().getConnection()) {
            stage.progress().step("Setting " + DONOR_LIST + " to " + donor);
            set(connection, SystemVariable.of(DONOR_LIST, donor.toString()));
            String sql = CloneStatement.cloneInstance(account, donor, noBackslashEscapes(connection));
            stage.throwIfCancelled();
            stage.progress().step("Running CLONE INSTANCE FROM " + donor);
            LOG.info("seed {} {}: CLONE INSTANCE FROM {}@{}", stage.seedId(), context.pluginId(), account.user(), donor);
            outcome = CloneExecution.run(stage, connection, sql, donor, account.password(), dataSource(), timings);
        } catch (SQLException e) {
            throw new CloneException("cannot prepare CLONE INSTANCE on the local MySQL server: " + e.getMessage());
        }
        LOG.info("seed {} {}: CLONE INSTANCE ended ({}), waiting for the server", stage.seedId(), context.pluginId(),
                outcome);
        if (outcome == CloneExecution.Outcome.RESTART_FAILED) {
            // error 3707: the data is cloned; the manual says to restart the server by hand, which here
            // means the operator's service commands
            stage.progress().step("MySQL cannot restart itself (no supervisor): restarting it with the service commands");
            context.mysqlService().stop();
            context.mysqlService().start();
        }
        stage.progress().step("Waiting for MySQL to restart after the clone");
        awaitCompleted(stage, donor);
        LOG.info("seed {} {}: clone from {} completed", stage.seedId(), context.pluginId(), donor);
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        stage.progress().step("Running restore. Waiting for MySQL to start");
        if (!context.mysqlService().awaitReachable(settings.restoreTimeout())) {
            throw new CloneException("MySQL did not accept connections within " + settings.restoreTimeoutText()
                    + " (restore-timeout) after the clone; check its error log");
        }
        Optional<CloneState> state;
        try (Connection connection = dataSource().getConnection()) {
            state = CloneStatusTable.state(connection);
        }
        CloneState clone = state.orElseThrow(() -> new CloneException(
                "performance_schema.clone_status is empty: no clone has run on this server"));
        if (!clone.completed()) {
            throw new CloneException("the clone did not complete: " + clone.describe());
        }
        LOG.info("seed {} {}: restore complete, clone state {}", stage.seedId(), context.pluginId(), clone.state());
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws Exception {
        try (Connection connection = dataSource().getConnection()) {
            return CloneStatusTable.coordinates(connection).orElseThrow(() -> new CloneException(
                    "performance_schema.clone_status has no row: no clone has run on this server, so there are no"
                            + " coordinates"));
        }
    }

    @Override
    public void cleanup(StageContext stage) {
        // nothing on either side: the clone leaves no files or processes behind
    }

    /** Reads the password from the 0600 option file the agent writes, and deletes the file at once. */
    private DonorAccount donorAccount(DonorAddress donor) throws IOException, CloneException {
        String password;
        try (OptionFile credentials = context.mysql().clientOptionFile(donor.host(), donor.port())) {
            password = OptionFilePassword.read(credentials.path());
        }
        return DonorAccount.of(context.mysql().user(), password);
    }

    /** Polls the server until clone_status says Completed or Failed, through the restart. */
    private void awaitCompleted(StageContext stage, DonorAddress donor) throws Exception {
        long deadline = System.nanoTime() + settings.restoreTimeout().toNanos();
        String lastSeen = "the server did not answer";
        while (true) {
            stage.throwIfCancelled();
            try (Connection connection = dataSource().getConnection()) {
                Optional<CloneState> state = CloneStatusTable.state(connection);
                if (state.isPresent() && state.get().completed()) {
                    return;
                }
                if (state.isPresent() && state.get().failed()) {
                    throw new CloneException("the clone from " + donor + " failed: " + state.get().describe());
                }
                lastSeen = state.map(s -> "clone_status says " + s.describe()).orElse("clone_status is empty");
            } catch (SQLException e) {
                // down while it restarts
                lastSeen = "the server did not answer: " + e.getMessage();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CloneException("the clone from " + donor + " did not complete within "
                        + settings.restoreTimeoutText() + " (restore-timeout): " + lastSeen);
            }
            Thread.sleep(timings.restartPoll().toMillis());
        }
    }

    private static void set(Connection connection, SystemVariable variable) throws CloneException {
        try (PreparedStatement statement = connection.prepareStatement(variable.statement())) {
            if (variable.value() instanceof Long number) {
                statement.setLong(1, number);
            } else {
                statement.setString(1, (String) variable.value());
            }
            statement.execute();
        } catch (SQLException e) {
            throw new CloneException("SET GLOBAL " + variable.name() + " failed: " + e.getMessage());
        }
    }

    private static boolean noBackslashEscapes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(SQL_MODE_QUERY)) {
            return row.next() && String.valueOf(row.getString(1)).contains("NO_BACKSLASH_ESCAPES");
        }
    }

    private DataSource dataSource() {
        return context.mysql().dataSource();
    }
}
