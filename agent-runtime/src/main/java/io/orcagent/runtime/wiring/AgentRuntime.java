package io.orcagent.runtime.wiring;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandExecutor;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.runtime.agent.AgentDataService;
import io.orcagent.runtime.agent.AgentIdentity;
import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.ApiFlavourState;
import io.orcagent.runtime.agent.OperatorCommands;
import io.orcagent.runtime.agent.ProviderSnapshotView;
import io.orcagent.runtime.agent.SnapshotView;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.config.AgentConfig;
import io.orcagent.runtime.config.ApiFlavour;
import io.orcagent.runtime.config.CommonConfig;
import io.orcagent.runtime.config.SectionConfig;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.MysqlServiceControl;
import io.orcagent.runtime.exec.OptionFiles;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ProcessLedger;
import io.orcagent.runtime.exec.ShellCommand;
import io.orcagent.runtime.host.LocalMysql;
import io.orcagent.runtime.host.ServerOptionFiles;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.AgentHttpServer;
import io.orcagent.runtime.http.BasicAuthGuard;
import io.orcagent.runtime.http.ClientCertificateGuard;
import io.orcagent.runtime.http.ConnectionLimits;
import io.orcagent.runtime.http.Route;
import io.orcagent.runtime.http.TokenGuard;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.http.api.AgentInfoRoutes;
import io.orcagent.runtime.http.api.CustomCommandRoutes;
import io.orcagent.runtime.http.api.DowntimeRoutes;
import io.orcagent.runtime.http.api.LegacySeedRoutes;
import io.orcagent.runtime.http.api.MysqlRoutes;
import io.orcagent.runtime.http.api.ObservabilityRoutes;
import io.orcagent.runtime.http.api.PluginRoutes;
import io.orcagent.runtime.http.api.SeedRoutes;
import io.orcagent.runtime.http.api.SnapshotHostRoutes;
import io.orcagent.runtime.http.api.SnapshotRoutes;
import io.orcagent.runtime.http.api.StatusRoutes;
import io.orcagent.runtime.metrics.AgentMetrics;
import io.orcagent.runtime.orchestrator.InstanceKey;
import io.orcagent.runtime.orchestrator.OrchestratorClient;
import io.orcagent.runtime.orchestrator.OrchestratorHints;
import io.orcagent.runtime.orchestrator.OrchestratorNode;
import io.orcagent.runtime.orchestrator.Registration;
import io.orcagent.runtime.plugins.PluginContextFactory;
import io.orcagent.runtime.plugins.PluginHost;
import io.orcagent.runtime.plugins.PluginSnapshot;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.runtime.plugins.PluginStatus;
import io.orcagent.runtime.plugins.PluginsBusyException;
import io.orcagent.runtime.seed.RunnerProcessScopes;
import io.orcagent.runtime.seed.SeedEngine;
import io.orcagent.runtime.seed.SeedJournal;
import io.orcagent.runtime.seed.legacy.LegacySeedCopies;
import io.orcagent.runtime.tls.PemTls;
import io.orcagent.runtime.transfer.AgentTransferService;
import io.orcagent.runtime.transfer.TransferSettings;

