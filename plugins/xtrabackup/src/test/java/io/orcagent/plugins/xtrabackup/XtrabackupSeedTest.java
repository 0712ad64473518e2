package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.plugins.seedsupport.testing.RecordingProgressSink;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import io.orcagent.runtime.cli.ReplicationConnector;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole Xtrabackup seed with the real mariabackup and mbstream between two real MariaDB servers
 * (source 127.0.0.2, target 127.0.0.3, the target stopped and started through its service commands),
 * driven stage by stage as orchestrator would, the stream carried by each agent's own transfer service over
 * loopback TCP. The seed runs once; each test checks one of its outcomes.
 */
class XtrabackupSeedTest {

    private static final long SEED = 7;

    @TempDir
    static Path dir;

    private static SandboxAgent source;
    private static SandboxAgent target;
    private static SortedMap<String, Long> sourceChecksums;
    private static SortedMap<String, Long> targetChecksumsAfterRestore;
    private static MasterStatus sourceStatus;
    private static BinlogCoordinates coordinates;
    private static List<String> datadirAfterPrepare;
    private static boolean targetRunningAfterPrepare;
    private static boolean extractorAliveAfterPrepare;
    private static long bytesReceived;
    private static List<RecordingProgressSink.Report> backupReports;
    private static List<String> restoreSteps;
    private static String restoredToolCommand;
    private static boolean lockFileAfterRestore;
    private static boolean sourceWorkDirAfterCleanup;

