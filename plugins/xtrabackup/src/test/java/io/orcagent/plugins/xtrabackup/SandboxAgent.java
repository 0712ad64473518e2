package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.TransferService;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import io.orcagent.runtime.config.MysqlConfig;
import io.orcagent.runtime.config.Secret;
import io.orcagent.runtime.config.SectionConfig;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.MysqlServiceControl;
import io.orcagent.runtime.exec.OptionFiles;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ShellCommand;
import io.orcagent.runtime.exec.StageCommandRunner;
import io.orcagent.runtime.host.LocalMysql;
import io.orcagent.runtime.lab.ServiceScript;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.runtime.transfer.AgentTransferService;
import io.orcagent.runtime.transfer.TransferSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One test host: a MariaDB sandbox on its own loopback address, controlled through a generated service
 * script, and the host services its agent hands the plugin, built from the runtime's own parts (process
 * runner, {@link LocalMysql} option files, {@link MysqlServiceControl}, {@link AgentTransferService}).
 */
final class SandboxAgent implements PluginContext, AutoCloseable {

    static final String PLUGIN_ID = "xtrabackup";

    private final MariaDbSandbox sandbox;
    private final Path serviceScript;
    private final ProcessCommandRunner runner;
    private final SectionConfig config;
    private final LocalMysql mysql;
    private final MysqlService service;
    private final AgentPaths paths;
    private final AgentTransferService transfer;

    private SandboxAgent(MariaDbSandbox sandbox, Path agentDir, Map<String, Object> section, int seedPort,
                         String startCommand) throws IOException {
        this.sandbox = sandbox;
        this.serviceScript = ServiceScript.write(sandbox);
        this.runner = new ProcessCommandRunner(new LocalCommandExecutor());
        this.config = SectionConfig.of(PLUGIN_ID, section);
        SandboxSettings settings = sandbox.settings();
        Path stateDir = Files.createDirectories(agentDir.resolve("state"));
        Path backupDir = Files.createDirectories(agentDir.resolve("backup"));
        String script = ServiceScript.quote(serviceScript.toString());
        MysqlConfig mysqlConfig = new MysqlConfig(settings.port(), settings.user(), new Secret(settings.password()),
                script + " status", startCommand == null ? script + " start" : startCommand, script + " stop",
                settings.address());
        this.mysql = new LocalMysql(mysqlConfig, new OptionFiles(stateDir.resolve("tmp"), settings.user(),
                settings.password()));
        this.service = new MysqlServiceControl(new ShellCommand(runner), mysqlConfig.serviceStartCommand(),
                mysqlConfig.serviceStopCommand(), mysqlConfig.serviceStatusCommand(), mysql.dataSource());
        this.paths = new AgentPaths(backupDir, stateDir, sandbox.datadir());
        // the agent's own transfer service, as the runtime wires it: listener on this host's address
        this.transfer = new AgentTransferService(new TransferSettings(settings.address(), seedPort, Optional.empty(), 0,
                TransferSettings.DEFAULT_CONNECT_WINDOW), runner);
    }

    /**
     * Starts a sandbox and builds its agent's services.
     *
     * @param dir a directory for the sandbox and the agent
     * @param address the loopback address
     * @param serverId the server id
     * @param section the {@code [xtrabackup]} section
     * @param seedPort the seed port, the same on every agent
     * @param startCommand another {@code service-start-command}, or null for the script's
     * @return the host
     * @throws IOException when the server does not start
     * @throws InterruptedException when interrupted
     */
    static SandboxAgent start(Path dir, String address, int serverId, Map<String, Object> section, int seedPort,
                              String startCommand) throws IOException, InterruptedException {
        SandboxSettings settings = SandboxSettings.of(dir.resolve("mysql"), address, MariaDbSandbox.freePort(address),
                serverId);
        MariaDbSandbox sandbox = MariaDbSandbox.start(settings);
        try {
            return new SandboxAgent(sandbox, Files.createDirectories(dir.resolve("agent")), section, seedPort, startCommand);
        } catch (IOException | RuntimeException e) {
            sandbox.stop();
            throw e;
        }
    }

    /**
     * Creates the seed method as the runtime would.
     *
     * @return the method
     * @throws Exception when the section is invalid
     */
    SeedMethod method() throws Exception {
        return new XtrabackupMethodFactory().create(this);
    }

    /**
     * Creates the seed method from another {@code [xtrabackup]} section, on the same host.
     *
     * @param otherSection the section
     * @return the method
     * @throws Exception when the section is invalid
     */
    SeedMethod method(Map<String, Object> otherSection) throws Exception {
        return new XtrabackupMethodFactory().create(new Variant(this, SectionConfig.of(PLUGIN_ID, otherSection), service));
    }

    /**
     * Creates the seed method for this host with another {@code service-start-command}.
     *
     * @param startLine the operator's start command line
     * @param otherSection the section
     * @return the method
     * @throws Exception when the section is invalid
     */
    SeedMethod methodStartingMysqlWith(String startLine, Map<String, Object> otherSection) throws Exception {
        MysqlService otherService = new MysqlServiceControl(new ShellCommand(runner), startLine,
                ServiceScript.quote(serviceScript.toString()) + " stop",
                ServiceScript.quote(serviceScript.toString()) + " status", mysql.dataSource());
        return new XtrabackupMethodFactory().create(new Variant(this, SectionConfig.of(PLUGIN_ID, otherSection),
                otherService));
    }

    /**
     * A stage context with its own kill scope of this agent's runner.
     *
     * @param seedId the seed
     * @param stage the stage
     * @param side this agent's side
     * @param peer the peer (Backup)
     * @return the context
     */
    TestStageContext stage(long seedId, Stage stage, Side side, Optional<Peer> peer) {
        StageCommandRunner scope = runner.newScope("seed " + seedId + " " + stage.wireName());
        return TestStageContext.create(seedId, stage, side, peer, scope, scope::killAll);
    }

    MariaDbSandbox sandbox() {
        return sandbox;
    }

    Path serviceScript() {
        return serviceScript;
    }

    ProcessCommandRunner runner() {
        return runner;
    }

    SectionConfig section() {
        return config;
    }

    @Override
    public String pluginId() {
        return PLUGIN_ID;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public CommandRunner commands() {
        return runner;
    }

    @Override
    public MysqlAccess mysql() {
        return mysql;
    }

    @Override
    public MysqlService mysqlService() {
        return service;
    }

    @Override
    public AgentPaths paths() {
        return paths;
    }

    @Override
    public TransferService transfer() {
        return transfer;
    }

    /**
     * Closes the receiver this agent holds for a seed, as the runtime does after Cleanup or abort.
     *
     * @param seedId the seed
     */
    void releaseTransfer(long seedId) {
        transfer.release(seedId);
    }

    /** This host's services with another config section or service control. */
    private record Variant(SandboxAgent base, SectionConfig config, MysqlService mysqlService) implements PluginContext {

        @Override
        public String pluginId() {
            return PLUGIN_ID;
        }

        @Override
        public CommandRunner commands() {
            return base.commands();
        }

        @Override
        public MysqlAccess mysql() {
            return base.mysql();
        }

        @Override
        public AgentPaths paths() {
            return base.paths();
        }

        @Override
        public TransferService transfer() {
            return base.transfer();
        }
    }

    /** Stops whichever server process runs now (the sandbox's own or one the service script started). */
    @Override
    public void close() {
        try {
            runner.run(ShellCommand.command(ServiceScript.quote(serviceScript.toString()) + " stop"));
        } catch (IOException e) {
            // the sandbox stop below still runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transfer.close();
        sandbox.stop();
        runner.shutdown();
    }
}
