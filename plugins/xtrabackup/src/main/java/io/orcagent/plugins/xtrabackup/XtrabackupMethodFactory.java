package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code Xtrabackup} seed method from the {@code [xtrabackup]} config section. Disabled by
 * default, as in the Go agent.
 */
public final class XtrabackupMethodFactory implements SeedMethodFactory {

    /** The method's wire name. */
    public static final String NAME = "Xtrabackup";

    private static final Logger LOG = LoggerFactory.getLogger(XtrabackupMethodFactory.class);

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
        XtrabackupSettings settings = XtrabackupSettings.read(context.config());
        if (settings.socatUseSsl()) {
            LOG.warn("[{}] socat-use-ssl is ignored: the agent's transfer service streams the backup; "
                    + "set [common] transfer-use-tls on both agents instead", context.config().section());
        }
        BackupTool tool = BackupTool.detect(context.commands(), settings);
        LOG.info("{}: backup tool {} ({}), stream extractor {}", context.pluginId(), tool.program(),
                tool.flavour().description(), tool.extractor());
        return new XtrabackupMethod(context, settings, tool);
    }
}
