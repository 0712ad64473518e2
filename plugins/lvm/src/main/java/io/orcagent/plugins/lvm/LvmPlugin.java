package io.orcagent.plugins.lvm;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.SeedMethodFactory;
import io.orcagent.api.SnapshotProviderFactory;
import java.util.List;

/**
 * The {@code lvm} plugin: the snapshot providers {@code lvm} and {@code btrfs}, and the {@code LVM} seed
 * method that copies the newest snapshot into the target's datadir. The three live in one plugin
 * because the method must use a provider and the SPI gives a plugin no access to another plugin's
 * providers.
 */
public final class LvmPlugin implements AgentPlugin {

    /** Needed by {@link java.util.ServiceLoader}. */
    public LvmPlugin() {
        // no work at load time
    }

    @Override
    public List<SeedMethodFactory> seedMethods() {
        return List.of(new LvmSeedMethodFactory());
    }

    @Override
    public List<SnapshotProviderFactory> snapshotProviders() {
        return List.of(new SnapshotProviderFactoryOfKind(ProviderKind.LVM),
                new SnapshotProviderFactoryOfKind(ProviderKind.BTRFS));
    }
}
