package io.orcagent.plugins.mysqldump;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;

/**
 * Creates the {@code Mysqldump} seed method from the {@code [mysqldump]} config section. Enabled by
 * default, as in the Go agent.
 */
public final class MysqldumpMethodFactory implements SeedMethodFactory {

    /** The method's wire name. */
    public static final String NAME = "Mysqldump";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    @Override
    public SeedMethod create(PluginContext context) throws ConfigException {
        return new MysqldumpMethod(context, MysqldumpSettings.read(context.config()));
    }
}
