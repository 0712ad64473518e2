package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.runtime.wiring.AgentRuntime;

/**
 * A plugin's config section is checked as strictly as the core sections: the agent does not start.
 */
class PluginConfigStartupTest {

    @TempDir
    static Path dir;
    private static MariaDbSandbox mysql;

    @BeforeAll
    static void startMysql() throws Exception {
        mysql = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("mysql"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 21));
    }

    @AfterAll
    static void stopMysql() {
        if (mysql != null) {
            mysql.close();
        }
    }

    private Path config(String name, String extra) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.fixture("configurable").into(plugins);
        Path file = home.resolve("agent.conf");
        Files.writeString(file, String.join("\n",
                "[common]",
                "port = " + MariaDbSandbox.freePort("127.0.0.2"),
                "bind-address = \"127.0.0.2\"",
                "hostname = \"127.0.0.2\"",
                "backup-dir = \"" + Files.createDirectories(home.resolve("backup")) + "\"",
                "state-dir = \"" + home.resolve("state") + "\"",
                "plugins-dir = \"" + plugins + "\"",
                "[orchestrator]",
                "url = \"http://127.0.0.1\"",
                "agents-port = 1",
                "[mysql]",
                "host = \"127.0.0.2\"",
                "port = " + mysql.port(),
                "user = \"" + SandboxSettings.DEFAULT_USER + "\"",
                "password = \"" + SandboxSettings.DEFAULT_PASSWORD + "\"",
                extra, ""));
        return file;
    }

    @Test
    void anUnknownKeyInAPluginSectionStopsTheStartNamingFileSectionAndKey() throws Exception {
        Path file = config("unknown-key", "[configurable]\nenabled = true\ntreads = 4");
        assertThatThrownBy(() -> AgentRuntime.start(ConfigLoader.load(file)))
                .isInstanceOf(AgentRuntime.StartupException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key in [configurable]: treads");
    }

    @Test
    void aSectionNoPluginOwnsStopsTheStart() throws Exception {
        Path file = config("typo-section", "[configurabel]\nenabled = true");
        assertThatThrownBy(() -> AgentRuntime.start(ConfigLoader.load(file)))
                .isInstanceOf(AgentRuntime.StartupException.class)
                .hasMessageContaining("[configurabel] is not a core section and no installed plugin has that id");
    }

    @Test
    void aSectionThatDoesNotEnableAPluginThatIsNotInstalledIsOnlyAWarning() throws Exception {
        // no plugin is named by the runtime: a Go agent's section and a site plugin's alike
        Path file = config("go-section", "[configurable]\nenabled = true\nthreads = 2\n[clone_plugin]\nenabled = false"
                + "\n[site_snapshots]\nvolume = \"vg0\"");
        try (AgentRuntime agent = AgentRuntime.start(ConfigLoader.load(file))) {
            assertThat(agent.port()).isPositive();
            assertThat(List.of(agent.identity().hostname())).containsExactly("127.0.0.2");
        }
    }
}
