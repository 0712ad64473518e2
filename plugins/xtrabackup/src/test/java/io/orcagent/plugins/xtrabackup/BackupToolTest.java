package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.SeedMethodInfo;
import io.orcagent.runtime.config.SectionConfig;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tool family a backup program is, its extractor and the engines it is reported to copy. */
class BackupToolTest {

    private static final List<String> WITHOUT_ROCKSDB = List.of("MRG_MYISAM", "CSV", "BLACKHOLE", "InnoDB", "MEMORY",
            "ARCHIVE", "MyISAM", "FEDERATED");

    @Test
    void xtrabackupBeforeEightCopiesTheEightEnginesOfTheGoAgent() throws Exception {
        BackupTool tool = BackupTool.of("xtrabackup",
                "xtrabackup version 2.4.29 based on MySQL server 5.7.44 Linux (x86_64) (revision id: 2e6c0951)", defaults(),
                true);
        assertThat(tool.flavour()).isEqualTo(BackupTool.Flavour.XTRABACKUP);
        assertThat(tool.extractor()).isEqualTo("xbstream");
        assertThat(tool.supportedEngines()).containsExactlyElementsOf(WITHOUT_ROCKSDB);
    }

    @Test
    void xtrabackupEightAlsoCopiesMyRocks() throws Exception {
        BackupTool tool = BackupTool.of("xtrabackup",
                "xtrabackup version 8.0.35-30 based on MySQL server 8.0.35 Linux (x86_64) (revision id: 6beb4b49)",
                defaults(), true);
        assertThat(tool.supportedEngines()).first().isEqualTo("ROCKSDB");
        assertThat(tool.supportedEngines().subList(1, 9)).containsExactlyElementsOf(WITHOUT_ROCKSDB);
    }

    @Test
    void anUnreadableXtrabackupVersionGetsTheListWithoutMyRocksInsteadOfAPanic() throws Exception {
        assertThat(BackupTool.of("xtrabackup", "something unexpected", defaults(), true).supportedEngines())
                .containsExactlyElementsOf(WITHOUT_ROCKSDB);
    }

    @Test
    void theInstalledMariabackupIsDetectedWithMbstreamAndMyRocks() throws Exception {
        ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
        try {
            BackupTool tool = BackupTool.detect(runner, defaults());
            assertThat(tool.program()).isEqualTo("mariabackup");
            assertThat(tool.autoDetected()).isTrue();
            assertThat(tool.flavour()).isEqualTo(BackupTool.Flavour.MARIABACKUP);
            assertThat(tool.extractor()).isEqualTo("mbstream");
            assertThat(tool.supportedEngines()).first().isEqualTo("ROCKSDB");
        } finally {
            runner.shutdown();
        }
    }

    @Test
    void aConfiguredExtractorWinsOverTheFlavoursOwn() throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup",
                Map.of("stream-extractor", "/opt/pxb/bin/xbstream")));
        assertThat(BackupTool.of("/usr/bin/mariabackup", "", settings, false).extractor()).isEqualTo("/opt/pxb/bin/xbstream");
    }

    @Test
    void aProgramThatCannotRunIsJudgedByItsName() throws Exception {
        assertThat(BackupTool.of("/opt/mariadb/bin/mariadb-backup", "", defaults(), false).flavour())
                .isEqualTo(BackupTool.Flavour.MARIABACKUP);
        assertThat(BackupTool.of("/opt/pxb/bin/xtrabackup", "", defaults(), false).flavour())
                .isEqualTo(BackupTool.Flavour.XTRABACKUP);
    }

    @Test
    void everyReportedEngineIsOneOrchestratorKnows() {
        assertThat(SeedMethodInfo.ALL_ENGINES).containsAll(BackupTool.ENGINES_WITH_ROCKSDB);
    }

    private static XtrabackupSettings defaults() throws Exception {
        return XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of()));
    }
}
