package io.orcagent.runtime.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J configured for agent plugins: one plugins directory holding unpacked plugin directories and
 * zips (unpacked by PF4J), descriptors from {@code plugin.properties} only, isolating class loaders,
 * {@code plugin.requires} checked against the agent-api version, always deployment mode. PF4J's
 * {@code Plugin} class, {@code @Extension} and {@code enabled.txt}/{@code disabled.txt} are not used: a
 * plugin's entry points are found with {@link java.util.ServiceLoader} and switched on or off in the
 * agent's config file. Failures to load a plugin directory are recorded, not thrown.
 */
final class AgentPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(AgentPluginManager.class);

    private final List<LoadFailure> loadFailures = new ArrayList<>();

    AgentPluginManager(Path pluginsDir, String apiVersion) {
        super(pluginsDir);
        setSystemVersion(apiVersion);
    }

    /**
     * Directories that could not be loaded at all (no or bad descriptor, duplicate id, unreadable jar).
     *
     * @return the failures, in load order
     */
    List<LoadFailure> loadFailures() {
        return List.copyOf(loadFailures);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // pf4j.mode=development would load target/classes of a source tree: never in the agent
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new DefaultPluginRepository(pluginsRoots);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new PropertiesPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(this, AgentPluginManager.class.getClassLoader());
    }

    @Override
    protected PluginFactory createPluginFactory() {
        // plugin.class is ignored: PF4J only tracks state, the entry points come from ServiceLoader
        return wrapper -> new Plugin();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new NothingDisabled();
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            // PF4J's loadPlugins() stops at anything but PluginRuntimeException: record and go on
            String id = pluginPath.getFileName().toString();
            String error = PluginCallException.describe(e);
            LOG.error("plugin {} could not be loaded from {}: {}", id, pluginPath, error);
            LOG.debug("plugin {} load failure", id, e);
            loadFailures.add(new LoadFailure(id, pluginPath, error));
            return null;
        }
    }

    /**
     * A plugin directory that could not be loaded.
     *
     * @param id the directory name (the descriptor, and so the real id, may be unreadable)
     * @param path the directory
     * @param error what went wrong
     */
    record LoadFailure(String id, Path path, String error) {
    }

    /** Nothing is disabled through PF4J: the agent's config file switches plugins on and off. */
    private static final class NothingDisabled implements PluginStatusProvider {

        @Override
        public boolean isPluginDisabled(String pluginId) {
            return false;
        }

        @Override
        public void disablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are disabled in the agent's config file");
        }

        @Override
        public void enablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are enabled in the agent's config file");
        }
    }
}
