package io.orcagent.plugins.clone;

import static io.orcagent.plugins.clone.RecordingMysql.after;
import static io.orcagent.plugins.clone.RecordingMysql.blockUntilCancelled;
import static io.orcagent.plugins.clone.RecordingMysql.error;
import static io.orcagent.plugins.clone.RecordingMysql.lostConnection;
import static io.orcagent.plugins.clone.RecordingMysql.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.plugins.clone.RecordingMysql.Executed;
import io.orcagent.testkit.TestingMysqlAccess;
import io.orcagent.testkit.TestingPluginContext;
import io.orcagent.testkit.TestingStageContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clone stages' SQL, statement by statement, against recorded expectations.
 *
 * <p>MySQL 8 cannot be installed on this machine, so these tests run the stages against
 * {@link RecordingMysql}, a JDBC double that records each statement and bound value and replays the
 * result sets and errors the MySQL 8.0 manual documents. This is the only part of the agent tested with
 * a JDBC double; the option files, the config section and the stage context are the runtime's real ones.
 * A live MySQL 8 server has not verified any of it.
 */
class CloneStagesRecordedTest {

    private static final String USER = "orcagent";
    /** A quote, a backslash and a double quote: the cases the CLONE literal must get right. */
    private static final String PASSWORD = "pa'ss\\w\"rd";
    private static final Peer SOURCE = new Peer("db1.example.com", 3306);
    private static final String DEFAULT_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,"
            + "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";
    private static final CloneTimings FAST = new CloneTimings(Duration.ofMillis(5), Duration.ofHours(1),
            Duration.ofMillis(5));
    private static final String CLONE = "CLONE INSTANCE";
    private static final String DONOR_LIST = "SET GLOBAL clone_valid_donor_list = ? <- [db1.example.com:3306]";
    private static final String CLONE_STATEMENT =
            "CLONE INSTANCE FROM 'orcagent'@'db1.example.com':3306 IDENTIFIED BY 'pa''ss\\\\w\"rd'";
    private static final String FAILED_CLONE_MESSAGE = "Clone Donor Error: Connect failed: 2003 : Can't connect to"
            + " MySQL server on 'db1.example.com:3306' (111).";
    /** The GTID set as MySQL writes it: one UUID per line. */
    private static final String GTID_WITH_LINE_BREAKS = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77,\n"
            + "7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6";

    /** The clone plugin starts no processes; any attempt fails the test. */
    private static final CommandRunner NO_PROCESSES = command -> {
        throw new IOException("the clone plugin must not start processes, it started " + command.program());
    };

    @TempDir
    Path temp;

    private final RecordingMysql mysql = new RecordingMysql();
    private final RecordingMysqlService service = new RecordingMysqlService(true);

    @Test
    void prepareSetsEveryCloneVariableInOrderWithBoundValues() throws Exception {
        method(Map.of()).prepare(stage(Stage.PREPARE, Side.TARGET));

        assertThat(mysql.statements()).containsExactly(
                "SET GLOBAL clone_autotune_concurrency = ? <- [ON]",
                "SET GLOBAL clone_buffer_size = ? <- [4194304]",
                "SET GLOBAL clone_ddl_timeout = ? <- [300]",
                "SET GLOBAL clone_enable_compression = ? <- [OFF]",
                "SET GLOBAL clone_max_concurrency = ? <- [16]",
                "SET GLOBAL clone_max_data_bandwidth = ? <- [0]",
                "SET GLOBAL clone_max_network_bandwidth = ? <- [0]",
                "SET GLOBAL clone_ssl_ca = ? <- []",
                "SET GLOBAL clone_ssl_cert = ? <- []",
                "SET GLOBAL clone_ssl_key = ? <- []");
    }

    @Test
    void prepareFeedsEachBandwidthVariableFromItsOwnKey() throws Exception {
        method(Map.of("clone-max-data-bandwidth", 100L, "clone-max-network-bandwidth", 250L))
                .prepare(stage(Stage.PREPARE, Side.TARGET));

        assertThat(mysql.statements())
                .contains("SET GLOBAL clone_max_data_bandwidth = ? <- [100]",
                        "SET GLOBAL clone_max_network_bandwidth = ? <- [250]")
                .doesNotContain("SET GLOBAL clone_max_data_bandwidth = ? <- [250]");
    }

