package io.orcagent.runtime.wiring;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.orcagent.api.SeedMethod;
import io.orcagent.runtime.plugins.OfferedSeedMethod;
import io.orcagent.runtime.plugins.PluginSnapshot;
import io.orcagent.runtime.seed.SeedMethods;

/**
 * The seed engine's view of the plugin host: offered methods (calls isolated by the invoker) and the
 * names any plugin defines.
 */
final class PluginSeedMethods implements SeedMethods {

    private final Supplier<PluginSnapshot> plugins;

    PluginSeedMethods(Supplier<PluginSnapshot> plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
    }

    @Override
    public Optional<SeedMethod> offered(String name) {
        return Optional.ofNullable(plugins.get().seedMethods().get(name)).map(OfferedSeedMethod::method);
    }

    @Override
    public boolean known(String name) {
        return plugins.get().plugins().stream()
                .flatMap(p -> p.seedMethods().stream())
                .anyMatch(m -> m.name().equals(name));
    }
}
