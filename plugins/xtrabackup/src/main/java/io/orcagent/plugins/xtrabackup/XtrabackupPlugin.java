package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import java.util.List;

/**
 * The {@code xtrabackup} plugin: offers the {@code Xtrabackup} seed method (a physical hot backup of the
 * source with Percona XtraBackup or MariaDB's mariabackup, streamed into the target's datadir).
 */
public final class XtrabackupPlugin implements AgentPlugin {

    /** Needed by {@link java.util.ServiceLoader}. */
    public XtrabackupPlugin() {
        // no work at load time
    }

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new XtrabackupMethodFactory());
    }
}
