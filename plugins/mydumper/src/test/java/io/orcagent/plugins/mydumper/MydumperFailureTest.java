package io.orcagent.plugins.mydumper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.CommandFailedException;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.plugins.seedsupport.testing.MariaDbServer;
import io.orcagent.plugins.seedsupport.testing.TestPluginContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the Mydumper stages fail, against one real target server (127.0.0.3): with the tool's own words,
 * and never leaving the server's {@code sql_mode} changed.
 */
class MydumperFailureTest {

    private static final String TARGET_SQL_MODE = "STRICT_ALL_TABLES,NO_ZERO_DATE";

    @TempDir
    static Path dir;

    private static MariaDbServer target;
    private static TestPluginContext agent;
    private static SeedMethod method;

    @BeforeAll
    static void startTarget() throws Exception {
        target = MariaDbServer.start(Files.createDirectories(dir.resolve("target-db")), "127.0.0.3", 2);
        agent = new TestPluginContext("mydumper", Map.of(), target, dir.resolve("agent"), RuntimeStages.RUNNER);
        method = new MydumperMethodFactory().create(agent);
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void setTargetSqlMode() throws Exception {
        target.sql("SET GLOBAL sql_mode = '" + TARGET_SQL_MODE + "'");
        method.prepare(RuntimeStages.stage(1, Stage.PREPARE, Side.TARGET));
    }

    @Test
    void aFailedLoadReportsMyloadersErrorAndPutsTheSqlModeBack() throws Exception {
        Path dump = Files.createDirectories(dumpDir());
        Files.writeString(dump.resolve("metadata"), "SHOW MASTER STATUS:\n\tLog: mysql-bin.000001\n\tPos: 4\n\tGTID:\n\n");
        Files.writeString(dump.resolve("brk-schema-create.sql"), "CREATE DATABASE `brk`;\n");
        Files.writeString(dump.resolve("brk.t-schema.sql"), "THIS IS NOT SQL;\n");
        assertThatThrownBy(() -> method.restore(RuntimeStages.stage(2, Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("myloader exited with 1")
                .hasMessageContaining("syntax");
        assertThat(target.sql("SELECT @@GLOBAL.sql_mode").strip()).isEqualTo(TARGET_SQL_MODE);
        target.sql("DROP DATABASE IF EXISTS brk");
    }

    @Test
    void aRejectedLoaderOptionStillPutsTheSqlModeBack() throws Exception {
        Files.createDirectories(dumpDir());
        SeedMethod withBadOption = new MydumperMethodFactory().create(new TestPluginContext("mydumper",
                Map.of("myloader-additional-opts", List.of("--threads notanumber")), target, dir.resolve("agent"),
                RuntimeStages.RUNNER));
        assertThatThrownBy(() -> withBadOption.restore(RuntimeStages.stage(3, Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("notanumber");
        assertThat(target.sql("SELECT @@GLOBAL.sql_mode").strip()).isEqualTo(TARGET_SQL_MODE);
    }

    @Test
    void aRestoreWithoutADumpFailsBeforeTouchingTheSqlMode() {
        assertThatThrownBy(() -> method.restore(RuntimeStages.stage(4, Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Backup stage has not completed");
    }

    @Test
    void aBackupFromAnUnreachableSourceFailsWithMydumpersError() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> method.backup(RuntimeStages.backup(5, Side.TARGET, new Peer("127.0.0.2", closedPort))))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Error connecting to database");
    }

    @Test
    void metadataOfAGarbledDumpIsAClearError() throws Exception {
        Files.createDirectories(dumpDir());
        Files.writeString(dumpDir().resolve("metadata"), "Started dump at: x\nFinished dump at: y\n");
        assertThatThrownBy(() -> method.metadata(RuntimeStages.stage(6, Stage.CONNECT_SLAVE, Side.TARGET)))
                .hasMessageContaining("no SHOW MASTER STATUS block");
    }

    @Test
    void cleanupRemovesAHalfWrittenDump() throws Exception {
        Files.createDirectories(dumpDir().resolve("partial"));
        Files.writeString(dumpDir().resolve("partial/shop.items.sql"), "INSERT");
        method.cleanup(RuntimeStages.stage(7, Stage.CLEANUP, Side.TARGET));
        assertThat(dumpDir()).doesNotExist();
    }

    private static Path dumpDir() {
        return agent.paths().backupDir().resolve(MydumperMethod.DUMP_DIR);
    }
}
