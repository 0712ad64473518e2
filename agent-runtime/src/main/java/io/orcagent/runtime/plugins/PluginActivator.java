package io.orcagent.runtime.plugins;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.Availability;
import io.orcagent.api.CommandExecutor;
import io.orcagent.api.CommandExecutorFactory;
import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.api.SnapshotProviderFactory;
import io.orcagent.runtime.config.SectionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one loaded plugin into contributions: finds its {@link AgentPlugin}s with
 * {@link ServiceLoader}, applies its config section ({@code enabled}, unknown keys), creates its seed
 * methods, snapshot providers and command executors and probes the seed methods. Any failure makes the
 * whole plugin FAILED with a one-line reason; nothing escapes.
 */
final class PluginActivator {

    private static final Logger LOG = LoggerFactory.getLogger(PluginActivator.class);

    /** The SPI's rule for wire names of seed methods. */
    private static final Pattern SEED_METHOD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final PluginContextFactory contexts;

    PluginActivator(PluginContextFactory contexts) {
        this.contexts = Objects.requireNonNull(contexts, "contexts is null");
    }

    /**
     * Activates one plugin.
     *
     * @param id the plugin id
     * @param version the plugin version
     * @param loader the plugin's class loader
     * @param gate counts the calls in flight into the plugins of this load
     * @return the result, FAILED with a reason when anything went wrong
     */
    LoadedPlugin activate(String id, String version, ClassLoader loader, PluginCallGate gate) {
        Activation activation = new Activation(id, version, new PluginInvoker(id, loader, gate), loader);
        try {
            return activation.run();
        } catch (PluginCallException e) {
            return e.getCause() instanceof ConfigException
                    ? activation.misconfigured(activation.explain(e))
                    : activation.failed(activation.explain(e));
        } catch (UnknownKeysException e) {
            return activation.misconfigured(e.getMessage());
        } catch (ActivationException e) {
            return activation.failed(e.getMessage());
        } catch (ConfigException e) {
            return activation.misconfigured(activation.explain(e));
        } catch (RuntimeException e) {
            // the runtime's side (the context factory) failed: still only this plugin is affected
            LOG.debug("plugin {} activation failure", id, e);
            return activation.failed("cannot activate: " + PluginCallException.describe(e));
        }
    }

    /** Keys in the plugin's section that nothing read. */
    private static final class UnknownKeysException extends Exception {

        private static final long serialVersionUID = 1L;

        UnknownKeysException(String message) {
            super(message);
        }
    }

    /** A plugin-level failure with a message ready for operators. */
    private static final class ActivationException extends Exception {

        private static final long serialVersionUID = 1L;

        ActivationException(String message) {
            super(message);
        }
    }

    /** The state of one activation. */
    private final class Activation {

        private final String id;
        private final String version;
        private final PluginInvoker invoker;
        private final ClassLoader loader;
        private final PluginLifecycle lifecycle;
        private String section;

        Activation(String id, String version, PluginInvoker invoker, ClassLoader loader) {
            this.id = id;
            this.version = version;
            this.invoker = invoker;
            this.loader = loader;
            this.lifecycle = new PluginLifecycle(invoker);
            this.section = id;
        }

