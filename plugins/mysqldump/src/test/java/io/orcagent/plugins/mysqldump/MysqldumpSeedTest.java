package io.orcagent.plugins.mysqldump;

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
 * A whole Mysqldump seed between two real MariaDB servers (source 127.0.0.2, target 127.0.0.3), each
 * with its own agent context, driven stage by stage as orchestrator would. The seed runs once; each
 * test checks one of its outcomes.
 */
class MysqldumpSeedTest {

    private static final long SEED = 42;

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
    private static String dumpPermissions;
    private static String backupDirPermissions;

    @BeforeAll
    static void seed() throws Exception {
        source = MariaDbServer.start(Files.createDirectories(dir.resolve("source-db")), "127.0.0.2", 1);
        target = MariaDbServer.start(Files.createDirectories(dir.resolve("target-db")), "127.0.0.3", 2);
        SampleData.load(source);
        sourceStatusAtDump = source.masterStatus();
        sourceChecksums = source.userTableChecksums();

        TestPluginContext sourceAgent = new TestPluginContext("mysqldump", Map.of(), source, dir.resolve("source-agent"),
                RuntimeStages.RUNNER);
        targetAgent = new TestPluginContext("mysqldump", Map.of(), target, dir.resolve("target-agent"),
                RuntimeStages.RUNNER);
        SeedMethod onSource = new MysqldumpMethodFactory().create(sourceAgent);
        SeedMethod onTarget = new MysqldumpMethodFactory().create(targetAgent);

        onTarget.prepare(RuntimeStages.stage(SEED, Stage.PREPARE, Side.TARGET));
        onSource.prepare(RuntimeStages.stage(SEED, Stage.PREPARE, Side.SOURCE));
        Files.delete(targetAgent.paths().backupDir()); // empty: Backup creates it
        TestStageContext backup = RuntimeStages.backup(SEED, Side.TARGET, new Peer(source.address(), source.port()));
        onTarget.backup(backup);
        dumpSize = Files.size(dumpFile());
        dumpPermissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(dumpFile()));
        backupDirPermissions = PosixFilePermissions.toString(
                Files.getPosixFilePermissions(targetAgent.paths().backupDir()));
        TestStageContext restore = RuntimeStages.stage(SEED, Stage.RESTORE, Side.TARGET);
        onTarget.restore(restore);
        coordinates = onTarget.metadata(RuntimeStages.stage(SEED, Stage.CONNECT_SLAVE, Side.TARGET));
        onTarget.cleanup(RuntimeStages.stage(SEED, Stage.CLEANUP, Side.TARGET));
        onSource.cleanup(RuntimeStages.stage(SEED, Stage.CLEANUP, Side.SOURCE));
        dumpLeftAfterCleanup = Files.exists(dumpFile());
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
    void metadataIsTheSourcesBinlogPositionAtDumpTime() {
        assertThat(coordinates).isEqualTo(new BinlogCoordinates(sourceStatusAtDump.file(),
                sourceStatusAtDump.position(), "", sourceStatusAtDump.gtidBinlogPos()));
    }

    @Test
    void theMariadbGtidPositionIsReportedApartFromGtidExecuted() {
        assertThat(coordinates.mariadbGtidPosition()).matches("0-1-[0-9]+");
        assertThat(coordinates.gtidExecuted()).isEmpty();
    }

    @Test
    void backupProgressEndsAtTheDumpSizeWithTheSourceSizeAsEstimate() {
        RecordingProgressSink.Report last = backupReports.getLast();
        assertThat(last.done()).isEqualTo(dumpSize);
        assertThat(backupReports).anyMatch(report -> report.total() > 0);
    }

    @Test
    void restoreProgressCountsEveryByteOfTheDump() {
        assertThat(restoreReports.getLast()).isEqualTo(new RecordingProgressSink.Report(dumpSize, dumpSize));
    }

    @Test
    void theDumpHoldsPasswordHashesSoOnlyTheAgentsUserCanReadItOrItsNewDirectory() {
        assertThat(dumpPermissions).isEqualTo("rw-------");
        assertThat(backupDirPermissions).isEqualTo("rwx------");
    }

    @Test
    void cleanupRemovesTheDump() {
        assertThat(dumpSize).isPositive();
        assertThat(dumpLeftAfterCleanup).isFalse();
    }

    @Test
    void noOptionFileWithCredentialsIsLeftBehind() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("target-agent/state"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static Path dumpFile() {
        return targetAgent.paths().backupDir().resolve(MysqldumpMethod.DUMP_FILE);
    }
}
