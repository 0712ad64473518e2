package io.orcagent.plugins.mysqldump;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import java.util.List;

/**
 * The {@code mysqldump} plugin: offers the {@code Mysqldump} seed method (a logical dump of the
 * source taken from the target, restored with the MySQL client).
 */
public final class MysqldumpPlugin implements AgentPlugin {

    /** Needed by {@link java.util.ServiceLoader}. */
    public MysqldumpPlugin() {
        // no work at load time
    }

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new MysqldumpMethodFactory());
    }
}
