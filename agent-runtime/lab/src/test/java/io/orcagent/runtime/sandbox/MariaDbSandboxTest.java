package io.orcagent.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MariaDbSandboxTest {

    @TempDir
    static Path dir;

    static MariaDbSandbox first;
    static MariaDbSandbox second;

    @BeforeAll
    static void startTwoServersConcurrently() throws Exception {
        CompletableFuture<MariaDbSandbox> a = CompletableFuture.supplyAsync(() -> start("one", "127.0.0.2", 1));
        CompletableFuture<MariaDbSandbox> b = CompletableFuture.supplyAsync(() -> start("two", "127.0.0.3", 2));
        first = a.join();
        second = b.join();
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> load(first)),
                CompletableFuture.runAsync(() -> load(second))).join();
    }

    @AfterAll
    static void stopServers() {
        if (first != null) {
            first.stop();
        }
        if (second != null) {
            second.stop();
        }
    }

    @Test
    void eachServerAnswersOnItsOwnLoopbackAddress() throws Exception {
        assertThat(query(first, "SELECT @@bind_address")).isEqualTo("127.0.0.2");
        assertThat(query(second, "SELECT @@bind_address")).isEqualTo("127.0.0.3");
        assertThat(query(first, "SELECT @@server_id")).isEqualTo("1");
        assertThat(query(second, "SELECT @@server_id")).isEqualTo("2");
    }

    @Test
    void binaryLogIsOnInRowFormatAndDataStaysInTheSandboxDirectory() throws Exception {
        assertThat(query(first, "SELECT @@log_bin")).isEqualTo("1");
        assertThat(query(first, "SELECT @@binlog_format")).isEqualTo("ROW");
        assertThat(Path.of(query(first, "SELECT @@datadir"))).isEqualTo(first.datadir());
        assertThat(first.datadir()).startsWith(dir);
        assertThat(Path.of(query(first, "SELECT @@tmpdir"))).startsWith(dir);
    }

    @Test
    void anonymousUsersAreGoneAndTheReplicationAccountExists() throws Exception {
        assertThat(query(first, "SELECT COUNT(*) FROM mysql.user WHERE User = ''")).isEqualTo("0");
        try (Connection connection = first.dataSource(SandboxSettings.DEFAULT_REPLICATION_USER,
                SandboxSettings.DEFAULT_REPLICATION_PASSWORD).getConnection();
             Statement statement = connection.createStatement();
             ResultSet grants = statement.executeQuery("SHOW GRANTS")) {
            grants.next();
            assertThat(grants.getString(1)).contains("REPLICATION SLAVE");
        }
    }

    @Test
    void theSameDatasetGivesTheSameChecksumsOnBothServers() throws Exception {
        Map<String, Long> one = Checksums.of(first.dataSource());
        Map<String, Long> two = Checksums.of(second.dataSource());
        assertThat(one).containsKeys("sample_shop.orders", "sample_logs.events", "sample_logs.metrics",
                "sample_logs.raw_lines", "sample_misc.binaries");
        assertThat(one).doesNotContainKey("sample_shop.customer_totals"); // a view has no checksum
        assertThat(one).isEqualTo(two);
        assertThat(Checksums.of(first.dataSource())).isEqualTo(one);
    }

    @Test
    void checksumsDifferAfterARowChanges() throws Exception {
        Map<String, Long> before = Checksums.of(second.dataSource());
        try (Connection connection = second.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE sample_logs.events SET message = 'changed' WHERE id = 1");
        }
        Map<String, Long> after = Checksums.of(second.dataSource());
        assertThat(after.get("sample_logs.events")).isNotEqualTo(before.get("sample_logs.events"));
        assertThat(after.get("sample_shop.orders")).isEqualTo(before.get("sample_shop.orders"));
    }

    @Test
    void datasetHasEveryKindOfObjectASeedMustCarry() throws Exception {
        assertThat(query(first, "SELECT GROUP_CONCAT(DISTINCT ENGINE ORDER BY ENGINE) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA LIKE 'sample\\_%' AND TABLE_TYPE = 'BASE TABLE'"))
                .isEqualTo("Aria,InnoDB,MyISAM");
        assertThat(query(first, "SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'sample_shop'"))
                .isEqualTo("1");
        assertThat(query(first, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'sample_shop'"))
                .isEqualTo("1");
        assertThat(query(first, "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'sample_shop'"))
                .isEqualTo("2");
        assertThat(query(first, "SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = 'sample_shop'"))
                .isEqualTo("1");
        assertThat(query(first, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'sample_logs'"
                + " AND TABLE_NAME = 'raw_lines'")).isEqualTo("0");
        assertThat(query(first, "SELECT body FROM sample_misc.texts WHERE id = 6")).isEqualTo("emoji 😀🚀🎉👩‍👩‍👧");
        assertThat(query(first, "SELECT COUNT(*) FROM sample_shop.orders")).isEqualTo("2000");
        assertThat(query(first, "SELECT sample_shop.order_value(1) > 0")).isEqualTo("1");
    }

    @Test
    void stopLeavesNoServerProcess() throws Exception {
        Path thirdDir = dir.resolve("three");
        MariaDbSandbox third = MariaDbSandbox.start(SandboxSettings.of(thirdDir, "127.0.0.4",
                MariaDbSandbox.freePort("127.0.0.4"), 3));
        long pid = third.pid();
        assertThat(ProcessHandle.of(pid)).isPresent();
        third.stop();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(third.running()).isFalse();
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(thirdDir.toString())))
                .isEmpty();
        assertThat(third.errorLog()).content().contains("Shutdown complete");
    }

    @Test
    void aStoppedSandboxStartsAgainOnItsExistingData() throws Exception {
        Path fourthDir = dir.resolve("four");
        SandboxSettings settings = SandboxSettings.of(fourthDir, "127.0.0.5", MariaDbSandbox.freePort("127.0.0.5"), 4);
        try (MariaDbSandbox fourth = MariaDbSandbox.start(settings)) {
            try (Connection connection = fourth.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE kept");
            }
        }
        try (MariaDbSandbox again = MariaDbSandbox.start(settings)) {
            assertThat(query(again, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'kept'"))
                    .isEqualTo("1");
        }
    }

    private static MariaDbSandbox start(String name, String address, int serverId) {
        try {
            return MariaDbSandbox.start(SandboxSettings.of(dir.resolve(name), address,
                    MariaDbSandbox.freePort(address), serverId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void load(MariaDbSandbox sandbox) {
        try {
            new SampleDataset(2000).load(sandbox.dataSource());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(MariaDbSandbox sandbox, String sql) throws Exception {
        try (Connection connection = sandbox.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
