package io.orcagent.plugins.clone;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;

/**
 * Creates the {@code ClonePlugin} seed method from the {@code [clone_plugin]} config section. Disabled
 * by default, as in the Go agent.
 */
public final class CloneMethodFactory implements SeedMethodFactory {

    /** The method's wire name. */
    public static final String NAME = "ClonePlugin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public SeedMethod create(PluginContext context) throws ConfigException {
        return new CloneMethod(context, CloneSettings.read(context.config()), CloneTimings.PRODUCTION);
    }
}
