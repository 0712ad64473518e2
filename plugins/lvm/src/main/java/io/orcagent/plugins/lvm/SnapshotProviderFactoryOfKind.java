package io.orcagent.plugins.lvm;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.api.SnapshotProviderFactory;
import java.util.Objects;

/**
 * Offers one of this plugin's snapshot providers ({@code lvm} or {@code btrfs}) to the runtime, for its
 * snapshot routes and {@code get-agent-data}; the one {@code [lvm] snapshot-provider} names says it serves
 * the agent.
 */
final class SnapshotProviderFactoryOfKind implements SnapshotProviderFactory {

    private final ProviderKind kind;

    SnapshotProviderFactoryOfKind(ProviderKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind is null");
    }

    @Override
    public String name() {
        return kind.configName();
    }

    @Override
    public SnapshotProvider create(PluginContext context) throws ConfigException {
        LvmSettings settings = LvmSettings.read(context.config());
        return new AgentFacingProvider(Providers.create(kind, settings, context.commands(), context.clock()),
                kind == settings.provider(), settings, context.commands());
    }
}
