package io.orcagent.plugins.mydumper;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;

/**
 * Creates the {@code Mydumper} seed method from the {@code [mydumper]} config section. Disabled unless
 * the section says {@code enabled = true}, as in the Go agent.
 */
public final class MydumperMethodFactory implements SeedMethodFactory {

    /** The method's wire name. */
    public static final String NAME = "Mydumper";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SeedMethod create(PluginContext context) throws ConfigException {
        return new MydumperMethod(context, MydumperSettings.read(context.config()));
    }
}
