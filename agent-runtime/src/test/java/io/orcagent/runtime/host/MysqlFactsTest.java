package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MysqlFactsTest {

    @TempDir
    static Path dir;

    static MariaDbSandbox server;
    static MysqlFacts facts;

    @BeforeAll
    static void startServerWithSchemas() throws Exception {
        server = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("server"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 1));
        facts = new MysqlFacts(server.dataSource());
        try (Connection connection = server.dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            for (String engine : new String[] {"InnoDB", "MyISAM", "Aria"}) {
                String schema = "facts_" + engine.toLowerCase();
                sql.execute("CREATE DATABASE " + schema);
                sql.execute("CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=" + engine);
                sql.execute("INSERT INTO " + schema + ".t SELECT seq, REPEAT('x', 200) FROM " + schema + ".seq_1_to_2000");
            }
            sql.execute("CREATE DATABASE facts_mixed");
            sql.execute("CREATE TABLE facts_mixed.a (id INT PRIMARY KEY) ENGINE=Aria");
            sql.execute("CREATE TABLE facts_mixed.i (id INT PRIMARY KEY) ENGINE=InnoDB");
            sql.execute("CREATE TABLE facts_mixed.m (id INT PRIMARY KEY) ENGINE=MyISAM");
            sql.execute("CREATE TABLE facts_mixed.m2 (id INT PRIMARY KEY) ENGINE=MyISAM");
            sql.execute("CREATE VIEW facts_mixed.v AS SELECT id FROM facts_mixed.i");
            sql.execute("CREATE DATABASE facts_empty");
            sql.execute("ANALYZE TABLE facts_innodb.t, facts_myisam.t, facts_aria.t");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void systemSchemasAreNotReported() throws Exception {
        assertThat(facts.databases()).doesNotContainKeys("information_schema", "mysql", "performance_schema", "sys");
    }

    @Test
    void eachDatabaseListsTheRealEngineNamesOfItsTablesOnce() throws Exception {
        Map<String, MysqlDatabase> databases = facts.databases();
        assertThat(databases.get("facts_mixed").engines()).containsExactly("Aria", "InnoDB", "MyISAM");
        assertThat(databases.get("facts_aria").engines()).containsExactly("Aria");
    }

    @Test
    void tablesOfEveryEngineHaveANonZeroSize() throws Exception {
        Map<String, MysqlDatabase> databases = facts.databases();
        assertThat(databases.get("facts_innodb").sizeBytes()).isGreaterThan(0);
        assertThat(databases.get("facts_myisam").sizeBytes()).isGreaterThan(2000L * 200);
        assertThat(databases.get("facts_aria").sizeBytes()).isGreaterThan(2000L * 200);
    }

    @Test
    void aDatabaseWithoutTablesHasNoEnginesAndSizeZero() throws Exception {
        assertThat(facts.databases().get("facts_empty")).isEqualTo(new MysqlDatabase(java.util.List.of(), 0));
    }

    @Test
    void databasesAreSortedByName() throws Exception {
        assertThat(facts.databases().keySet()).containsSubsequence("facts_aria", "facts_empty", "facts_innodb",
                "facts_mixed", "facts_myisam");
    }

    @Test
    void theDatadirIsTheServersAbsoluteDatadir() throws Exception {
        assertThat(facts.datadir()).isEqualTo(server.datadir()).isAbsolute();
    }

    @Test
    void theRawDatadirVariableKeepsItsTrailingSlashAsTheGoAgentReportedIt() throws Exception {
        assertThat(facts.datadirVariable()).isEqualTo(server.datadir() + "/");
    }

    @Test
    void logErrorIsTheConfiguredErrorLog() throws Exception {
        assertThat(facts.logError()).isEqualTo(server.errorLog().toString());
    }

    @Test
    void theVersionIsMariaDb() throws Exception {
        assertThat(facts.version()).contains("MariaDB");
    }
}
