package io.orcagent.runtime.plugins;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin first (then the plugins it depends on, then the
 * {@link SpiOnlyParentClassLoader}), except for the shared packages, which always come from the parent.
 * Without that exception a plugin that bundles its own copy of the SPI would define a second
 * {@code io.orcagent.api.AgentPlugin}, and {@link java.util.ServiceLoader} would reject its provider as
 * "not a subtype".
 */
final class IsolatingPluginClassLoader extends PluginClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String pluginId;

    IsolatingPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.pluginId = descriptor.getPluginId();
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return SpiOnlyParentClassLoader.isShared(className) || super.shouldDelegateToParent(className);
    }

    @Override
    public String toString() {
        return "IsolatingPluginClassLoader[" + pluginId + "]";
    }
}
