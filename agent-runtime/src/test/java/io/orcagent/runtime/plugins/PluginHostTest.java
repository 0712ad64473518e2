package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin host loading real plugin jars, built at test time, through PF4J. */
class PluginHostTest {

    @TempDir
    Path temp;

    private final List<PluginHost> hosts = new ArrayList<>();

    @AfterEach
    void closeHosts() {
        hosts.forEach(PluginHost::close);
    }

    private Path plugins() {
        return temp.resolve("plugins");
    }

    private PluginSnapshot start(Map<String, Map<String, Object>> sections) {
        PluginHost host = new PluginHost(plugins(), TestingPluginContext.factory(sections));
        hosts.add(host);
        return host.start();
    }

    private PluginSnapshot start() {
        return start(Map.of());
    }

    private static PluginStatus status(PluginSnapshot snapshot, String id) {
        return snapshot.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id + " in " + snapshot.plugins()));
    }

    @Test
    void goodPluginIsStartedAndItsSeedMethodIsOffered() {
        TestPlugins.fixture("good").into(plugins());

        PluginSnapshot snapshot = start();

        PluginStatus good = status(snapshot, "good");
        assertThat(good.state()).isEqualTo(PluginState.STARTED);
        assertThat(good.version()).isEqualTo("1.2.3");
        assertThat(good.error()).isNull();
        assertThat(good.seedMethods()).containsExactly(new SeedMethodStatus("Good", true, true, ""));
        assertThat(snapshot.availableSeedMethods())
                .containsExactly(Map.entry("Good", new SeedMethodInfo(Side.TARGET, false, List.of("InnoDB", "MyISAM"))));
        assertThat(snapshot.seedMethod("Good")).get().extracting(InvokedSeedMethod::pluginId).isEqualTo("good");
    }

    @Test
    void goodPluginContributesAWorkingCommandExecutorAndSnapshotProvider() throws Exception {
        TestPlugins.fixture("good").into(plugins());

        PluginSnapshot snapshot = start();

        assertThat(status(snapshot, "good").snapshotProviders()).containsExactly("goodsnap");
        assertThat(status(snapshot, "good").commandExecutors()).containsExactly("goodexec");
        assertThat(snapshot.snapshotProvider("goodsnap").orElseThrow().list("")).isEmpty();
        Process process = snapshot.commandExecutor("goodexec").orElseThrow().start(Command.of("echo", "from a plugin"));
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from a plugin\n");
        assertThat(process.waitFor()).isZero();
    }

    @Test
    void stageFailureNamesThePluginTheMethodAndTheStage() {
        TestPlugins.fixture("good").into(plugins());
        InvokedSeedMethod good = start().seedMethod("Good").orElseThrow();

        // the fixture ignores its stage context
        assertThatThrownBy(() -> good.backup(null))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("plugin good: seed method Good backup failed: backup exploded (hello)")
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(((PluginCallException) e).pluginId()).isEqualTo("good"));
    }

    @Test
    void stageRunsWithThePluginsClassLoaderAsContextClassLoader() {
        TestPlugins.fixture("good").into(plugins());
        InvokedSeedMethod good = start().seedMethod("Good").orElseThrow();
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        good.prepare(null);

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void linkageErrorInAStageArrivesAsPluginCallException() {
        TestPlugins.fixture("good").into(plugins());
        InvokedSeedMethod good = start().seedMethod("Good").orElseThrow();

        assertThatThrownBy(() -> good.restore(null))
                .isInstanceOf(PluginCallException.class)
                .hasMessageContaining("seed method Good restore failed: NoClassDefFoundError: fixture/good/GoneAtRuntime")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void metadataComesBackFromThePlugin() {
        TestPlugins.fixture("good").into(plugins());

        BinlogCoordinates coordinates = start().seedMethod("Good").orElseThrow().metadata(null);

        assertThat(coordinates).isEqualTo(BinlogCoordinates.positional("mysql-bin.000042", 4));
    }

    @Test
    void pluginWhoseFactoryThrowsFailsWithTheMessageAndOthersStillLoad() {
        TestPlugins.fixture("throwing").into(plugins());
        TestPlugins.fixture("good").into(plugins());

        PluginSnapshot snapshot = start();

        PluginStatus throwing = status(snapshot, "throwing");
        assertThat(throwing.state()).isEqualTo(PluginState.FAILED);
        assertThat(throwing.error()).isEqualTo("seed method Throwing create failed: cannot open the backup tool");
        assertThat(throwing.seedMethods()).isEmpty();
        assertThat(snapshot.seedMethods()).containsOnlyKeys("Good");
    }

    @Test
    void pluginWhoseFactoryHitsAMissingClassFailsNamingTheClass() {
        TestPlugins.fixture("linkage").omitting("fixture/linkage/Missing").into(plugins());

        PluginStatus linkage = status(start(), "linkage");

        assertThat(linkage.state()).isEqualTo(PluginState.FAILED);
        assertThat(linkage.error()).isEqualTo("seed method Linkage create failed: NoClassDefFoundError: fixture/linkage/Missing");
    }

    @Test
    void pluginBundlingItsOwnApiCopyStillWorks() {
        TestPlugins.fixture("bundled").bundlingApi().into(plugins());
        assertThat(plugins().resolve("bundled/lib/agent-api.jar")).exists();

        PluginSnapshot snapshot = start();

        assertThat(status(snapshot, "bundled").state()).isEqualTo(PluginState.STARTED);
        assertThat(snapshot.seedMethods()).containsOnlyKeys("Bundled");
    }

    @Test
    void pluginCannotSeeTheRuntimesLibrariesButSeesTheApiSlf4jAndTheJdk() {
        TestPlugins.fixture("peeking").into(plugins());

        SeedMethodStatus peeking = status(start(), "peeking").seedMethods().get(0);

        assertThat(peeking.reason().split("; ")).containsExactly(
                "ClassNotFoundException com.fasterxml.jackson.databind.ObjectMapper",
                "ClassNotFoundException com.fasterxml.jackson.databind.ObjectMapper",
                "ClassNotFoundException io.helidon.webserver.WebServer",
                "ClassNotFoundException io.helidon.webserver.WebServer",
                "ClassNotFoundException ch.qos.logback.classic.Logger",
                "ClassNotFoundException ch.qos.logback.classic.Logger",
                "ClassNotFoundException io.orcagent.runtime.plugins.PluginHost",
                "ClassNotFoundException io.orcagent.runtime.plugins.PluginHost",
                "loaded org.slf4j.LoggerFactory",
                "loaded java.sql.Connection",
                "loaded io.orcagent.api.SeedMethod");
    }

    @Test
    void methodDisabledByDefaultIsNotOfferedAndItsPluginIsDisabled() {
        TestPlugins.fixture("configurable").into(plugins());

        PluginSnapshot snapshot = start();

        PluginStatus configurable = status(snapshot, "configurable");
        assertThat(configurable.state()).isEqualTo(PluginState.DISABLED);
        assertThat(configurable.seedMethods()).containsExactly(new SeedMethodStatus("Configurable", false, false,
                "disabled by default: set enabled = true in [configurable]"));
        assertThat(snapshot.seedMethods()).isEmpty();
    }

    @Test
    void methodDisabledInConfigIsNotOffered() {
        TestPlugins.fixture("good").into(plugins());

        PluginSnapshot snapshot = start(Map.of("good", Map.of("enabled", false)));

        assertThat(status(snapshot, "good").seedMethods())
                .containsExactly(new SeedMethodStatus("Good", false, false, "disabled: [good] enabled = false"));
        assertThat(snapshot.seedMethods()).isEmpty();
    }

    @Test
    void methodEnabledInConfigIsOfferedWithItsSettingsBound() {
        TestPlugins.fixture("configurable").into(plugins());

        PluginSnapshot snapshot = start(Map.of("configurable", Map.of("enabled", true, "threads", 4L)));

        assertThat(status(snapshot, "configurable").state()).isEqualTo(PluginState.STARTED);
        // the fixture reports threads > 1 as backupToDatadir, proving the value reached it
        assertThat(snapshot.availableSeedMethods().get("Configurable").backupToDatadir()).isTrue();
    }

    @Test
    void unknownKeyInThePluginsSectionMarksThePluginMisconfiguredNamingSectionAndKey() {
        TestPlugins.fixture("configurable").into(plugins());

        PluginStatus configurable = status(start(Map.of("configurable", Map.of("enabled", true, "treads", 4L))),
                "configurable");

        assertThat(configurable.state()).isEqualTo(PluginState.MISCONFIGURED);
        assertThat(configurable.error()).isEqualTo("unknown key in [configurable]: treads");
    }

    @Test
    void wronglyTypedKeyMarksThePluginMisconfiguredNamingSectionAndKey() {
        TestPlugins.fixture("configurable").into(plugins());

        PluginStatus configurable = status(start(Map.of("configurable", Map.of("enabled", true, "threads", "four"))),
                "configurable");

        assertThat(configurable.state()).isEqualTo(PluginState.MISCONFIGURED);
        assertThat(configurable.error()).startsWith("invalid [configurable] threads: ");
    }

    @Test
    void unavailableMethodIsListedWithItsReasonAndNotOffered() {
        TestPlugins.fixture("unavailable").into(plugins());

        PluginSnapshot snapshot = start();

        PluginStatus unavailable = status(snapshot, "unavailable");
        assertThat(unavailable.state()).isEqualTo(PluginState.STARTED);
        assertThat(unavailable.seedMethods()).containsExactly(
                new SeedMethodStatus("Unavailable", true, false, "xyzzy-backup not found on PATH"));
        assertThat(snapshot.seedMethods()).isEmpty();
        assertThat(snapshot.seedMethod("Unavailable")).isEmpty();
    }

    @Test
    void pluginRequiringANewerApiFails() {
        TestPlugins.fixture("requires-newer").into(plugins());

        PluginStatus newer = status(start(), "newer");

        assertThat(newer.state()).isEqualTo(PluginState.FAILED);
        assertThat(newer.error()).isEqualTo("plugin.requires '>=2.0.0' does not accept agent-api "
                + AgentApiVersion.current());
    }

    @Test
    void pluginWithoutAServiceEntryFails() {
        TestPlugins.fixture("no-entry").into(plugins());

        PluginStatus noEntry = status(start(), "noentry");

        assertThat(noEntry.state()).isEqualTo(PluginState.FAILED);
        assertThat(noEntry.error()).isEqualTo(
                "no io.orcagent.api.AgentPlugin listed in META-INF/services/io.orcagent.api.AgentPlugin");
    }

    @Test
    void directoryWithoutDescriptorIsReportedFailedUnderItsDirectoryName() throws IOException {
        TestPlugins.fixture("good").into(plugins());
        Files.createDirectories(plugins().resolve("stray/lib"));

        PluginSnapshot snapshot = start();

        assertThat(status(snapshot, "stray").state()).isEqualTo(PluginState.FAILED);
        assertThat(status(snapshot, "stray").error()).isNotBlank();
        assertThat(snapshot.seedMethods()).containsOnlyKeys("Good");
    }

    @Test
    void pluginWithAReservedIdFails() throws IOException {
        Path dir = TestPlugins.fixture("good").into(plugins());
        rewriteId(dir, "mysql");

        PluginStatus mysql = status(start(), "mysql");

        assertThat(mysql.state()).isEqualTo(PluginState.FAILED);
        assertThat(mysql.error()).isEqualTo("plugin id 'mysql' is reserved for the runtime's own config section");
    }

    @Test
    void secondPluginOfferingTheSameNameFails() throws IOException {
        TestPlugins.fixture("good").into(plugins());
        Path copy = copyTree(plugins().resolve("good"), plugins().resolve("good-copy"));
        rewriteId(copy, "other");

        PluginSnapshot snapshot = start();

        assertThat(status(snapshot, "good").state()).isEqualTo(PluginState.STARTED);
        assertThat(status(snapshot, "other").error()).isEqualTo("command executor goodexec is already offered by plugin good");
        assertThat(snapshot.seedMethod("Good")).get().extracting(InvokedSeedMethod::pluginId).isEqualTo("good");
    }

    @Test
    void zippedPluginIsUnpackedAndLoaded() {
        Path zip = TestPlugins.fixture("good").zipped().into(plugins());
        assertThat(zip).hasFileName("good.zip");

        PluginSnapshot snapshot = start();

        assertThat(status(snapshot, "good").state()).isEqualTo(PluginState.STARTED);
        assertThat(plugins().resolve("good/plugin.properties")).exists();
    }

    @Test
    void reloadPicksUpAnAddedAndARemovedPlugin() throws IOException {
        TestPlugins.fixture("good").into(plugins());
        PluginHost host = new PluginHost(plugins(), TestingPluginContext.factory(Map.of()));
        hosts.add(host);
        assertThat(host.start().seedMethods()).containsOnlyKeys("Good");

        deleteTree(plugins().resolve("good"));
        TestPlugins.fixture("bundled").into(plugins());
        PluginSnapshot reloaded = host.reload();

        assertThat(reloaded.plugins()).extracting(PluginStatus::id).containsExactly("bundled");
        assertThat(reloaded.seedMethods()).containsOnlyKeys("Bundled");
        assertThat(host.snapshot()).isSameAs(reloaded);
    }

    @Test
    void reloadReleasesTheOldPluginsJarFiles() throws IOException {
        TestPlugins.fixture("good").into(plugins());
        PluginHost host = new PluginHost(plugins(), TestingPluginContext.factory(Map.of()));
        hosts.add(host);
        host.start();
        assertThat(openFilesNamed("good.jar")).isNotEmpty();

        deleteTree(plugins().resolve("good"));
        host.reload();

        assertThat(openFilesNamed("good.jar")).isEmpty();
    }

    @Test
    void theHostReadsItsOwnViewOfTheSectionAndRefusesAContextHandingOutAnother() {
        TestPlugins.fixture("good").into(plugins());
        PluginContextFactory honest = TestingPluginContext.factory(Map.of("good", Map.of("enabled", false)));
        PluginContextFactory swapping = id -> {
            PluginContextFactory.Hosted real = honest.create(id);
            return new PluginContextFactory.Hosted(real.context(),
                    io.orcagent.runtime.config.SectionConfig.of(id, Map.of()));
        };
        PluginHost honestHost = new PluginHost(plugins(), honest);
        hosts.add(honestHost);
        // enabled = false reached the host through its own view: the method is not offered
        assertThat(honestHost.start().seedMethods()).doesNotContainKey("Good");
        honestHost.close();

        PluginHost swappingHost = new PluginHost(plugins(), swapping);
        hosts.add(swappingHost);
        PluginStatus good = status(swappingHost.start(), "good");

        assertThat(good.state()).isEqualTo(PluginState.FAILED);
        assertThat(good.error()).contains("hands out another config than the host's view");
    }

    @Test
    void missingPluginsDirectoryLoadsNothing() {
        PluginSnapshot snapshot = start();

        assertThat(snapshot.plugins()).isEmpty();
        assertThat(snapshot.seedMethods()).isEmpty();
    }

    @Test
    void closedHostHasAnEmptySnapshotAndCannotStartAgain() {
        TestPlugins.fixture("good").into(plugins());
        PluginHost host = new PluginHost(plugins(), TestingPluginContext.factory(Map.of()));
        host.start();

        host.close();

        assertThat(host.snapshot().plugins()).isEmpty();
        assertThatThrownBy(host::start).isInstanceOf(IllegalStateException.class).hasMessage("plugin host is closed");
    }

    /** Files this JVM holds open whose path ends with the name (Linux /proc). */
    private static List<String> openFilesNamed(String name) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("/" + name)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // the descriptor was closed while listing
                }
            }
        }
        return open;
    }

    private static void rewriteId(Path pluginDir, String id) throws IOException {
        Path properties = pluginDir.resolve("plugin.properties");
        String text = Files.readString(properties).replaceAll("(?m)^plugin\\.id=.*$", "plugin.id=" + id);
        Files.writeString(properties, text);
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
