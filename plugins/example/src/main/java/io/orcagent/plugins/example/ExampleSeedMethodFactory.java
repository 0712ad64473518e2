package io.orcagent.plugins.example;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;

/**
 * Creates the {@code Example} seed method. Disabled by default: an operator turns it on with
 * {@code enabled = true} in {@code [example]}.
 */
final class ExampleSeedMethodFactory implements SeedMethodFactory {

    static final String NAME = "Example";

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
        // read the whole section here: keys left unread are reported as unknown when this returns
        return new ExampleSeedMethod(context, ExampleSettings.from(context.config()));
    }
}
