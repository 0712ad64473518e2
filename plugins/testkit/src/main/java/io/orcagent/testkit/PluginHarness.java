package io.orcagent.testkit;

import io.orcagent.runtime.plugins.InvokedSeedMethod;
import io.orcagent.runtime.plugins.PluginContextFactory;
import io.orcagent.runtime.plugins.PluginHost;
import io.orcagent.runtime.plugins.PluginSnapshot;
import io.orcagent.runtime.plugins.PluginStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Loads one plugin through the agent's own {@link PluginHost}: PF4J, the isolating class loader (the plugin
 * sees agent-api, slf4j and the JDK only), ServiceLoader discovery, the {@code enabled} and unknown-key
 * rules, and the invoker around every call. What passes here loads the same way in the agent.
 *
 * <pre>{@code
 * try (PluginHarness harness = PluginHarness.load(Path.of("target/my-plugin-1.0-plugin.zip"),
 *         TestingPluginContext.builder().set("enabled", true))) {
 *     assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
 *     InvokedSeedMethod method = harness.seedMethod("MyMethod");
 * }
 * }</pre>
 */
public final class PluginHarness implements AutoCloseable {

    private final Path workDir;
    private final PluginHost host;
    private final AtomicReference<TestingPluginContext> lastContext = new AtomicReference<>();

    private PluginHarness(Path workDir, TestingPluginContext.Builder context) {
        this.workDir = workDir;
        this.host = new PluginHost(workDir.resolve("plugins"), id -> {
            TestingPluginContext created = context.build(id);
            lastContext.set(created);
            return new PluginContextFactory.Hosted(created, created.section());
        });
        host.start();
    }

    /**
     * Loads a plugin zip (as built by the plugin parent POM) or an unpacked plugin directory.
     *
     * @param plugin the zip or directory
     * @param context the context the plugin's factories receive
     * @return the started harness
     * @throws IOException when the plugin cannot be copied
     */
    public static PluginHarness load(Path plugin, TestingPluginContext.Builder context) throws IOException {
        Objects.requireNonNull(context, "context is null");
        Path workDir = Files.createTempDirectory("plugin-harness");
        Path plugins = Files.createDirectories(workDir.resolve("plugins"));
        if (Files.isDirectory(plugin)) {
            copyTree(plugin, plugins.resolve(plugin.getFileName().toString()));
        } else {
            Files.copy(plugin, plugins.resolve(plugin.getFileName().toString()));
        }
        return new PluginHarness(workDir, context);
    }

    /**
     * Loads a plugin module's build output before its zip exists (in the {@code test} phase):
     * {@code target/plugin/plugin.properties} and {@code target/classes}, plus library jars the plugin
     * ships in its {@code lib/}.
     *
     * @param targetDir the module's {@code target} directory
     * @param context the context the plugin's factories receive
     * @param libraries jars to put in the plugin's {@code lib/}
     * @return the started harness
     * @throws IOException when the build output is missing or cannot be copied
     */
    public static PluginHarness loadBuildOutput(Path targetDir, TestingPluginContext.Builder context, Path... libraries)
            throws IOException {
        Objects.requireNonNull(context, "context is null");
        Path descriptor = targetDir.resolve("plugin/plugin.properties");
        if (!Files.isRegularFile(descriptor)) {
            throw new IOException(descriptor + " is missing: run the build's process-resources phase first");
        }
        Path workDir = Files.createTempDirectory("plugin-harness");
        Path plugin = Files.createDirectories(workDir.resolve("plugins/build-output"));
        Files.copy(descriptor, plugin.resolve("plugin.properties"));
        copyTree(targetDir.resolve("classes"), plugin.resolve("classes"));
        Path lib = Files.createDirectories(plugin.resolve("lib"));
        for (Path library : List.of(libraries)) {
            Files.copy(library, lib.resolve(library.getFileName().toString()));
        }
        return new PluginHarness(workDir, context);
    }

    /**
     * Everything the host loaded.
     *
     * @return the snapshot
     */
    public PluginSnapshot snapshot() {
        return host.snapshot();
    }

    /**
     * The loaded plugin's status (state, error, seed methods with availability, providers, executors).
     *
     * @return the status
     * @throws IllegalStateException when the directory held no plugin or several
     */
    public PluginStatus status() {
        List<PluginStatus> plugins = host.snapshot().plugins();
        if (plugins.size() != 1) {
            throw new IllegalStateException("expected one plugin, found " + plugins);
        }
        return plugins.get(0);
    }

    /**
     * An offered seed method, every call going through the agent's invoker.
     *
     * @param name the wire name
     * @return the method
     * @throws IllegalStateException when it is not offered (the message carries the plugin's status)
     */
    public InvokedSeedMethod seedMethod(String name) {
        return host.snapshot().seedMethod(name)
                .orElseThrow(() -> new IllegalStateException("seed method " + name + " is not offered: " + status()));
    }

    /**
     * The context created at the last load, e.g. to look at its section's unread keys.
     *
     * @return the context
     * @throws IllegalStateException when the plugin never got one (it failed before)
     */
    public TestingPluginContext context() {
        TestingPluginContext context = lastContext.get();
        if (context == null) {
            throw new IllegalStateException("no context was created: " + status());
        }
        return context;
    }

    /**
     * Loads the plugin again, as {@code POST /api/plugins/reload} does.
     *
     * @return the new snapshot
     */
    public PluginSnapshot reload() {
        return host.reload();
    }

    /** Unloads the plugin and deletes the harness's temporary directory. */
    @Override
    public void close() {
        host.close();
        try (Stream<Path> walk = Files.walk(workDir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + workDir, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
    }
}
