package io.orcagent.plugins.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Availability;
import io.orcagent.runtime.plugins.SeedMethodStatus;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.testkit.PluginHarness;
import io.orcagent.testkit.TestingMysqlAccess;
import io.orcagent.testkit.TestingPluginContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a real MariaDB 10.11 server: the clone plugin is MySQL-only, so the method must be
 * unavailable, saying so with the server's version.
 */
class CloneProbeOnMariaDbTest {

    private static final String ADDRESS = "127.0.0.71";

    @TempDir
    static Path dir;

    private static MariaDbSandbox mariadb;
    private static String version;

    @BeforeAll
    static void startMariaDb() throws Exception {
        mariadb = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("mariadb"), ADDRESS,
                MariaDbSandbox.freePort(ADDRESS), 71));
        try (Connection connection = mariadb.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT VERSION()")) {
            row.next();
            version = row.getString(1);
        }
    }

    @AfterAll
    static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void theProbeOnMariaDbSaysTheClonePluginIsMysqlOnly() {
        Availability availability = CloneProbe.check(mariadb.dataSource());

        assertThat(version).contains("MariaDB");
        assertThat(availability).isEqualTo(Availability.unavailable(
                "the clone plugin exists only in MySQL 8.0.17+; this server is MariaDB " + version));
    }

    @Test
    void theLoadedPluginReportsTheMethodUnavailableOnMariaDbWithTheReason() throws Exception {
        TestingPluginContext.Builder context = TestingPluginContext.builder().set("enabled", true)
                .mysql(TestingMysqlAccess.of(mariadb, dir.resolve("state/tmp")));

        try (PluginHarness harness = PluginHarness.loadBuildOutput(Path.of("target"), context)) {
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("ClonePlugin", true, false,
                    "the clone plugin exists only in MySQL 8.0.17+; this server is MariaDB " + version));
        }
    }
}
