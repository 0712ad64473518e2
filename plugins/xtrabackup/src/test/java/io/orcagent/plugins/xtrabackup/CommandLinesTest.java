package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.runtime.config.SectionConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command lines the method runs: credentials stay in the option file, which comes first. */
class CommandLinesTest {

    private static final Path OPTION_FILE = Path.of("/var/lib/orchestrator-agent/tmp/client-1.cnf");
    private static final Path WORK_DIR = Path.of("/var/backups/orchestrator-agent-xtrabackup-7");

    @Test
    void theBackupReadsCredentialsFromTheOptionFileGivenFirst() throws Exception {
        List<String> argv = lines(Map.of("xtrabackup-addtional-opts", List.of("--compress", "--parallel=4")))
                .backup(OPTION_FILE, WORK_DIR);
        assertThat(argv).containsExactly("mariabackup", "--defaults-extra-file=" + OPTION_FILE, "--backup",
                "--stream=xbstream", "--target-dir=" + WORK_DIR, "--compress", "--parallel=4");
    }

    @Test
    void theBackupCommandLineHoldsNoCredentials() throws Exception {
        List<String> argv = lines(Map.of()).backup(OPTION_FILE, WORK_DIR);
        assertThat(argv).noneMatch(arg -> arg.startsWith("--password") || arg.startsWith("-p")
                || arg.startsWith("--user") || arg.startsWith("--host") || arg.startsWith("--port"));
    }

    @Test
    void decompressionUsesThisSidesParallelAndRemovesTheOriginalsWhenSupported() throws Exception {
        ToolCommandLines lines = lines(Map.of("xtrabackup-addtional-opts", List.of("--parallel 3")));
        assertThat(lines.decompress(Path.of("/var/lib/mysql"), true)).containsExactly("mariabackup", "--decompress",
                "--parallel=3", "--remove-original", "--target-dir=/var/lib/mysql");
        assertThat(lines.decompress(Path.of("/var/lib/mysql"), false)).containsExactly("mariabackup", "--decompress",
                "--parallel=3", "--target-dir=/var/lib/mysql");
    }

    @Test
    void theDecompressorIsNamedAfterTheCompressedFilesSuffix() {
        assertThat(ToolCommandLines.decompressor("ibdata1.qp")).isEqualTo("qpress");
        assertThat(ToolCommandLines.decompressor("shop/orders.ibd.zst")).isEqualTo("zstd");
        assertThat(ToolCommandLines.decompressor("shop/orders.ibd.lz4")).isEqualTo("lz4");
    }

    @Test
    void prepareWorksOnTheDatadirItself() throws Exception {
        assertThat(lines(Map.of()).prepare(Path.of("/var/lib/mysql")))
                .containsExactly("mariabackup", "--prepare", "--target-dir=/var/lib/mysql");
    }

    private static ToolCommandLines lines(Map<String, Object> section) throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup", section));
        BackupTool tool = BackupTool.of("mariabackup", "mariabackup based on MariaDB server 10.11.19-MariaDB", settings, true);
        return new ToolCommandLines(tool, settings);
    }
}
