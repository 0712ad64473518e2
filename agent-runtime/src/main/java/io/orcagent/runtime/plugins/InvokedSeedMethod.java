package io.orcagent.runtime.plugins;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.StageContext;
import java.util.Objects;

/**
 * A plugin's {@link SeedMethod} as the runtime sees it: every method goes through the plugin's
 * {@link PluginInvoker}, so the plugin runs with its own context class loader and a failure arrives as
 * an unchecked {@link PluginCallException} naming the plugin, the method and the stage.
 */
public final class InvokedSeedMethod implements SeedMethod {

    private final String name;
    private final SeedMethod delegate;
    private final PluginInvoker invoker;

    InvokedSeedMethod(String name, SeedMethod delegate, PluginInvoker invoker) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.invoker = Objects.requireNonNull(invoker, "invoker is null");
    }

    /**
     * The wire name of the method.
     *
     * @return the name, e.g. {@code Mysqldump}
     */
    public String name() {
        return name;
    }

    /**
     * The plugin that offers the method.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return invoker.pluginId();
    }

    @Override
    public SeedMethodInfo info() {
        return invoker.call(operation("info"), delegate::info);
    }

    @Override
    public Availability probe() {
        return invoker.call(operation("probe"), delegate::probe);
    }

    @Override
    public void prepare(StageContext stage) {
        invoker.run(operation("prepare"), () -> delegate.prepare(stage));
    }

    @Override
    public void backup(StageContext stage) {
        invoker.run(operation("backup"), () -> delegate.backup(stage));
    }

    @Override
    public void restore(StageContext stage) {
        invoker.run(operation("restore"), () -> delegate.restore(stage));
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) {
        return invoker.call(operation("metadata"), () -> delegate.metadata(stage));
    }

    @Override
    public void cleanup(StageContext stage) {
        invoker.run(operation("cleanup"), () -> delegate.cleanup(stage));
    }

    /** Closes the plugin's object (the host does, at unload). */
    @Override
    public void close() {
        invoker.run(operation("close"), delegate::close);
    }

    private String operation(String what) {
        return "seed method " + name + " " + what;
    }

    @Override
    public String toString() {
        // never calls the plugin's toString: it is plugin code too
        return "seed method " + name + " (plugin " + invoker.pluginId() + ")";
    }
}