        LoadedPlugin run() throws ActivationException, ConfigException, UnknownKeysException {
            List<AgentPlugin> entries = invoker.call("discovery of " + AgentPlugin.class.getName(), this::discover);
            if (entries.isEmpty()) {
                throw new ActivationException("no " + AgentPlugin.class.getName() + " listed in META-INF/services/"
                        + AgentPlugin.class.getName());
            }
            for (AgentPlugin entry : entries) {
                lifecycle.register("plugin entry " + entry.getClass().getName(), entry::close);
            }
            List<SeedMethodFactory> seedFactories = new ArrayList<>();
            List<SnapshotProviderFactory> providerFactories = new ArrayList<>();
            List<CommandExecutorFactory> executorFactories = new ArrayList<>();
            for (AgentPlugin entry : entries) {
                seedFactories.addAll(listed("seedMethods()", invoker.call("seedMethods()", entry::seedMethods)));
                providerFactories.addAll(listed("snapshotProviders()",
                        invoker.call("snapshotProviders()", entry::snapshotProviders)));
                executorFactories.addAll(listed("commandExecutors()",
                        invoker.call("commandExecutors()", entry::commandExecutors)));
            }

            PluginContextFactory.Hosted hosted = Objects.requireNonNull(contexts.create(id),
                    "the plugin context factory returned null");
            PluginContext context = hosted.context();
            SectionConfig config = hosted.config();
            if (context.config() != config) {
                throw new IllegalStateException("the plugin context hands out another config than the host's view");
            }
            section = config.section();
            Optional<Boolean> enabled = config.enabled();
            boolean allEnabled = true;

            List<SeedMethodStatus> statuses = new ArrayList<>();
            Map<String, OfferedSeedMethod> offered = new LinkedHashMap<>();
            for (SeedMethodFactory factory : seedFactories) {
                String name = name("seed method", invoker.call("seed method factory name()", factory::name),
                        SEED_METHOD_NAME);
                boolean byDefault = invoker.call("seed method " + name + " enabledByDefault()", factory::enabledByDefault);
                if (!enabled.orElse(byDefault)) {
                    allEnabled = false;
                    String reason = enabled.isPresent() ? "disabled: [" + section + "] enabled = false"
                            : "disabled by default: set enabled = true in [" + section + "]";
                    statuses.add(new SeedMethodStatus(name, false, false, reason));
                    LOG.info("plugin {} seed method {} {}", id, name, reason);
                    continue;
                }
                SeedMethod created = invoker.call("seed method " + name + " create", () -> factory.create(context));
                if (created != null) {
                    lifecycle.register("seed method " + name, created::close);
                }
                InvokedSeedMethod method = new InvokedSeedMethod(name, required(created, "seed method " + name + " create"),
                        invoker);
                SeedMethodInfo info = required(method.info(), "seed method " + name + " info");
                Availability availability = probe(method);
                statuses.add(new SeedMethodStatus(name, true, availability.available(), availability.reason()));
                if (availability.available()) {
                    putUnique(offered, name, new OfferedSeedMethod(info, method), "seed method");
                } else {
                    LOG.warn("plugin {} seed method {} unavailable: {}", id, name, availability.reason());
                }
            }

            Map<String, InvokedSnapshotProvider> providers = new LinkedHashMap<>();
            String servesAgent = null;
            for (SnapshotProviderFactory factory : providerFactories) {
                String name = name("snapshot provider", invoker.call("snapshot provider factory name()", factory::name),
                        COMPONENT_NAME);
                SnapshotProvider created = invoker.call("snapshot provider " + name + " create",
                        () -> factory.create(context));
                if (created != null) {
                    lifecycle.register("snapshot provider " + name, created::close);
                }
                SnapshotProvider provider = required(created, "snapshot provider " + name + " create");
                InvokedSnapshotProvider.AgentUse use = InvokedSnapshotProvider.AgentUse.NONE;
                if (invoker.call("snapshot provider " + name + " servesAgent", provider::servesAgent)) {
                    if (servesAgent != null) {
                        throw new ActivationException("snapshot providers " + servesAgent + " and " + name
                                + " both say they serve the agent");
                    }
                    servesAgent = name;
                    // the section's enabled key switches the agent's snapshots on, as it offers seed methods
                    use = enabled.orElse(false) ? InvokedSnapshotProvider.AgentUse.SNAPSHOTS
                            : InvokedSnapshotProvider.AgentUse.HOST_LISTS;
                }
                putUnique(providers, name, new InvokedSnapshotProvider(name, provider, invoker, use), "snapshot provider");
            }

            Map<String, InvokedCommandExecutor> executors = new LinkedHashMap<>();
            for (CommandExecutorFactory factory : executorFactories) {
                String name = name("command executor", invoker.call("command executor factory name()", factory::name),
                        COMPONENT_NAME);
                CommandExecutor created = invoker.call("command executor " + name + " create",
                        () -> factory.create(context));
                if (created != null) {
                    lifecycle.register("command executor " + name, created::close);
                }
                putUnique(executors, name, new InvokedCommandExecutor(name,
                        required(created, "command executor " + name + " create"), invoker), "command executor");
            }

            // a disabled method never read its keys, so unknown keys can only be judged when all ran
            if (allEnabled) {
                Set<String> unknown = config.unreadKeys();
                if (!unknown.isEmpty()) {
                    throw new UnknownKeysException("unknown key" + (unknown.size() == 1 ? "" : "s") + " in [" + section
                            + "]: " + String.join(", ", unknown));
                }
            }

            boolean contributesNothing = offered.isEmpty() && providers.isEmpty() && executors.isEmpty();
            boolean onlyDisabledMethods = !statuses.isEmpty() && statuses.stream().noneMatch(SeedMethodStatus::enabled);
            PluginState state = contributesNothing && onlyDisabledMethods ? PluginState.DISABLED : PluginState.STARTED;
            PluginStatus status = new PluginStatus(id, version, state, null, statuses, List.copyOf(providers.keySet()),
                    List.copyOf(executors.keySet()));
            LOG.info("plugin {} {} {}: seed methods offered {}, snapshot providers {}, command executors {}", id, version,
                    state.name().toLowerCase(java.util.Locale.ROOT), offered.keySet(), providers.keySet(),
                    executors.keySet());
            return new LoadedPlugin(status, offered, providers, executors, lifecycle);
        }