    @Test
    void prepareBindsTheConfiguredValuesOfEveryOtherKey() throws Exception {
        method(Map.of("clone-autotune-concurrency", false, "clone-buffer-size", 8_388_608L, "clone-ddl-timeout", 60L,
                "clone-enable-compression", true, "clone-max-concurrency", 4L, "clone-ssl-ca", "/etc/mysql/ca.pem",
                "clone-ssl-cert", "/etc/mysql/client-cert.pem", "clone-ssl-key", "/etc/mysql/client-key.pem"))
                .prepare(stage(Stage.PREPARE, Side.TARGET));

        assertThat(mysql.statements()).containsExactly(
                "SET GLOBAL clone_autotune_concurrency = ? <- [OFF]",
                "SET GLOBAL clone_buffer_size = ? <- [8388608]",
                "SET GLOBAL clone_ddl_timeout = ? <- [60]",
                "SET GLOBAL clone_enable_compression = ? <- [ON]",
                "SET GLOBAL clone_max_concurrency = ? <- [4]",
                "SET GLOBAL clone_max_data_bandwidth = ? <- [0]",
                "SET GLOBAL clone_max_network_bandwidth = ? <- [0]",
                "SET GLOBAL clone_ssl_ca = ? <- [/etc/mysql/ca.pem]",
                "SET GLOBAL clone_ssl_cert = ? <- [/etc/mysql/client-cert.pem]",
                "SET GLOBAL clone_ssl_key = ? <- [/etc/mysql/client-key.pem]");
    }

    @Test
    void prepareOnTheSourceRunsNoSql() throws Exception {
        method(Map.of()).prepare(stage(Stage.PREPARE, Side.SOURCE));

        assertThat(mysql.executed()).isEmpty();
    }

