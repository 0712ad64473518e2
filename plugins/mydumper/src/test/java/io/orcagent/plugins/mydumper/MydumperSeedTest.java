package io.orcagent.plugins.mydumper;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.plugins.seedsupport.testing.MariaDbServer;
import io.orcagent.plugins.seedsupport.testing.RecordingProgressSink;
import io.orcagent.plugins.seedsupport.testing.SampleData;
import io.orcagent.plugins.seedsupport.testing.TestPluginContext;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole Mydumper seed between two real MariaDB servers (source 127.0.0.2, target 127.0.0.3), each
 * with its own agent context, driven stage by stage as orchestrator would. The seed runs once; each
 * test checks one of its outcomes.
 */
class MydumperSeedTest {

    private static final long SEED = 43;
    private static final String TARGET_SQL_MODE = "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO";

    @TempDir
    static Path dir;

    private static MariaDbServer source;
    private static MariaDbServer target;
    private static TestPluginContext targetAgent;
    private static MariaDbServer.MasterStatus sourceStatusAtDump;
    private static Map<String, Long> sourceChecksums;
    private static BinlogCoordinates coordinates;
    private static long dumpSize;
    private static List<RecordingProgressSink.Report> backupReports;
    private static List<RecordingProgressSink.Report> restoreReports;
    private static boolean dumpLeftAfterCleanup;
    private static String dumpDirPermissions;
    private static String backupDirPermissions;

    @BeforeAll
    static void seed() throws Exception {
        source = MariaDbServer.start(Files.createDirectories(dir.resolve("source-db")), "127.0.0.2", 1);
        target = MariaDbServer.start(Files.createDirectories(dir.resolve("target-db")), "127.0.0.3", 2);
        SampleData.load(source);
        target.sql("SET GLOBAL sql_mode = '" + TARGET_SQL_MODE + "'");
        sourceStatusAtDump = source.masterStatus();
        sourceChecksums = source.userTableChecksums();

        TestPluginContext sourceAgent = new TestPluginContext("mydumper", Map.of(), source, dir.resolve("source-agent"),
                RuntimeStages.RUNNER);
        targetAgent = new TestPluginContext("mydumper", Map.of(), target, dir.resolve("target-agent"),
                RuntimeStages.RUNNER);
        SeedMethod onSource = new MydumperMethodFactory().create(sourceAgent);
        SeedMethod onTarget = new MydumperMethodFactory().create(targetAgent);

        onTarget.prepare(RuntimeStages.stage(SEED, Stage.PREPARE, Side.TARGET));
        onSource.prepare(RuntimeStages.stage(SEED, Stage.PREPARE, Side.SOURCE));
        Files.delete(targetAgent.paths().backupDir()); // empty: Backup creates it
        TestStageContext backup = RuntimeStages.backup(SEED, Side.TARGET, new Peer(source.address(), source.port()));
        onTarget.backup(backup);
        dumpDirPermissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(dumpDir()));
        backupDirPermissions = PosixFilePermissions.toString(
                Files.getPosixFilePermissions(targetAgent.paths().backupDir()));
        try (Stream<Path> files = Files.walk(dumpDir())) {
            dumpSize = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        TestStageContext restore = RuntimeStages.stage(SEED, Stage.RESTORE, Side.TARGET);
        onTarget.restore(restore);
        coordinates = onTarget.metadata(RuntimeStages.stage(SEED, Stage.CONNECT_SLAVE, Side.TARGET));
        onTarget.cleanup(RuntimeStages.stage(SEED, Stage.CLEANUP, Side.TARGET));
        onSource.cleanup(RuntimeStages.stage(SEED, Stage.CLEANUP, Side.SOURCE));
        dumpLeftAfterCleanup = Files.exists(dumpDir());
        backupReports = backup.recorded().reports();
        restoreReports = restore.recorded().reports();
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
    void everyRestoredTableHasTheSourcesChecksum() throws Exception {
        assertThat(sourceChecksums).containsKeys("shop.items", "shop.audit", "crm.notes");
        assertThat(target.userTableChecksums()).isEqualTo(sourceChecksums);
    }

    @Test
    void viewsRoutinesTriggersAndEventsAreRestored() throws Exception {
        assertThat(SampleData.schemaObjects(target))
                .containsExactlyElementsOf(SampleData.schemaObjects(source))
                .contains("routine shop.touch", "routine shop.twice", "trigger shop.items_ai", "event shop.nightly",
                        "view shop.cheap");
    }

    @Test
    void everyRowArrives() throws Exception {
        String count = "SELECT COUNT(*) FROM shop.items";
        assertThat(source.sql(count).strip()).isEqualTo(String.valueOf(SampleData.ITEMS));
        assertThat(target.sql(count).strip()).isEqualTo(String.valueOf(SampleData.ITEMS));
    }

    @Test
    void theIdZeroRowKeepsItsId() throws Exception {
        assertThat(target.sql("SELECT name FROM shop.items WHERE id = 0").strip()).isEqualTo("the id-0 row");
    }

    @Test
    void theTargetsSqlModeIsPutBackAfterTheLoad() throws Exception {
        assertThat(target.sql("SELECT @@GLOBAL.sql_mode").strip()).isEqualTo(TARGET_SQL_MODE);
    }

    @Test
    void metadataIsTheSourcesBinlogPositionAtDumpTime() {
        assertThat(coordinates).isEqualTo(new BinlogCoordinates(sourceStatusAtDump.file(),
                sourceStatusAtDump.position(), "", sourceStatusAtDump.gtidBinlogPos()));
    }

    @Test
    void backupProgressEndsAtTheDumpDirectorysSize() {
        assertThat(backupReports.getLast().done()).isEqualTo(dumpSize);
        assertThat(backupReports).anyMatch(report -> report.total() > 0);
    }

    @Test
    void restoreProgressFollowsTheBytesTheServerReceived() {
        // the SQL text of the dump crosses the wire once, plus protocol overhead
        assertThat(restoreReports.getLast().done()).isBetween(dumpSize * 9 / 10, dumpSize * 2);
    }

    @Test
    void theDumpHoldsPasswordHashesSoOnlyTheAgentsUserCanReadItsDirectory() {
        assertThat(dumpDirPermissions).isEqualTo("rwx------");
        assertThat(backupDirPermissions).isEqualTo("rwx------");
    }

    @Test
    void cleanupRemovesTheDumpDirectory() {
        assertThat(dumpSize).isPositive();
        assertThat(dumpLeftAfterCleanup).isFalse();
    }

    @Test
    void noOptionFileWithCredentialsIsLeftBehind() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("target-agent/state"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static Path dumpDir() {
        return targetAgent.paths().backupDir().resolve(MydumperMethod.DUMP_DIR);
    }
}