/**
 * The running agent: builds every part from the config, starts the HTTP server, then registers with
 * orchestrator; {@link #close()} shuts down in reverse order, stopping running seed stages and their
 * processes.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AgentIdentity identity;
    private final AgentHttpServer server;
    private final PluginHost plugins;
    private final SeedEngine engine;
    private final WireRouter router;

    private AgentRuntime(AgentConfig config) throws IOException, StartupException {
        try {
            CommonConfig common = config.common();
            Files.createDirectories(common.stateDir());
            Path secrets = common.stateDir().resolve("tmp");
            Files.createDirectories(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

            AgentToken token = AgentToken.generate();
            if (common.tokenHintFile().isPresent()) {
                token.writeHint(common.tokenHintFile().get());
            }

            SwitchableExecutor executor = new SwitchableExecutor(
                    new LocalCommandExecutor(common.execWithSudo(), common.sudoUser().orElse("")));
            // an agent killed with SIGKILL cannot stop its children: its successor does, from the ledger
            ProcessLedger ledger = ProcessLedger.in(common.stateDir().resolve("processes"));
            List<String> leftovers = ledger.stopLeftovers(ProcessCommandRunner.DEFAULT_KILL_GRACE);
            if (!leftovers.isEmpty()) {
                LOG.warn("stopped {} process(es) a previous agent left running: {}", leftovers.size(), leftovers);
            }
            ProcessCommandRunner runner = new ProcessCommandRunner(executor, ProcessCommandRunner.DEFAULT_KILL_GRACE,
                    ledger);
            closeables.add(runner::shutdown);
            ShellCommand shell = new ShellCommand(runner);
            OperatorCommands operatorCommands = shell::run;

            OptionFiles optionFiles = new OptionFiles(secrets, config.mysql().user(), config.mysql().password().value());
            optionFiles.removeLeftovers();
            LocalMysql mysql = new LocalMysql(config.mysql(), optionFiles);
            MysqlServiceControl service = new MysqlServiceControl(shell, config.mysql().serviceStartCommand(),
                    config.mysql().serviceStopCommand(), config.mysql().serviceStatusCommand(), mysql.dataSource());
            Path datadir = datadir(mysql);
            AgentPaths paths = new AgentPaths(common.backupDir(), common.stateDir(), datadir);

            AgentTransferService transfer = new AgentTransferService(TransferSettings.of(common), runner);
            closeables.add(transfer);
            plugins = new PluginHost(common.pluginsDir(), pluginId -> {
                SectionConfig section = config.pluginConfig(pluginId);
                return new PluginContextFactory.Hosted(new AgentPluginContext(pluginId, section, runner, mysql, service,
                        paths, transfer), section);
            });
            closeables.add(plugins);
            PluginSnapshot loaded = plugins.start();
            requireValidPluginConfig(config, loaded);
            selectExecutor(common.commandExecutor(), loaded, executor);

            identity = new AgentIdentity(common.hostname(), common.port(), token, config.mysql().port());
            HttpClient orchestratorHttp = httpClient(common);
            Optional<OrchestratorHints> hints = OrchestratorHints.create(config.orchestrator(),
                    new InstanceKey(identity.hostname(), config.mysql().port()), orchestratorHttp,
                    common.httpTimeout(), shell);
            hints.ifPresent(closeables::add);
            Talkback talkback = new Talkback(Clock.systemDefaultZone(), common.statusBadSeconds());
            ApiFlavour api = config.orchestrator().api();
            ApiFlavourState flavour = new ApiFlavourState(api == ApiFlavour.LEGACY ? ApiFlavourState.Flavour.LEGACY
                    : ApiFlavourState.Flavour.SEED, api != ApiFlavour.AUTO);

            LiveHostView host = new LiveHostView(mysql, service, common.backupDir(), datadir,
                    new ServerOptionFiles(runner, config.mysql().defaultsFile()));
            closeables.add(host);
            // the plugins say which provider serves the agent (SnapshotProvider.servesAgent): no section is read here
            Supplier<Optional<SnapshotProvider>> provider = () -> plugins.snapshot().agentSnapshots()
                    .map(p -> (SnapshotProvider) p);
            Supplier<Optional<SnapshotProvider>> hostLists = () -> plugins.snapshot().agentSnapshotHosts()
                    .map(p -> (SnapshotProvider) p);
            SnapshotView snapshots = new ProviderSnapshotView(hostLists, provider, common.backupDir(), host::measure);
            AgentDataService data = new AgentDataService(host, snapshots,
                    () -> plugins.snapshot().availableSeedMethods(), List.copyOf(config.customCommands().keySet()));

            AgentMetrics metrics = new AgentMetrics(plugins::snapshot);
            engine = new SeedEngine(identity.hostname(), new PluginSeedMethods(plugins::snapshot),
                    new RunnerProcessScopes(runner), new SeedJournal(common.stateDir()), Clock.systemDefaultZone(),
                    metrics, transfer, common.abandonedSeedCleanupAfter());
            closeables.add(engine);
            engine.sweepAbandonedEvery(sweepPeriod(common.abandonedSeedCleanupAfter()));

            TokenGuard tokenGuard = new TokenGuard(token, common.tokenHttpHeader().orElse(""));
            CustomCommandRoutes customCommands = new CustomCommandRoutes(config.customCommands(), operatorCommands);
            WireRouter.Builder routes = WireRouter.builder(tokenGuard).observer(metrics::observe);
            if (common.httpAuthUser().isPresent()) {
                routes.guard(new BasicAuthGuard(common.httpAuthUser().get(), common.httpAuthPassword().value()));
            }
            if (common.useMutualTls()) {
                routes.guard(new ClientCertificateGuard(new HashSet<>(common.sslValidOus()), common.statusEndpoint(),
                        common.statusOuVerify()));
            }
            routes.add(new StatusRoutes(common.statusEndpoint(), talkback))
                    .add(new AgentInfoRoutes(identity, tokenGuard, data))
                    .add(new MysqlRoutes(service, host, config.mysql().port(), flavour, data))
                    .add(new SnapshotHostRoutes(snapshots))
                    .add(new SnapshotRoutes(provider, common.backupDir(), host, host::measure,
                            flavour, data))
                    .add(new LegacySeedRoutes(host, provider, common.backupDir(), host::measure,
                            legacyCopies(transfer, runner), Optional.ofNullable(config.customCommands().get("post-copy")),
                            customCommands))
                    .add(customCommands)
                    .add(new SeedRoutes(engine, Optional.ofNullable(config.customCommands().get(AgentConfig.POST_SEED_COMMAND)),
                            customCommands))
                    .add(new ObservabilityRoutes(metrics, plugins::snapshot))
                    .add(new PluginRoutes(plugins::snapshot, () -> reload(common.commandExecutor(), executor)))
                    .add(hints.map(DowntimeRoutes::new).orElseGet(DowntimeRoutes::unavailable));

            router = routes.build();
            server = AgentHttpServer.start(new AgentHttpServer.Settings(common.bindAddress(), common.port(),
                    serverTls(common), common.useMutualTls(), connectionLimits(common)), router);
            closeables.add(server);
            LOG.info("agent {} listening on {}:{} ({}), {} plugin(s) loaded", identity.hostname(), common.bindAddress(),
                    server.port(), common.useSsl() ? "https" : "http", loaded.plugins().size());

            List<OrchestratorNode> nodes = config.orchestrator().urls().stream()
                    .map(url -> OrchestratorNode.of(url, config.orchestrator().agentsPort())).toList();
            OrchestratorClient client = new OrchestratorClient(orchestratorHttp, common.httpTimeout());
            Registration registration = new Registration(client, nodes, () -> identity,
                    new Registration.Policy(api == ApiFlavour.AUTO ? null
                            : api == ApiFlavour.SEED ? ApiFlavourState.Flavour.SEED : ApiFlavourState.Flavour.LEGACY,
                            common.pollInterval(), common.resubmitAgentInterval()),
                    flavour, talkback);
            closeables.add(registration);
            registration.start();
            hints.ifPresent(OrchestratorHints::start);
    
        } catch (IOException | StartupException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts an agent.
     *
     * @param config the loaded config
     * @return the running agent
     * @throws IOException when a file or port cannot be used
     * @throws StartupException when the configuration cannot work on this host
     */
    public static AgentRuntime start(AgentConfig config) throws IOException, StartupException {
        return new AgentRuntime(config);
    }

    /**
     * The HTTP port (useful when the config said 0).
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Completes, with the reason, when the HTTP listener is lost for good (Helidon does not restart it): the
     * agent can no longer be reached and should exit so that its service manager restarts it.
     *
     * @return the loss of the HTTP listener
     */
    public CompletionStage<String> httpListenerLost() {
        return server.listenerLost();
    }

    /**
     * Every route the agent serves, in matching order.
     *
     * @return the routes
     */
    public List<Route> routes() {
        return router.routes();
    }

    /**
     * The agent's identity.
     *
     * @return the identity
     */
    public AgentIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while shutting down {}: {}", closeables.get(i), e.getMessage());
            }
        }
        LOG.info("agent stopped");
    }

    private PluginSnapshot reload(String executorName, SwitchableExecutor executor) {
        PluginSnapshot reloaded;
        try {
            reloaded = plugins.reload();
        } catch (PluginsBusyException e) {
            throw new AgentHttpException(e.getMessage());
        }
        try {
            selectExecutor(executorName, reloaded, executor);
        } catch (StartupException e) {
            LOG.error("after reload: {}; commands keep using the built-in local executor", e.getMessage());
            executor.use(new LocalCommandExecutor());
        }
        return reloaded;
    }

    // A typo in a plugin's section must not go unnoticed: invalid sections stop the start, as core keys do.
    // A section of a plugin that is not installed stops it only when it switches the plugin on (enabled =
    // true): a Go agent's file keeps sections of methods it never enabled, and no plugin is named here.
    private static void requireValidPluginConfig(AgentConfig config, PluginSnapshot loaded) throws StartupException {
        List<String> problems = new ArrayList<>();
        for (PluginStatus status : loaded.plugins()) {
            if (status.state() == PluginState.MISCONFIGURED) {
                problems.add(config.file() + ": " + status.error());
            }
        }
        Set<String> ids = loaded.plugins().stream().map(PluginStatus::id).collect(Collectors.toSet());
        for (String section : config.pluginSections().keySet()) {
            if (ids.contains(section)) {
                continue;
            }
            if (!Boolean.TRUE.equals(config.pluginSections().get(section).get(SectionConfig.ENABLED))) {
                LOG.warn("{}: [{}] configures a plugin that is not installed in {}", config.file(), section,
                        config.common().pluginsDir());
            } else {
                problems.add(config.file() + ": [" + section + "] is not a core section and no installed plugin "
                        + "has that id (installed: " + String.join(", ", new TreeSet<>(ids)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(String.join("\n", problems));
        }
    }

    private static void selectExecutor(String name, PluginSnapshot loaded, SwitchableExecutor executor)
            throws StartupException {
        if (name.equals("local")) {
            return;
        }
        CommandExecutor chosen = loaded.commandExecutor(name).orElseThrow(() -> new StartupException(
                "common.command-executor: no loaded plugin offers a command executor named \"" + name + "\""));
        executor.use(chosen);
    }

    private LegacySeedCopies legacyCopies(AgentTransferService transfer, ProcessCommandRunner runner) {
        LegacySeedCopies copies = new LegacySeedCopies(transfer, new RunnerProcessScopes(runner));
        closeables.add(copies);
        return copies;
    }

    // The datadir comes from the server; a target host may start with MySQL stopped, so wait a little
    // and then fall back to the distribution default (get-agent-data re-reads it when it can).
    /** How often to look for an abandoned seed: a tenth of the idle time, between 1 s and 30 s. */
    static Duration sweepPeriod(Duration abandonedAfter) {
        Duration tenth = abandonedAfter.dividedBy(10);
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        return tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
    }

    private static Path datadir(LocalMysql mysql) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try {
                return Path.of(mysql.datadir());
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    LOG.warn("cannot read @@datadir from the local MySQL ({}); assuming /var/lib/mysql until it answers",
                            e.getMessage());
                    return Path.of("/var/lib/mysql");
                }
                try {
                    Thread.sleep(Duration.ofMillis(500));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Path.of("/var/lib/mysql");
                }
            }
        }
    }

    private static ConnectionLimits connectionLimits(CommonConfig common) {
        int max = common.httpMaxConnections() > 0 ? common.httpMaxConnections() : ConnectionLimits.defaultMaxConnections();
        return new ConnectionLimits(max, common.httpRequestHeadTimeout(), common.httpIdleTimeout());
    }

    private static Optional<SSLContext> serverTls(CommonConfig common) throws IOException {
        if (!common.useSsl()) {
            return Optional.empty();
        }
        return Optional.of(PemTls.context(common.sslCertFile().orElseThrow(), common.sslPrivateKeyFile().orElseThrow(),
                common.sslCaFile()));
    }

    private static HttpClient httpClient(CommonConfig common) throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(common.httpTimeout());
        boolean anyTls = common.sslSkipVerify() || common.sslCaFile().isPresent() || common.sslCertFile().isPresent();
        if (anyTls) {
            builder.sslContext(common.sslCertFile().isPresent() && common.sslPrivateKeyFile().isPresent()
                    && !common.sslSkipVerify()
                    ? PemTls.context(common.sslCertFile().get(), common.sslPrivateKeyFile().get(), common.sslCaFile())
                    : PemTls.clientContext(common.sslCaFile(), common.sslSkipVerify()));
        }
        return builder.build();
    }

    /**
     * The configuration cannot work on this host.
     */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         */
        public StartupException(String message) {
            super(message);
        }
    }

}