        private List<AgentPlugin> discover() {
            List<AgentPlugin> found = new ArrayList<>();
            for (AgentPlugin entry : ServiceLoader.load(AgentPlugin.class, loader)) {
                // providers of plugins this one depends on are theirs, not ours
                if (entry.getClass().getClassLoader() == loader) {
                    found.add(entry);
                }
            }
            return found;
        }

        private Availability probe(InvokedSeedMethod method) {
            try {
                Availability availability = method.probe();
                return availability == null ? Availability.unavailable("probe returned nothing") : availability;
            } catch (PluginCallException e) {
                return Availability.unavailable("probe failed: " + PluginCallException.describe(e.getCause()));
            }
        }

        private <T> List<T> listed(String what, List<T> factories) throws ActivationException {
            if (factories == null) {
                throw new ActivationException(what + " returned null");
            }
            for (T factory : factories) {
                if (factory == null) {
                    throw new ActivationException(what + " lists a null factory");
                }
            }
            return factories;
        }

        private String name(String kind, String name, Pattern rule) throws ActivationException {
            if (name == null || !rule.matcher(name).matches()) {
                throw new ActivationException(kind + " name " + (name == null ? "null" : "'" + name + "'")
                        + " does not match " + rule.pattern());
            }
            return name;
        }

        private <T> T required(T value, String operation) throws ActivationException {
            if (value == null) {
                throw new ActivationException(operation + " returned null");
            }
            return value;
        }

        private <T> void putUnique(Map<String, T> map, String name, T value, String kind) throws ActivationException {
            if (map.putIfAbsent(name, value) != null) {
                throw new ActivationException(kind + " " + name + " is offered twice");
            }
        }

        String explain(PluginCallException e) {
            if (e.getCause() instanceof ConfigException config) {
                return explain(config);
            }
            return e.failure();
        }

        String explain(ConfigException e) {
            return "invalid [" + section + "] " + e.key() + ": " + e.getMessage();
        }

        LoadedPlugin failed(String error) {
            LOG.error("plugin {} {} failed: {}", id, version, error);
            return LoadedPlugin.failed(id, version, error, lifecycle);
        }

        LoadedPlugin misconfigured(String error) {
            LOG.error("plugin {} {} is misconfigured: {}", id, version, error);
            return LoadedPlugin.misconfigured(id, version, error, lifecycle);
        }
    }
}
