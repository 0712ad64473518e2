package io.orcagent.testkit;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import io.orcagent.runtime.config.SectionConfig;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link PluginContext} for plugin tests, with the runtime's own config section class (so unread keys
 * and {@code enabled} behave as in the agent) and the runtime's real command runner by default. Services
 * not given to the builder throw {@link UnsupportedOperationException} naming the builder method to call.
 */
public final class TestingPluginContext implements PluginContext {

    private final String pluginId;
    private final SectionConfig config;
    private final CommandRunner commands;
    private final MysqlAccess mysql;
    private final MysqlService mysqlService;
    private final AgentPaths paths;
    private final Clock clock;

    private TestingPluginContext(String pluginId, Builder builder) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
        this.config = SectionConfig.of(pluginId, builder.section);
        this.commands = builder.commands;
        this.mysql = builder.mysql;
        this.mysqlService = builder.mysqlService;
        this.paths = builder.paths;
        this.clock = builder.clock;
    }

    /**
     * Starts a context description.
     *
     * @return a builder with an empty config section and a real local command runner
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    /**
     * The section as the runtime sees it, e.g. to check {@link SectionConfig#unreadKeys()}.
     *
     * @return the section
     */
    public SectionConfig section() {
        return config;
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public MysqlAccess mysql() {
        return offered(mysql, "mysql(MysqlAccess)");
    }

    @Override
    public MysqlService mysqlService() {
        return offered(mysqlService, "mysqlService(MysqlService)");
    }

    @Override
    public AgentPaths paths() {
        return offered(paths, "paths(AgentPaths)");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private static <T> T offered(T service, String builderMethod) {
        if (service == null) {
            throw new UnsupportedOperationException("not set in this test: call TestingPluginContext.Builder." + builderMethod);
        }
        return service;
    }

    /** Describes the contexts to create; {@link #build(String)} makes one per plugin load. */
    public static final class Builder {

        private final Map<String, Object> section = new LinkedHashMap<>();
        private CommandRunner commands = new ProcessCommandRunner(new LocalCommandExecutor());
        private MysqlAccess mysql;
        private MysqlService mysqlService;
        private AgentPaths paths;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets a key of the plugin's config section, as the TOML file would ({@code String},
         * {@code Long}, {@code Double}, {@code Boolean}, {@code List}); {@code enabled} included.
         *
         * @param key the key
         * @param value the value
         * @return this
         */
        public Builder set(String key, Object value) {
            section.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /**
         * Uses another command runner (the default runs processes locally through the runtime's runner).
         *
         * @param runner the runner
         * @return this
         */
        public Builder commands(CommandRunner runner) {
            this.commands = Objects.requireNonNull(runner, "runner is null");
            return this;
        }

        /**
         * Offers the local MySQL (see {@link TestingMysqlAccess}).
         *
         * @param access the access
         * @return this
         */
        public Builder mysql(MysqlAccess access) {
            this.mysql = Objects.requireNonNull(access, "access is null");
            return this;
        }

        /**
         * Offers MySQL service control.
         *
         * @param service the service
         * @return this
         */
        public Builder mysqlService(MysqlService service) {
            this.mysqlService = Objects.requireNonNull(service, "service is null");
            return this;
        }

        /**
         * Offers the agent's directories.
         *
         * @param agentPaths the paths
         * @return this
         */
        public Builder paths(AgentPaths agentPaths) {
            this.paths = Objects.requireNonNull(agentPaths, "agentPaths is null");
            return this;
        }

        /**
         * Uses another clock.
         *
         * @param testClock the clock
         * @return this
         */
        public Builder clock(Clock testClock) {
            this.clock = Objects.requireNonNull(testClock, "testClock is null");
            return this;
        }

        /**
         * Creates a context with a fresh config section.
         *
         * @param pluginId the plugin id (also the section name)
         * @return the context
         */
        public TestingPluginContext build(String pluginId) {
            return new TestingPluginContext(pluginId, this);
        }
    }
}
