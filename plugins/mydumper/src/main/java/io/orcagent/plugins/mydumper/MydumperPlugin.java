package io.orcagent.plugins.mydumper;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import java.util.List;

/**
 * The {@code mydumper} plugin: offers the {@code Mydumper} seed method (a parallel logical dump of the
 * source with mydumper, loaded with myloader).
 */
public final class MydumperPlugin implements AgentPlugin {

    /** Needed by {@link java.util.ServiceLoader}. */
    public MydumperPlugin() {
        // no work at load time
    }

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new MydumperMethodFactory());
    }
}
