package io.orcagent.runtime.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;

/**
 * One lab "host": a MariaDB sandbox on its own loopback address and an agent, started from the
 * distribution, configured for it.
 */
public final class LabHost implements AutoCloseable {

    private final String name;
    private final MariaDbSandbox sandbox;
    private final Path serviceScript;
    private final AgentProcess agent;

    private LabHost(String name, MariaDbSandbox sandbox, Path serviceScript, AgentProcess agent) {
        this.name = name;
        this.sandbox = sandbox;
        this.serviceScript = serviceScript;
        this.agent = agent;
    }

    /**
     * Starts the server and its agent.
     *
     * @param dir the host's directory
     * @param name a short name for messages
     * @param address its loopback address, e.g. {@code 127.0.0.2}
     * @param serverId the MariaDB server id
     * @param distribution the built distribution directory
     * @param orchestratorPort the stand-in orchestrator's port
     * @param pluginSections extra TOML appended to the agent config (plugin sections)
     * @return the host
     * @throws IOException when something does not start
     * @throws InterruptedException when interrupted
     */
    public static LabHost start(Path dir, String name, String address, int serverId, Path distribution,
                                int orchestratorPort, String pluginSections) throws IOException, InterruptedException {
        return start(dir, name, address, serverId, distribution, orchestratorPort, "", pluginSections);
    }

    /**
     * Starts the server and its agent, with extra {@code [common]} keys.
     *
     * @param dir the host's directory
     * @param name a short name for messages
     * @param address its loopback address
     * @param serverId the MariaDB server id
     * @param distribution the built distribution directory
     * @param orchestratorPort the stand-in orchestrator's port
     * @param commonExtra extra TOML lines for the {@code [common]} section
     * @param pluginSections extra TOML appended to the agent config (plugin sections)
     * @return the host
     * @throws IOException when something does not start
     * @throws InterruptedException when interrupted
     */
    public static LabHost start(Path dir, String name, String address, int serverId, Path distribution,
                                int orchestratorPort, String commonExtra, String pluginSections)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        SandboxSettings settings = new SandboxSettings(dir.resolve("mysql"), address,
                MariaDbSandbox.freePort(address), serverId, SandboxSettings.DEFAULT_USER, SandboxSettings.DEFAULT_PASSWORD,
                SandboxSettings.DEFAULT_REPLICATION_USER, SandboxSettings.DEFAULT_REPLICATION_PASSWORD, List.of());
        MariaDbSandbox sandbox = MariaDbSandbox.start(settings);
        try {
            int agentPort = MariaDbSandbox.freePort(address);
            Path config = writeConfig(dir, sandbox, agentPort, distribution, orchestratorPort, commonExtra,
                    pluginSections);
            Path script = dir.resolve("mysql").resolve("mysqld-service");
            AgentProcess agent = AgentProcess.start(distribution, config, address, agentPort,
                    dir.resolve("agent.token"), dir.resolve("agent.out"));
            return new LabHost(name, sandbox, script, agent);
        } catch (IOException | InterruptedException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /**
     * Writes an agent config (mode 0600) for a sandbox, and the sandbox's service script.
     *
     * @param dir the host's directory ({@code orchestrator-agent.conf} goes there)
     * @param sandbox the server the agent manages
     * @param agentPort the agent's HTTP port
     * @param distribution the distribution directory (for its plugins)
     * @param orchestratorPort the stand-in orchestrator's port
     * @param pluginSections extra TOML (plugin sections)
     * @return the config file
     * @throws IOException when it cannot be written
     */
    public static Path writeConfig(Path dir, MariaDbSandbox sandbox, int agentPort, Path distribution,
                                   int orchestratorPort, String pluginSections) throws IOException {
        return writeConfig(dir, sandbox, agentPort, distribution, orchestratorPort, "", pluginSections);
    }

    /**
     * Writes an agent config with extra {@code [common]} keys.
     *
     * @param dir the host's directory
     * @param sandbox the server the agent manages
     * @param agentPort the agent's HTTP port
     * @param distribution the distribution directory
     * @param orchestratorPort the stand-in orchestrator's port
     * @param commonExtra extra TOML lines for {@code [common]}
     * @param pluginSections extra TOML (plugin sections)
     * @return the config file
     * @throws IOException when it cannot be written
     */
    public static Path writeConfig(Path dir, MariaDbSandbox sandbox, int agentPort, Path distribution,
                                   int orchestratorPort, String commonExtra, String pluginSections) throws IOException {
        SandboxSettings s = sandbox.settings();
        Path script = ServiceScript.write(sandbox);
        Path backup = dir.resolve("backup");
        Files.createDirectories(backup);
        String toml = String.join("\n",
                "# Generated by the orchestrator-agent seed lab for " + s.address(),
                "[common]",
                "port = " + agentPort,
                "hostname = " + q(s.address()),
                "bind-address = " + q(s.address()),
                "backup-dir = " + q(backup.toString()),
                "state-dir = " + q(dir.resolve("agent-state").toString()),
                "plugins-dir = " + q(distribution.resolve("plugins").toString()),
                "token-hint-file = " + q(dir.resolve("agent.token").toString()),
                "poll-interval = \"5s\"",
                commonExtra,
                "[orchestrator]",
                "url = \"http://127.0.0.1\"",
                "agents-port = " + orchestratorPort,
                "[logging]",
                "file = " + q(dir.resolve("agent.log").toString()),
                "level = \"info\"",
                "[mysql]",
                "port = " + s.port(),
                "host = " + q(s.address()),
                "user = " + q(s.user()),
                "password = " + q(s.password()),
                "service-status-command = " + q(ServiceScript.quote(script.toString()) + " status"),
                "service-start-command = " + q(ServiceScript.quote(script.toString()) + " start"),
                "service-stop-command = " + q(ServiceScript.quote(script.toString()) + " stop"),
                pluginSections,
                "");
        Path config = dir.resolve("orchestrator-agent.conf");
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, toml, StandardCharsets.UTF_8);
        return config;
    }

    private static String q(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The host's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The MariaDB sandbox.
     *
     * @return the sandbox
     */
    public MariaDbSandbox mysql() {
        return sandbox;
    }

    /**
     * The agent.
     *
     * @return the agent process
     */
    public AgentProcess agent() {
        return agent;
    }

    /**
     * An admin connection to the host's server.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return sandbox.dataSource();
    }

    /**
     * The generated service script.
     *
     * @return its path
     */
    public Path serviceScript() {
        return serviceScript;
    }

    /**
     * Environment entries for agentctl to reach this agent and server.
     *
     * @return variables without secrets on argv
     */
    public Map<String, String> agentctlEnvironment() {
        return Map.of("AGENTCTL_MYSQL_PASSWORD", sandbox.settings().password(),
                "AGENTCTL_REPL_PASSWORD", sandbox.settings().replicationPassword());
    }

    /** Stops the agent, then the server (whoever started it last). */
    @Override
    public void close() {
        agent.close();
        try {
            new ProcessBuilder(serviceScript.toString(), "stop").inheritIO().start().waitFor();
        } catch (IOException e) {
            // the sandbox's own stop below still runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sandbox.close();
    }

    @Override
    public String toString() {
        return name + " (" + Objects.requireNonNull(agent).endpoint() + ", MariaDB " + sandbox.address() + ":"
                + sandbox.port() + ")";
    }
}