    @BeforeAll
    static void seed() throws Exception {
        int seedPort = MariaDbSandbox.freePort("127.0.0.3");
        source = SandboxAgent.start(dir.resolve("source"), "127.0.0.2", 1, Map.of(), seedPort, null);
        target = SandboxAgent.start(dir.resolve("target"), "127.0.0.3", 2, Map.of(), seedPort, null);
        new SampleDataset(3_000).load(source.sandbox().dataSource());
        try (Connection c = target.sandbox().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE target_only");
            s.execute("CREATE TABLE target_only.t (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
        sourceChecksums = Checksums.of(source.sandbox().dataSource());
        sourceStatus = MasterStatus.of(source);

        SeedMethod onSource = source.method();
        SeedMethod onTarget = target.method();
        onTarget.prepare(target.stage(SEED, Stage.PREPARE, Side.TARGET, Optional.empty()));
        onSource.prepare(source.stage(SEED, Stage.PREPARE, Side.SOURCE, Optional.empty()));
        try (Stream<Path> files = Files.list(target.sandbox().datadir())) {
            datadirAfterPrepare = files.map(p -> p.getFileName().toString()).toList();
        }
        targetRunningAfterPrepare = target.mysqlService().running();
        extractorAliveAfterPrepare = target.transfer().receiver(SEED).isPresent() && mbstreamRunning();

        TestStageContext backup = source.stage(SEED, Stage.BACKUP, Side.SOURCE,
                Optional.of(new Peer("127.0.0.3", source.sandbox().port())));
        onSource.backup(backup);
        backupReports = backup.recorded().reports();
        bytesReceived = target.transfer().receiver(SEED).orElseThrow().bytesReceived();

        TestStageContext restore = target.stage(SEED, Stage.RESTORE, Side.TARGET, Optional.empty());
        onTarget.restore(restore);
        restoreSteps = restore.recorded().steps();
        targetChecksumsAfterRestore = Checksums.of(target.sandbox().dataSource());
        lockFileAfterRestore = Files.exists(target.sandbox().datadir().resolve(TargetDatadir.LOCK_FILE));
        restoredToolCommand = Files.readAllLines(target.sandbox().datadir().resolve("xtrabackup_info")).stream()
                .filter(line -> line.startsWith("tool_command")).findFirst().orElse("");
        coordinates = onTarget.metadata(target.stage(SEED, Stage.CONNECT_SLAVE, Side.TARGET, Optional.empty()));

        onTarget.cleanup(target.stage(SEED, Stage.CLEANUP, Side.TARGET, Optional.empty()));
        onSource.cleanup(source.stage(SEED, Stage.CLEANUP, Side.SOURCE, Optional.empty()));
        sourceWorkDirAfterCleanup = Files.exists(source.paths().backupDir()
                .resolve(XtrabackupMethod.SOURCE_WORK_DIR_PREFIX + SEED));
        target.releaseTransfer(SEED);
    }

    @AfterAll
    static void stopServers() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void everyRestoredTableHasTheSourcesChecksum() {
        assertThat(sourceChecksums).containsKeys("sample_shop.orders", "sample_logs.events");
        assertThat(targetChecksumsAfterRestore).isEqualTo(sourceChecksums);
    }

    @Test
    void metadataIsTheSourcesMasterStatusWithItsMariadbGtidPosition() {
        assertThat(coordinates).isEqualTo(new BinlogCoordinates(sourceStatus.file(), sourceStatus.position(), "",
                sourceStatus.gtidBinlogPos()));
        assertThat(coordinates.mariadbGtidPosition()).matches("0-1-[0-9]+");
    }

    @Test
    void theRestoredServerRunsAndItsServiceSaysSo() throws Exception {
        assertThat(target.mysqlService().running()).isTrue();
        assertThat(target.mysqlService().awaitReachable(Duration.ofSeconds(5))).isTrue();
        assertThat(restoreSteps).containsSubsequence("Running mariabackup prepare", "Changing owner of mysql datadir",
                "Starting MySQL", "Running restore. Waiting for MySQL to start");
    }

    @Test
    void theRestoredServerReplicatesFromTheSourceAtTheReportedCoordinates() throws Exception {
        new ReplicationConnector(target.sandbox().dataSource()).connect(new ReplicationConnector.Coordinates(
                "127.0.0.2", source.sandbox().port(), coordinates.logFile(), coordinates.logPosition(),
                coordinates.gtidExecuted()), SandboxSettings.DEFAULT_REPLICATION_USER,
                SandboxSettings.DEFAULT_REPLICATION_PASSWORD, Duration.ofSeconds(30));
        ReplicaProof proof = ReplicaProof.check(source.sandbox().dataSource(), target.sandbox().dataSource(),
                Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
    }

    @Test
    void prepareStoppedTheTargetAndLeftOnlyTheLockFileWithTheExtractorWaiting() {
        assertThat(targetRunningAfterPrepare).isFalse();
        assertThat(datadirAfterPrepare).containsExactly(TargetDatadir.LOCK_FILE);
        assertThat(extractorAliveAfterPrepare).isTrue();
    }

    @Test
    void whatOnlyTheTargetHadIsGone() throws Exception {
        try (Connection c = target.sandbox().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA"
                     + " WHERE SCHEMA_NAME = 'target_only'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void theRestoredFilesBelongToTheMysqlAccount() {
        Path datadir = target.sandbox().datadir();
        // files the restarted server creates itself (binlogs, ...) belong to the user it runs as (root here)
        assertThat(Stream.of("", "ibdata1", "xtrabackup_info", "sample_shop", "sample_shop/orders.ibd",
                "sample_logs/events.MYD", "sample_logs/metrics.MAD").map(datadir::resolve).map(XtrabackupSeedTest::owner))
                .containsOnly("mysql");
    }

    @Test
    void theBackupToolGotItsCredentialsFromAnOptionFileOnly() {
        assertThat(restoredToolCommand).contains("--defaults-extra-file=").contains("--backup")
                .doesNotContain(SandboxSettings.DEFAULT_PASSWORD).doesNotContain("--password");
    }

    @Test
    void noOptionFileIsLeftBehindOnTheSource() throws Exception {
        try (Stream<Path> files = Files.walk(source.paths().stateDir())) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".cnf")))
                    .isEmpty();
        }
    }

    @Test
    void backupProgressCountsEveryStreamedByte() {
        assertThat(bytesReceived).isGreaterThan(1_000_000);
        assertThat(backupReports.getLast().done()).isEqualTo(bytesReceived);
    }

    @Test
    void restoreRemovesTheLockFileAndCleanupTheSourcesWorkDir() {
        assertThat(lockFileAfterRestore).isFalse();
        assertThat(sourceWorkDirAfterCleanup).isFalse();
    }

    private static boolean mbstreamRunning() {
        return ProcessHandle.current().descendants()
                .anyMatch(p -> p.isAlive() && p.info().command().orElse("").endsWith("/mbstream"));
    }

    private static String owner(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class).owner().getName();
        } catch (java.io.IOException e) {
            return "unreadable: " + e;
        }
    }

    /** The source's binlog position and MariaDB GTID position. */
    record MasterStatus(String file, long position, String gtidBinlogPos) {

        static MasterStatus of(SandboxAgent host) throws Exception {
            try (Connection c = host.sandbox().dataSource().getConnection(); Statement s = c.createStatement()) {
                String file;
                long position;
                try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                    rs.next();
                    file = rs.getString(1);
                    position = rs.getLong(2);
                }
                try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                    rs.next();
                    return new MasterStatus(file, position, rs.getString(1));
                }
            }
        }
    }
}
