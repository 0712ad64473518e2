package io.orcagent.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.plugins.InvokedSeedMethod;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.runtime.plugins.PluginStatus;
import io.orcagent.runtime.plugins.SeedMethodStatus;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.testkit.PluginHarness;
import io.orcagent.testkit.TestingMysqlAccess;
import io.orcagent.testkit.TestingPluginContext;
import io.orcagent.testkit.TestingStageContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin loaded from this module's build output exactly as the agent loads it. */
class ExamplePluginTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void exampleIsDisabledByDefault() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET, TestingPluginContext.builder())) {
            PluginStatus status = harness.status();

            assertThat(status.id()).isEqualTo("example");
            assertThat(status.state()).isEqualTo(PluginState.DISABLED);
            assertThat(harness.snapshot().seedMethods()).isEmpty();
        }
    }

    @Test
    void enabledExampleWithoutDatabasesIsUnavailableAndSaysWhy() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true))) {

            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Example", true, false,
                    "no databases configured: set databases = [\"db1\", …] in [example]"));
        }
    }

    @Test
    void configuredExampleIsOfferedWithItsFacts() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true).set("databases", List.of("shop")))) {

            assertThat(harness.snapshot().availableSeedMethods())
                    .containsEntry("Example", new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES));
            assertThat(harness.context().section().unreadKeys()).isEmpty();
        }
    }

    @Test
    void misspeltKeyMarksThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true).set("databse", List.of("shop")))) {

            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).isEqualTo("unknown key in [example]: databse");
        }
    }

    @Test
    void databaseNameThatIsNotAPlainNameIsRejected() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true).set("databases", List.of("shop; drop")))) {

            assertThat(harness.status().error())
                    .isEqualTo("invalid [example] databases: 'shop; drop' is not a plain database name");
        }
    }

    @Test
    void exampleSeedCopiesTheDatabasesAndReportsTheSourcesCoordinates() throws Exception {
        try (MariaDbSandbox source = MariaDbSandbox.start(SandboxSettings.of(temp.resolve("source"), "127.0.0.61",
                MariaDbSandbox.freePort("127.0.0.61"), 61));
             MariaDbSandbox target = MariaDbSandbox.start(SandboxSettings.of(temp.resolve("target"), "127.0.0.62",
                     MariaDbSandbox.freePort("127.0.0.62"), 62))) {
            new SampleDataset(300).load(source.dataSource());
            ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
            TestingPluginContext.Builder context = TestingPluginContext.builder()
                    .set("enabled", true)
                    .set("databases", SampleDataset.SCHEMAS)
                    .set("local-host", target.address())
                    .commands(runner)
                    .mysql(TestingMysqlAccess.of(target, temp.resolve("state/tmp")))
                    .paths(new AgentPaths(temp.resolve("backup"), temp.resolve("state"), target.datadir()));

            try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET, context)) {
                InvokedSeedMethod example = harness.seedMethod("Example");
                Peer peer = new Peer(source.address(), source.port());
                example.prepare(stage(Stage.PREPARE, Optional.empty(), runner));
                TestingStageContext backup = stage(Stage.BACKUP, Optional.of(peer), runner);
                example.backup(backup);
                example.restore(stage(Stage.RESTORE, Optional.empty(), runner));
                BinlogCoordinates coordinates = example.metadata(stage(Stage.CONNECT_SLAVE, Optional.empty(), runner));

                assertThat(Checksums.of(target.dataSource())).isEqualTo(Checksums.of(source.dataSource())).isNotEmpty();
                assertThat(coordinates).isEqualTo(masterStatus(source));
                assertThat(backup.steps()).containsExactly("Dumping sample_shop, sample_logs, sample_misc from "
                        + source.address());
                example.cleanup(stage(Stage.CLEANUP, Optional.empty(), runner));
                assertThat(temp.resolve("backup/example/seed-7.sql")).doesNotExist();
            } finally {
                runner.shutdown();
            }
        }
    }

    private static TestingStageContext stage(Stage stage, Optional<Peer> peer, ProcessCommandRunner runner) {
        return new TestingStageContext(7, stage, Side.TARGET, peer, runner);
    }

    private static BinlogCoordinates masterStatus(MariaDbSandbox server) throws Exception {
        try (Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW MASTER STATUS")) {
            rows.next();
            return BinlogCoordinates.positional(rows.getString(1), rows.getLong(2));
        }
    }
}
