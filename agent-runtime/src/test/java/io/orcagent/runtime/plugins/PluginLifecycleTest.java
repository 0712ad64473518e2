package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host ends a plugin's life through its close() hooks before it closes the plugin's class loader. */
class PluginLifecycleTest {

    @TempDir
    Path temp;

    private Path marker;
    private PluginHost host;

    @BeforeEach
    void markerFile() {
        marker = temp.resolve("lifecycle.marker");
        System.setProperty("lifecycle.marker", marker.toString());
    }

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.close();
        }
        System.clearProperty("lifecycle.marker");
        System.getProperties().remove("lifecycle.loader");
    }

    private PluginHost started() {
        TestPlugins.fixture("lifecycle").into(temp.resolve("plugins"));
        host = new PluginHost(temp.resolve("plugins"), TestingPluginContext.factory(Map.of()));
        assertThat(host.start().seedMethods()).containsOnlyKeys("Lifecycle");
        return host;
    }

    @Test
    void reloadClosesWhatThePluginCreatedThenThePluginWhileItsClassLoaderIsOpen() throws Exception {
        PluginHost h = started();
        assertThat(marker).doesNotExist();

        PluginSnapshot reloaded = h.reload();

        assertThat(Files.readAllLines(marker)).containsExactly("seed method closed",
                "plugin closed, loader open true, context loader ours true");
        assertThat(reloaded.seedMethods()).containsOnlyKeys("Lifecycle");
    }

    @Test
    void shutdownClosesThePluginOnce() throws Exception {
        PluginHost h = started();

        h.close();
        h.close();

        assertThat(Files.readAllLines(marker)).containsExactly("seed method closed",
                "plugin closed, loader open true, context loader ours true");
    }

    @Test
    void afterTheUnloadThePluginsLoaderLoadsNothingSoTheHookRanBeforeItClosed() throws Exception {
        PluginHost h = started();
        ClassLoader pluginLoader = (ClassLoader) System.getProperties().get("lifecycle.loader");
        assertThat(pluginLoader).isNotNull().isNotSameAs(PluginHost.class.getClassLoader());

        h.close();

        assertThat(Files.readAllLines(marker)).last().asString().contains("loader open true");
        assertThatThrownBy(() -> Class.forName("fixture.lifecycle.Later", true, pluginLoader))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
