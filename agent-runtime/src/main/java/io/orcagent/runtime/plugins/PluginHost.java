package io.orcagent.runtime.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every plugin in the plugins directory with PF4J, each in its own isolating class loader, and
 * keeps an immutable {@link PluginSnapshot} of what they contribute. A plugin that cannot be loaded,
 * found, configured or created is reported FAILED with its reason; the others, and the agent, carry on.
 *
 * <p>Layout of the plugins directory: one directory per plugin ({@code plugin.properties},
 * {@code lib/*.jar}, optionally {@code classes/}), or a zip of that layout, which PF4J unpacks next to
 * it at load (the directory must then be writable). {@code plugin.requires} is checked against
 * {@link AgentApiVersion#current()}.
 *
 * <p>Reload safety lives here, not in its callers: every call into a plugin passes its
 * {@link PluginInvoker}, which counts it in the load's {@link PluginCallGate}. {@link #reload()} closes
 * the gate to new calls and waits, at most {@code reloadWait}, for the calls in flight (seed stages,
 * get-metadata, snapshot routes, legacy copies, probes); if they do not end in time it reopens the gate
 * and refuses with {@link PluginsBusyException} naming them.
 *
 * <p>Thread-safety: {@link #start()}, {@link #reload()} and {@link #close()} are serialised;
 * {@link #snapshot()} may be called from any thread at any time.
 */
public final class PluginHost implements AutoCloseable {

    /** Config sections owned by the runtime; a plugin with such an id would see the runtime's settings. */
    public static final Set<String> RESERVED_IDS = Set.of("agent", "common", "orchestrator", "logging", "mysql",
            "custom-commands", "plugins");

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** The clash name of serving the agent's snapshots, which one plugin may do. */
    private static final String AGENT_SNAPSHOTS = "the agent's snapshots (a snapshot provider that servesAgent)";
    /** How long a reload or shutdown waits for calls in flight by default. */
    public static final Duration DEFAULT_RELOAD_WAIT = Duration.ofSeconds(10);

    private final Path pluginsDir;
    private final PluginActivator activator;
    private final Duration reloadWait;
    private AgentPluginManager manager;
    /** Counts the calls into the plugins of the current load. */
    private PluginCallGate gate = new PluginCallGate();
    /** Every plugin of the current load, failed ones included: their close hooks run at unload. */
    private List<LoadedPlugin> loaded = List.of();
    private boolean started;
    private boolean closed;
    private volatile PluginSnapshot snapshot = PluginSnapshot.EMPTY;

    /**
     * Creates the host; nothing is loaded until {@link #start()}.
     *
     * @param pluginsDir the plugins directory
     * @param contexts creates each plugin's context (host services and its config section)
     */
    public PluginHost(Path pluginsDir, PluginContextFactory contexts) {
        this(pluginsDir, contexts, DEFAULT_RELOAD_WAIT);
    }

    /**
     * Creates the host; nothing is loaded until {@link #start()}.
     *
     * @param pluginsDir the plugins directory
     * @param contexts creates each plugin's context (host services and its config section)
     * @param reloadWait how long {@link #reload()} and {@link #close()} wait for plugin calls in flight
     */
    public PluginHost(Path pluginsDir, PluginContextFactory contexts, Duration reloadWait) {
        this.pluginsDir = Objects.requireNonNull(pluginsDir, "pluginsDir is null").toAbsolutePath().normalize();
        this.activator = new PluginActivator(contexts);
        this.reloadWait = Objects.requireNonNull(reloadWait, "reloadWait is null");
    }

    /**
     * The plugins directory.
     *
     * @return the absolute path
     */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Loads all plugins.
     *
     * @return the new snapshot
     * @throws IllegalStateException when already started or closed
     */
    public synchronized PluginSnapshot start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "plugin host is closed" : "plugin host already started");
        }
        started = true;
        return load();
    }

    /**
     * Stops and unloads all plugins and loads them again from disk, picking up added, removed and
     * replaced plugins. It first waits, at most {@code reloadWait}, until no plugin call is in flight,
     * holding new calls back meanwhile; calls still running then make it refuse, and nothing changes.
     * While the plugins are swapped, {@link #snapshot()} answers with an empty snapshot, and calls into
     * the old plugins (held back, or through objects kept from the old snapshot) are refused.
     *
     * @return the new snapshot
     * @throws PluginsBusyException when plugin calls (a seed stage, a synchronous call) did not end in time
     * @throws IllegalStateException when not started or closed
     */
    public synchronized PluginSnapshot reload() {
        if (!started || closed) {
            throw new IllegalStateException(closed ? "plugin host is closed" : "plugin host not started");
        }
        List<String> busy;
        try {
            busy = gate.drain(reloadWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginsBusyException("Refusing to reload plugins: interrupted while waiting for plugin calls");
        }
        if (!busy.isEmpty()) {
            gate.reopen();
            String message = "Refusing to reload plugins: " + busy.size() + " plugin call"
                    + (busy.size() == 1 ? "" : "s") + " still running after " + PluginCallGate.text(reloadWait)
                    + ": " + String.join(", ", busy);
            LOG.warn(message);
            throw new PluginsBusyException(message);
        }
        LOG.info("reloading plugins from {}", pluginsDir);
        unload();
        return load();
    }

    /**
     * Whether a reload or shutdown is waiting for plugin calls in flight (new calls wait meanwhile).
     *
     * @return true while draining
     */
    boolean draining() {
        return gate.draining();
    }

    /**
     * The current snapshot.
     *
     * @return the snapshot of the last load, empty before {@link #start()}
     */
    public PluginSnapshot snapshot() {
        return snapshot;
    }

    /** Stops and unloads all plugins. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                List<String> busy = gate.drain(reloadWait);
                if (!busy.isEmpty()) {
                    LOG.warn("unloading plugins while {} call(s) still run: {}", busy.size(), String.join(", ", busy));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("unloading plugins without waiting for calls in flight: interrupted");
            } catch (IllegalStateException e) {
                // never started: the gate is open and empty
                LOG.debug("plugin call gate: {}", e.getMessage());
            }
            unload();
        }
    }

    private PluginSnapshot load() {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.warn("plugins directory {} does not exist: no plugins loaded", pluginsDir);
        }
        gate = new PluginCallGate();
        manager = new AgentPluginManager(pluginsDir, AgentApiVersion.current());
        String resolveError = null;
        try {
            manager.loadPlugins();
        } catch (RuntimeException e) {
            // dependency resolution throws for the whole set; the plugins it left unresolved are reported below
            resolveError = PluginCallException.describe(e);
            LOG.error("plugins in {} could not be resolved: {}", pluginsDir, resolveError);
        }
        manager.startPlugins();

        List<LoadedPlugin> results = new ArrayList<>();
        for (AgentPluginManager.LoadFailure failure : manager.loadFailures()) {
            results.add(LoadedPlugin.failed(failure.id(), "", failure.error()));
        }
        List<PluginWrapper> wrappers = new ArrayList<>(manager.getPlugins());
        wrappers.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper wrapper : wrappers) {
            results.add(activate(wrapper, resolveError));
        }
        this.loaded = List.copyOf(results);
        PluginSnapshot next = merge(results);
        snapshot = next;
        LOG.info("plugins loaded from {}: {} started, {} disabled, {} failed; seed methods offered {}", pluginsDir,
                count(next, PluginState.STARTED),
                count(next, PluginState.DISABLED),
                count(next, PluginState.FAILED), next.seedMethods().keySet());
        return next;
    }

    private LoadedPlugin activate(PluginWrapper wrapper, String resolveError) {
        PluginDescriptor descriptor = wrapper.getDescriptor();
        String id = descriptor.getPluginId();
        String version = descriptor.getVersion();
        org.pf4j.PluginState state = wrapper.getPluginState();
        if (!PLUGIN_ID.matcher(id).matches()) {
            return failed(id, version, "plugin id '" + id + "' does not match " + PLUGIN_ID.pattern());
        }
        if (RESERVED_IDS.contains(id)) {
            return failed(id, version, "plugin id '" + id + "' is reserved for the runtime's own config section");
        }
        if (state == org.pf4j.PluginState.STARTED) {
            return activator.activate(id, version, wrapper.getPluginClassLoader(), gate);
        }
        if (state == org.pf4j.PluginState.DISABLED && wrapper.getFailedException() != null) {
            // PF4J's validation: the only check it makes is plugin.requires against the system version
            return failed(id, version, "plugin.requires '" + descriptor.getRequires() + "' does not accept agent-api "
                    + AgentApiVersion.current());
        }
        if (wrapper.getFailedException() != null) {
            return failed(id, version, PluginCallException.describe(wrapper.getFailedException()));
        }
        return failed(id, version, "not started (" + state + ")"
                + (resolveError == null ? "" : ": " + resolveError));
    }

    private static LoadedPlugin failed(String id, String version, String error) {
        LOG.error("plugin {} {} failed: {}", id, version, error);
        return LoadedPlugin.failed(id, version, error);
    }

    /** Joins the plugins' contributions; a name offered by an earlier plugin (by id) fails the later one. */
    private static PluginSnapshot merge(List<LoadedPlugin> loaded) {
        Map<String, OfferedSeedMethod> seedMethods = new TreeMap<>();
        Map<String, InvokedSnapshotProvider> providers = new TreeMap<>();
        Map<String, InvokedCommandExecutor> executors = new TreeMap<>();
        Map<String, String> owners = new HashMap<>();
        List<PluginStatus> statuses = new ArrayList<>();
        for (LoadedPlugin plugin : loaded) {
            String clash = clash(plugin, owners);
            if (clash != null) {
                PluginStatus status = plugin.status();
                statuses.add(failed(status.id(), status.version(), clash).status());
                continue;
            }
            plugin.seedMethods().keySet().forEach(name -> owners.put("seed method " + name, plugin.id()));
            plugin.snapshotProviders().keySet().forEach(name -> owners.put("snapshot provider " + name, plugin.id()));
            plugin.commandExecutors().keySet().forEach(name -> owners.put("command executor " + name, plugin.id()));
            if (servesAgent(plugin)) {
                owners.put(AGENT_SNAPSHOTS, plugin.id());
            }
            seedMethods.putAll(plugin.seedMethods());
            providers.putAll(plugin.snapshotProviders());
            executors.putAll(plugin.commandExecutors());
            statuses.add(plugin.status());
        }
        statuses.sort(Comparator.comparing(PluginStatus::id));
        return new PluginSnapshot(statuses, new TreeMap<>(seedMethods), new TreeMap<>(providers), new TreeMap<>(executors));
    }

    private static boolean servesAgent(LoadedPlugin plugin) {
        return plugin.snapshotProviders().values().stream()
                .anyMatch(p -> p.agentUse() != InvokedSnapshotProvider.AgentUse.NONE);
    }

    private static String clash(LoadedPlugin plugin, Map<String, String> owners) {
        List<String> names = new ArrayList<>();
        plugin.seedMethods().keySet().forEach(name -> names.add("seed method " + name));
        plugin.snapshotProviders().keySet().forEach(name -> names.add("snapshot provider " + name));
        plugin.commandExecutors().keySet().forEach(name -> names.add("command executor " + name));
        if (servesAgent(plugin)) {
            names.add(AGENT_SNAPSHOTS);
        }
        names.sort(null);
        for (String name : names) {
            String owner = owners.get(name);
            if (owner != null) {
                return name + " is already offered by plugin " + owner;
            }
        }
        return null;
    }

    private static long count(PluginSnapshot snapshot, PluginState state) {
        return snapshot.plugins().stream().filter(p -> p.state() == state).count();
    }

    private void unload() {
        snapshot = PluginSnapshot.EMPTY;
        // the plugins' close() hooks, while their class loaders are still open
        for (LoadedPlugin plugin : loaded) {
            plugin.lifecycle().close();
        }
        loaded = List.of();
        // from here on the old plugins' classes go away: calls into them are refused
        gate.retire();
        if (manager == null) {
            return;
        }
        // one by one: PF4J 3.15's stopPlugins() removes from the list it iterates (ConcurrentModificationException),
        // and unloadPlugins() skips plugins that never resolved; unloadPlugin() stops and closes the class loader
        for (PluginWrapper wrapper : manager.getPlugins()) {
            String id = wrapper.getPluginId();
            try {
                if (manager.getPlugin(id) != null && !manager.unloadPlugin(id)) {
                    LOG.warn("plugin {} could not be unloaded", id);
                }
            } catch (RuntimeException e) {
                LOG.error("plugin {} could not be unloaded: {}", id, PluginCallException.describe(e));
            }
        }
        manager = null;
    }
}