    @Test
    void backupClonesFromTheSourceAndWaitsThroughTheRestartUntilTheCloneCompleted() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, call -> {
                    mysql.goDown(3);
                    throw lostConnection();
                })
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")));
        TestingStageContext backup = backupStage();

        method(Map.of()).backup(backup);

        assertThat(mysql.statements()).containsExactly(DONOR_LIST, CloneMethod.SQL_MODE_QUERY, CLONE_STATEMENT,
                CloneStatusTable.STATE_QUERY);
        Executed clone = mysql.executed().get(2);
        assertThat(clone.connection()).isEqualTo(1);
        assertThat(clone.escapeProcessing()).isFalse();
        assertThat(mysql.executed().get(3).connection()).isGreaterThan(1);
        assertThat(backup.steps()).containsExactly("Setting clone_valid_donor_list to db1.example.com:3306",
                "Running CLONE INSTANCE FROM db1.example.com:3306", "Waiting for MySQL to restart after the clone");
    }

    @Test
    void backupKeepsWaitingWhileTheCloneIsStillInProgress() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, rows())
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("In Progress", 0, "")), rows(List.of("In Progress", 0, "")),
                        rows(List.of("Completed", 0, "")));

        method(Map.of()).backup(backupStage());

        assertThat(mysql.statements()).containsExactly(DONOR_LIST, CloneMethod.SQL_MODE_QUERY, CLONE_STATEMENT,
                CloneStatusTable.STATE_QUERY, CloneStatusTable.STATE_QUERY, CloneStatusTable.STATE_QUERY);
    }

    @Test
    void withNoBackslashEscapesOnlyTheQuotesOfThePasswordAreDoubled() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of("NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES")))
                .on(CLONE, rows())
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")));

        method(Map.of()).backup(backupStage());

        assertThat(mysql.statements()).contains(
                "CLONE INSTANCE FROM 'orcagent'@'db1.example.com':3306 IDENTIFIED BY 'pa''ss\\w\"rd'");
    }

    @Test
    void onlyTheCloneStatementCarriesThePasswordThroughAWholeSeed() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, call -> {
                    mysql.goDown(1);
                    throw lostConnection();
                })
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")))
                .on(CloneStatusTable.COORDINATES_QUERY, rows(List.of("binlog.000042", 1337L, GTID_WITH_LINE_BREAKS)));
        CloneMethod method = method(Map.of());
        TestingStageContext backup = backupStage();

        method.prepare(stage(Stage.PREPARE, Side.TARGET));
        method.backup(backup);
        method.restore(stage(Stage.RESTORE, Side.TARGET));
        method.metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET));

        assertThat(mysql.executed()).filteredOn(e -> e.sql().contains("pa''ss")).extracting(Executed::sql)
                .containsExactly(CLONE_STATEMENT);
        assertThat(mysql.executed()).filteredOn(e -> !e.sql().startsWith(CLONE))
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("pa'ss").doesNotContain("pa''ss"));
        assertThat(backup.steps()).noneMatch(step -> step.contains("pa'ss"));
        try (Stream<Path> left = Files.list(temp.resolve("state/tmp"))) {
            assertThat(left).as("option files holding the password").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"db1';DROP DATABASE mysql;--", "db1 --password", "db1,evil.example.com:3306", "db1|touch",
            "-db1", "db1..example.com", ""})
    void aMaliciousDonorHostIsRefusedBeforeAnySql(String host) throws Exception {
        CloneMethod method = method(Map.of());
        TestingStageContext backup = stage(Stage.BACKUP, Side.TARGET, Optional.of(new Peer(host, 3306)));

        assertThatThrownBy(() -> method.backup(backup)).isInstanceOf(CloneException.class)
                .hasMessageStartingWith("refusing donor host")
                .hasMessageEndingWith(": expected a DNS name or an IPv4 address");
        assertThat(mysql.executed()).isEmpty();
    }

    @Test
    void anIpv6DonorIsRefusedBecauseTheClonePluginCannotUseIt() throws Exception {
        CloneMethod method = method(Map.of());
        TestingStageContext backup = stage(Stage.BACKUP, Side.TARGET, Optional.of(new Peer("fe80::1", 3306)));

        assertThatThrownBy(() -> method.backup(backup)).isInstanceOf(CloneException.class)
                .hasMessage("refusing donor host \"fe80::1\": the clone plugin does not accept IPv6 literals, use a"
                        + " host name");
        assertThat(mysql.executed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orc'agent", "orcagent'@'%", "orc agent", "orcagent\\", "a-user-name-that-is-longer-than-32c"})
    void anAccountNameOutsideTheStrictPatternIsRefusedBeforeAnySql(String user) throws Exception {
        CloneMethod method = method(Map.of(), user, PASSWORD, service);

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessageStartingWith("refusing the [mysql] user as the clone donor account");
        assertThat(mysql.executed()).isEmpty();
    }

    @Test
    void aPasswordWithAControlCharacterIsRefusedBeforeAnySqlWithoutShowingIt() throws Exception {
        CloneMethod method = method(Map.of(), USER, "line\nbreak", service);

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessageContaining("contains a control character").hasMessageNotContaining("break");
        assertThat(mysql.executed()).isEmpty();
    }

    @Test
    void aRefusedCloneFailsTheBackupWithTheServersError() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, error(3862, "HY000", "Clone Donor Error: 1045 : Access denied for user"
                        + " 'orcagent'@'10.0.0.2' (using password: YES)."));
        CloneMethod method = method(Map.of());

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessage("CLONE INSTANCE FROM db1.example.com:3306 failed: ERROR 3862 (HY000): Clone Donor Error:"
                        + " 1045 : Access denied for user 'orcagent'@'10.0.0.2' (using password: YES).");
        assertThat(mysql.statements()).containsExactly(DONOR_LIST, CloneMethod.SQL_MODE_QUERY, CLONE_STATEMENT);
    }

    @Test
    void anErrorTextQuotingThePasswordReachesTheStageWithThePasswordHidden() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, error(1064, "42000", "You have an error in your SQL syntax near 'Secret-42' at line 1"));
        CloneMethod method = method(Map.of(), USER, "Secret-42", service);

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessageEndingWith("near '<password>' at line 1").hasMessageNotContaining("Secret-42");
    }

    @Test
    void aCloneThatFailsDuringTheRestartFailsTheBackupWithErrorNumberAndMessage() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, call -> {
                    mysql.goDown(2);
                    throw lostConnection();
                })
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("In Progress", 0, "")),
                        rows(List.of("Failed", 3862, FAILED_CLONE_MESSAGE)));
        CloneMethod method = method(Map.of());

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessage("the clone from db1.example.com:3306 failed: state Failed, ERROR 3862: "
                        + FAILED_CLONE_MESSAGE);
    }

    @Test
    void aServerThatCannotRestartItselfIsRestartedWithTheServiceCommands() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, error(CloneExecution.RESTART_SERVER_FAILED, "HY000",
                        "Restart server failed (mysqld is not managed by supervisor process)."))
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")));
        TestingStageContext backup = backupStage();

        method(Map.of()).backup(backup);

        assertThat(service.calls()).containsExactly("stop", "start");
        assertThat(mysql.statements()).endsWith(CLONE_STATEMENT, CloneStatusTable.STATE_QUERY);
        assertThat(backup.steps()).contains(
                "MySQL cannot restart itself (no supervisor): restarting it with the service commands");
    }

    @Test
    void aServerThatNeverComesBackFailsTheBackupAtTheRestoreTimeout() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CLONE, call -> {
                    mysql.goDown(Integer.MAX_VALUE);
                    throw lostConnection();
                });
        CloneMethod method = method(Map.of("restore-timeout", "1s"));

        assertThatThrownBy(() -> method.backup(backupStage())).isInstanceOf(CloneException.class)
                .hasMessageStartingWith("the clone from db1.example.com:3306 did not complete within 1s"
                        + " (restore-timeout): the server did not answer: Could not create connection");
    }

    @Test
    void abortingTheBackupCancelsTheRunningCloneStatement() throws Exception {
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE))).on(CLONE, blockUntilCancelled());
        CloneMethod method = method(Map.of());
        TestingStageContext backup = backupStage();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                method.backup(backup);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            // CLONE INSTANCE runs and cannot return until it is cancelled
            awaitStatement(CLONE);
        } finally {
            backup.cancel(); // also when the wait failed, so the stage's thread ends
        }

        assertThatThrownBy(() -> running.get(90, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StageAbortedException.class);
        assertThat(mysql.cancels()).isEqualTo(1);
        assertThat(mysql.statements()).containsExactly(DONOR_LIST, CloneMethod.SQL_MODE_QUERY, CLONE_STATEMENT);
    }

    @Test
    void theBackupReportsClonedBytesFromCloneProgressWhileTheCloneRuns() throws Exception {
        CountDownLatch polled = new CountDownLatch(1);
        mysql.on(CloneMethod.SQL_MODE_QUERY, rows(List.of(DEFAULT_SQL_MODE)))
                .on(CloneWatcher.PROGRESS_QUERY, call -> {
                    polled.countDown();
                    return rows(List.of(536_870_912L, 2_147_483_648L)).answer(call);
                })
                .on(CLONE, after(polled, Duration.ofSeconds(10), call -> {
                    throw lostConnection();
                }))
                .on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")));
        TestingStageContext backup = backupStage();
        CloneTimings progressEvery10ms = new CloneTimings(Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(5));

        method(Map.of(), USER, PASSWORD, service, progressEvery10ms).backup(backup);

        assertThat(backup.bytesDone()).isEqualTo(536_870_912L);
    }

    @Test
    void restoreWaitsForTheServerThenAcceptsACompletedClone() throws Exception {
        mysql.on(CloneStatusTable.STATE_QUERY, rows(List.of("Completed", 0, "")));
        TestingStageContext restore = stage(Stage.RESTORE, Side.TARGET);

        method(Map.of()).restore(restore);

        assertThat(service.calls()).containsExactly("awaitReachable PT15M");
        assertThat(mysql.statements()).containsExactly(CloneStatusTable.STATE_QUERY);
        assertThat(restore.steps()).containsExactly("Running restore. Waiting for MySQL to start");
    }

    @Test
    void restoreFailsWhenTheServerDoesNotComeBack() throws Exception {
        RecordingMysqlService neverBack = new RecordingMysqlService(false);
        CloneMethod method = method(Map.of(), USER, PASSWORD, neverBack);

        assertThatThrownBy(() -> method.restore(stage(Stage.RESTORE, Side.TARGET))).isInstanceOf(CloneException.class)
                .hasMessage("MySQL did not accept connections within 15m (restore-timeout) after the clone; check its"
                        + " error log");
        assertThat(mysql.executed()).isEmpty();
    }

    @Test
    void restoreFailsWithTheErrorNumberAndMessageOfAFailedClone() throws Exception {
        mysql.on(CloneStatusTable.STATE_QUERY, rows(List.of("Failed", 3862, FAILED_CLONE_MESSAGE)));
        CloneMethod method = method(Map.of());

        assertThatThrownBy(() -> method.restore(stage(Stage.RESTORE, Side.TARGET))).isInstanceOf(CloneException.class)
                .hasMessage("the clone did not complete: state Failed, ERROR 3862: " + FAILED_CLONE_MESSAGE);
    }

    @Test
    void restoreOnAServerThatNeverClonedIsAClearError() throws Exception {
        mysql.on(CloneStatusTable.STATE_QUERY, rows());
        CloneMethod method = method(Map.of());

        assertThatThrownBy(() -> method.restore(stage(Stage.RESTORE, Side.TARGET))).isInstanceOf(CloneException.class)
                .hasMessage("performance_schema.clone_status is empty: no clone has run on this server");
    }

    @Test
    void metadataReadsTheLastCloneStatusRowWithoutLineBreaksInTheGtidSet() throws Exception {
        mysql.on(CloneStatusTable.COORDINATES_QUERY, rows(List.of("binlog.000007", 155L, ""),
                List.of("binlog.000042", 1337L, GTID_WITH_LINE_BREAKS)));

        BinlogCoordinates coordinates = method(Map.of()).metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET));

        assertThat(coordinates).isEqualTo(new BinlogCoordinates("binlog.000042", 1337,
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77,7becc1d4-78b7-11ea-88e5-fa163ed0932c:1-6", ""));
        assertThat(mysql.statements()).containsExactly(CloneStatusTable.COORDINATES_QUERY);
    }

    @Test
    void metadataOfAPositionalSourceHasAnEmptyGtidSet() throws Exception {
        ArrayList<Object> row = new ArrayList<>(List.of("binlog.000003", 4711L));
        row.add(null);
        mysql.on(CloneStatusTable.COORDINATES_QUERY, rows(row));

        BinlogCoordinates coordinates = method(Map.of()).metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET));

        assertThat(coordinates).isEqualTo(BinlogCoordinates.positional("binlog.000003", 4711));
    }

    @Test
    void metadataWithoutCloneStatusRowsIsAClearError() throws Exception {
        mysql.on(CloneStatusTable.COORDINATES_QUERY, rows());
        CloneMethod method = method(Map.of());

        assertThatThrownBy(() -> method.metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET)))
                .isInstanceOf(CloneException.class)
                .hasMessage("performance_schema.clone_status has no row: no clone has run on this server, so there"
                        + " are no coordinates");
    }

    @Test
    void cleanupRunsNothingOnEitherSide() throws Exception {
        CloneMethod method = method(Map.of());

        method.cleanup(stage(Stage.CLEANUP, Side.TARGET));
        method.cleanup(stage(Stage.CLEANUP, Side.SOURCE));

        assertThat(mysql.executed()).isEmpty();
        assertThat(service.calls()).isEmpty();
    }

    private CloneMethod method(Map<String, Object> config) throws Exception {
        return method(config, USER, PASSWORD, service);
    }

    private CloneMethod method(Map<String, Object> config, String user, String password, RecordingMysqlService mysqlService)
            throws Exception {
        return method(config, user, password, mysqlService, FAST);
    }

    private CloneMethod method(Map<String, Object> config, String user, String password,
                               RecordingMysqlService mysqlService, CloneTimings timings) throws Exception {
        TestingPluginContext.Builder builder = TestingPluginContext.builder()
                .mysql(new TestingMysqlAccess(mysql.dataSource(), 3306, user, password, temp.resolve("state/tmp")))
                .mysqlService(mysqlService);
        config.forEach(builder::set);
        TestingPluginContext context = builder.build("clone_plugin");
        CloneMethod method = new CloneMethod(context, CloneSettings.read(context.config()), timings);
        assertThat(context.section().unreadKeys()).isEmpty();
        return method;
    }

    private TestingStageContext backupStage() {
        return stage(Stage.BACKUP, Side.TARGET, Optional.of(SOURCE));
    }

    private static TestingStageContext stage(Stage stage, Side side) {
        return stage(stage, side, Optional.empty());
    }

    private static TestingStageContext stage(Stage stage, Side side, Optional<Peer> peer) {
        return new TestingStageContext(42, stage, side, peer, NO_PROCESSES);
    }

    private void awaitStatement(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (mysql.executed().stream().noneMatch(e -> e.sql().startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the plugin never ran " + prefix + "; ran " + mysql.statements());
            }
            Thread.sleep(5);
        }
    }
}
