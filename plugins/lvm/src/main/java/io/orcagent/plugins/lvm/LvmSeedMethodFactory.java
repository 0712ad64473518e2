package io.orcagent.plugins.lvm;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code LVM} seed method from the {@code [lvm]} section; disabled by default, as in the Go
 * agent. The method uses the provider {@code snapshot-provider} names, built inside this plugin (the SPI
 * gives a plugin no access to providers of other plugins).
 */
public final class LvmSeedMethodFactory implements SeedMethodFactory {

    /** The method's wire name. */
    public static final String NAME = "LVM";

    private static final Logger LOG = LoggerFactory.getLogger(LvmSeedMethodFactory.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SeedMethod create(PluginContext context) throws ConfigException {
        LvmSettings settings = LvmSettings.read(context.config());
        if (!settings.supersededKeys().isEmpty()) {
            LOG.warn("[lvm] {} ignored: the snapshot is streamed by the agent's transfer service, not socat, and uses"
                    + " the agent's transfer TLS settings", String.join(", ", settings.supersededKeys()));
        }
        return new LvmSeedMethod(context, settings,
                runner -> Providers.create(settings.provider(), settings, runner, context.clock()));
    }
}
