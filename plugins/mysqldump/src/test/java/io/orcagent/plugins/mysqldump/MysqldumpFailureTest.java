package io.orcagent.plugins.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.CommandFailedException;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.plugins.seedsupport.testing.MariaDbServer;
import io.orcagent.plugins.seedsupport.testing.TestPluginContext;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the Mysqldump stages fail: always with the tool's own words, and an abort really stops them.
 * One real target server (127.0.0.3) backs the stages that need one.
 */
class MysqldumpFailureTest {

    @TempDir
    static Path dir;

    private static MariaDbServer target;
    private static TestPluginContext agent;
    private static SeedMethod method;

    @BeforeAll
    static void startTarget() throws Exception {
        target = MariaDbServer.start(Files.createDirectories(dir.resolve("target-db")), "127.0.0.3", 2);
        agent = new TestPluginContext("mysqldump", Map.of(), target, dir.resolve("agent"), RuntimeStages.RUNNER);
        method = new MysqldumpMethodFactory().create(agent);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aBackupFromAnUnreachableSourceFailsWithTheDumpToolsError() throws IOException {
        int closedPort = closedPort();
        TestStageContext backup = RuntimeStages.backup(1, Side.TARGET, new Peer("127.0.0.2", closedPort));
        assertThatThrownBy(() -> method.backup(backup))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Can't connect");
    }

    @Test
    void aRestoreWithoutADumpFailsBeforeTouchingTheServer() throws Exception {
        method.prepare(RuntimeStages.stage(2, Stage.PREPARE, Side.TARGET));
        String before = target.sql("SHOW BINARY LOGS");
        assertThatThrownBy(() -> method.restore(RuntimeStages.stage(2, Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Backup stage has not completed");
        assertThat(target.sql("SHOW BINARY LOGS")).isEqualTo(before);
    }

    @Test
    void aRestoreOfABrokenDumpFailsWithTheClientsError() throws Exception {
        Files.writeString(dumpFile(), "CREATE DATABASE broken;\nTHIS IS NOT SQL;\n");
        assertThatThrownBy(() -> method.restore(RuntimeStages.stage(3, Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("ERROR 1064");
        method.cleanup(RuntimeStages.stage(3, Stage.CLEANUP, Side.TARGET));
        target.sql("DROP DATABASE IF EXISTS broken");
    }

    @Test
    void prepareRemovesALeftOverDump() throws Exception {
        Files.writeString(dumpFile(), "-- old\n");
        method.prepare(RuntimeStages.stage(4, Stage.PREPARE, Side.TARGET));
        assertThat(dumpFile()).doesNotExist();
    }

    @Test
    void theSourceSideOfPrepareLeavesTheBackupDirAlone() throws Exception {
        Files.writeString(dumpFile(), "-- belongs to another seed on this host\n");
        method.prepare(RuntimeStages.stage(5, Stage.PREPARE, Side.SOURCE));
        assertThat(dumpFile()).exists();
        Files.delete(dumpFile());
    }

    @Test
    void abortingABackupKillsTheDumpAndEndsTheStage() throws Exception {
        // the first database dumped holds a table the test keeps write-locked: the dump stops there, mid-stream
        target.sql("CREATE DATABASE aaa_abort_gate; CREATE TABLE aaa_abort_gate.t (id INT PRIMARY KEY) ENGINE=InnoDB");
        // no client for the size estimate, so nothing but the dump reads the server
        SeedMethod withoutEstimate = new MysqldumpMethodFactory().create(new TestPluginContext("mysqldump",
                Map.of("client-command", "false"), target, dir.resolve("agent"), RuntimeStages.RUNNER));
        TestStageContext backup = RuntimeStages.backup(6, Side.TARGET, new Peer(target.address(), target.port()));
        try (Connection lockHolder = target.dataSource().getConnection();
             ExecutorService stageThread = Executors.newSingleThreadExecutor()) {
            lockHolder.createStatement().execute("LOCK TABLES aaa_abort_gate.t WRITE");
            Future<?> outcome = stageThread.submit(() -> {
                withoutEstimate.backup(backup);
                return null;
            });
            try {
                awaitDumpWaitingForTheLock(lockHolder, Duration.ofSeconds(60));
                assertThat(outcome).isNotDone();
                assertThat(running("mariadb-dump")).isTrue();

                backup.abort();

                assertThatThrownBy(() -> outcome.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StageAbortedException.class);
                assertThat(RuntimeStages.RUNNER.runningCount()).isZero();
                awaitNotRunning("mariadb-dump", Duration.ofSeconds(60));
            } finally {
                backup.abort();
            }
        } finally {
            target.sql("DROP DATABASE IF EXISTS aaa_abort_gate");
            Files.deleteIfExists(dumpFile());
        }
    }

    /** The dump's connection is in the processlist, waiting for the table lock the test holds. */
    private static void awaitDumpWaitingForTheLock(Connection lockHolder, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String waiting = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = 'aaa_abort_gate'"
                + " AND STATE = 'Waiting for table metadata lock' AND ID <> CONNECTION_ID()";
        while (true) {
            try (ResultSet row = lockHolder.createStatement().executeQuery(waiting)) {
                if (row.next() && row.getInt(1) > 0) {
                    return;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the dump never waited for the lock on aaa_abort_gate.t: "
                        + target.sql("SHOW FULL PROCESSLIST"));
            }
            Thread.sleep(20);
        }
    }

    private static void awaitNotRunning(String program, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(program)) {
            assertThat(System.nanoTime() - deadline).as(program + " still runs").isNegative();
            Thread.sleep(20);
        }
    }

    private static boolean running(String program) {
        return ProcessHandle.current().descendants()
                .anyMatch(p -> p.isAlive() && p.info().command().orElse("").endsWith("/" + program));
    }

    private static Path dumpFile() {
        return agent.paths().backupDir().resolve(MysqldumpMethod.DUMP_FILE);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            return probe.getLocalPort();
        }
    }
}
