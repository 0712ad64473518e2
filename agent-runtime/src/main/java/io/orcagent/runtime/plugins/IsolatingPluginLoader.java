package io.orcagent.runtime.plugins;

import java.nio.file.Path;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Loads an unpacked plugin directory ({@code plugin.properties}, {@code classes/}, {@code lib/*.jar})
 * into an {@link IsolatingPluginClassLoader} whose parent shows only the shared packages.
 */
final class IsolatingPluginLoader extends DefaultPluginLoader {

    private final SpiOnlyParentClassLoader parent;

    IsolatingPluginLoader(PluginManager manager, ClassLoader host) {
        super(manager);
        this.parent = new SpiOnlyParentClassLoader(host);
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
        return new IsolatingPluginClassLoader(pluginManager, descriptor, parent);
    }
}
