package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.OptionFile;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginContext;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import io.orcagent.plugins.seedsupport.Executables;
import io.orcagent.plugins.seedsupport.FileTrees;
import io.orcagent.plugins.seedsupport.MetadataException;
import io.orcagent.plugins.seedsupport.OwnerOnlyFiles;
import io.orcagent.plugins.seedsupport.ProgressPoller;
import io.orcagent.plugins.seedsupport.StageCommands;
import io.orcagent.plugins.seedsupport.ToolProbe;
import io.orcagent.plugins.seedsupport.XtrabackupBinlogInfoParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Xtrabackup} seed method: a physical hot backup taken on the source with Percona XtraBackup
 * or mariabackup, streamed ({@code --stream=xbstream}) through the agent's transfer service into the
 * target's emptied datadir, prepared there, handed to the MySQL account and started. Restore only
 * completes once the restored server answers.
 */
final class XtrabackupMethod implements SeedMethod {

    /** The source's scratch directory for the tool ({@code --target-dir}), per seed, under the backup dir. */
    static final String SOURCE_WORK_DIR_PREFIX = "orchestrator-agent-xtrabackup-";

    private static final Logger LOG = LoggerFactory.getLogger(XtrabackupMethod.class);
    private static final Duration TOOL_HELP_LIMIT = Duration.ofSeconds(15);

    private final PluginContext context;
    private final XtrabackupSettings settings;
    private final BackupTool tool;
    private final ToolCommandLines commandLines;

    XtrabackupMethod(PluginContext context, XtrabackupSettings settings, BackupTool tool) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.tool = Objects.requireNonNull(tool, "tool is null");
        this.commandLines = new ToolCommandLines(tool, settings);
    }

    @Override
    public SeedMethodInfo info() {
        return new SeedMethodInfo(Side.SOURCE, true, tool.supportedEngines());
    }

    @Override
    public Availability probe() {
        if (tool.autoDetected() && !Executables.onPath(tool.program())) {
            return Availability.unavailable("neither mariabackup nor xtrabackup found on PATH: install mariadb-backup"
                    + " (MariaDB) or percona-xtrabackup (MySQL), or set backup-command");
        }
        Availability backup = new ToolProbe(context.commands()).allAnswerVersion(List.of(tool.program()),
                tool.flavour().installHint());
        if (!backup.available()) {
            return backup;
        }
        Availability extractor = extractorAnswers();
        if (!extractor.available()) {
            return extractor;
        }
        try {
            context.transfer();
        } catch (UnsupportedOperationException e) {
            return Availability.unavailable("this agent offers no transfer service, which the Xtrabackup method streams through");
        }
        return Availability.usable();
    }

    @Override
    public void prepare(StageContext stage) throws Exception {
        if (stage.side() != Side.TARGET) {
            return;
        }
        TargetDatadir datadir = TargetDatadir.of(context.paths().mysqlDatadir());
        Optional<ServerFacts> server = ServerFacts.ask(context.mysql().dataSource());
        if (server.isPresent()) {
            datadir.requireSameAs(server.get().datadir());
            server.get().errorLog().ifPresent(errorLogHint()::remember);
        } else {
            datadir.requireLooksLikeDatadir();
        }
        TransferService transfer = transfer();
        // a retried Prepare: stop the earlier extractor before its directory is emptied under it
        transfer.receiver(stage.seedId()).ifPresent(TransferService.Receiver::close);
        stage.progress().step("Stopping MySQL");
        LOG.info("seed {} {}: stopping MySQL to receive a backup into {}", stage.seedId(), context.pluginId(), datadir);
        context.mysqlService().stop();
        stage.throwIfCancelled();
        stage.progress().step("Cleaning MySQL datadir");
        datadir.empty(stage);
        stage.progress().step("Creating lock file");
        datadir.createLock(stage);
        Command extractor = Command.of(tool.extractor(), "-x", "-C", datadir.toString()).asPrivileged();
        transfer.receive(stage, extractor);
        stage.progress().step("Receiver open. Waiting for backup data");
        LOG.info("seed {} {}: receiving into {} with {}", stage.seedId(), context.pluginId(), datadir, tool.extractor());
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        Peer target = stage.peer().orElseThrow(() -> new IllegalStateException("the Backup stage needs the target host"));
        TransferService transfer = transfer();
        Path workDir = sourceWorkDir(stage.seedId());
        FileTrees.delete(workDir);
        OwnerOnlyFiles.createDirectories(workDir);
        try (OptionFile credentials = context.mysql().clientOptionFile("127.0.0.1", context.mysql().port())) {
            Command producer = Command.of(commandLines.backup(credentials.path(), workDir)).asPrivileged();
            stage.progress().step("Running " + tool.program() + " backup, streaming to " + target.host());
            LOG.info("seed {} {}: streaming a {} backup to {}", stage.seedId(), context.pluginId(), tool.program(),
                    target.host());
            TransferService.TransferResult sent = transfer.send(stage, target.host(), producer);
            LOG.info("seed {} {}: backup streamed, {} bytes", stage.seedId(), context.pluginId(), sent.bytes());
        } finally {
            FileTrees.delete(workDir);
        }
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        TargetDatadir datadir = TargetDatadir.of(context.paths().mysqlDatadir());
        TransferService.Receiver receiver = transfer().receiver(stage.seedId())
                .orElseThrow(() -> new IllegalStateException("no backup stream is being received for seed "
                        + stage.seedId() + " on this agent: run the seed from Prepare again (the agent may have"
                        + " restarted, or Prepare did not run here)"));
        awaitStream(stage, receiver);
        Optional<String> compressed = datadir.firstCompressedFile(stage);
        if (compressed.isPresent()) {
            decompress(stage, datadir, compressed.get());
        }
        stage.progress().step("Running " + tool.program() + " prepare");
        LOG.info("seed {} {}: preparing the backup in {}", stage.seedId(), context.pluginId(), datadir);
        runTool(stage, commandLines.prepare(datadir.path()));
        stage.progress().step("Removing lock file");
        datadir.removeLock(stage);
        if (!settings.mysqlOwner().isEmpty()) {
            stage.progress().step("Changing owner of mysql datadir");
            datadir.changeOwner(stage, settings.mysqlOwner());
        }
        startMysql(stage);
        LOG.info("seed {} {}: restored server answers", stage.seedId(), context.pluginId());
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws Exception {
        TargetDatadir datadir = TargetDatadir.of(context.paths().mysqlDatadir());
        TargetDatadir.NamedText info = datadir.readBinlogInfo(stage).orElseThrow(() -> new MetadataException(
                "no xtrabackup_binlog_info in " + datadir + ": the Restore stage has not completed on this agent"));
        LOG.info("seed {} {}: coordinates from {}", stage.seedId(), context.pluginId(), info.name());
        return XtrabackupBinlogInfoParser.parse(info.text());
    }

    @Override
    public void cleanup(StageContext stage) throws Exception {
        if (stage.side() == Side.SOURCE) {
            if (FileTrees.delete(sourceWorkDir(stage.seedId()))) {
                LOG.info("seed {} {}: removed {}", stage.seedId(), context.pluginId(), sourceWorkDir(stage.seedId()));
            }
            return;
        }
        TargetDatadir datadir;
        try {
            datadir = TargetDatadir.of(context.paths().mysqlDatadir());
        } catch (UnsafeDatadirException e) {
            LOG.warn("seed {} {}: lock file not removed: {}", stage.seedId(), context.pluginId(), e.getMessage());
            return;
        }
        if (ServerFacts.ask(context.mysql().dataSource()).isEmpty()) {
            // a seed that failed or was aborted (orchestrator sends no Cleanup then; the agent cleans up on its
            // own): the half-restored datadir keeps its lock, so the next Prepare may empty it
            LOG.info("seed {} {}: lock file kept in {}: MySQL does not run on it, so the restore did not complete",
                    stage.seedId(), context.pluginId(), datadir);
            return;
        }
        stage.progress().step("Removing lock file");
        datadir.removeLock(stage);
    }

    private void awaitStream(StageContext stage, TransferService.Receiver receiver) throws Exception {
        stage.progress().step("Waiting for the backup stream to complete");
        TransferService.TransferResult received;
        ProgressPoller poller = ProgressPoller.start(stage.progress(), receiver::bytesReceived, -1,
                StageCommands.PROGRESS_INTERVAL);
        try {
            received = receiver.await(settings.restoreTimeout());
        } catch (IOException e) {
            stage.throwIfCancelled();
            throw new IOException("the backup stream was not received completely: " + e.getMessage(), e);
        } finally {
            poller.close();
        }
        LOG.info("seed {} {}: backup stream received, {} bytes, checksum {}", stage.seedId(), context.pluginId(),
                received.bytes(), received.checksum());
    }

    /** The stream decides (Go agent defect: the target's own options did), so a source's --compress always works. */
    private void decompress(StageContext stage, TargetDatadir datadir, String example) throws Exception {
        stage.progress().step("Decompressing backup");
        LOG.info("seed {} {}: the stream holds compressed files ({}); decompressing with --parallel={}",
                stage.seedId(), context.pluginId(), example, settings.parallel());
        try {
            runTool(stage, commandLines.decompress(datadir.path(), supportsRemoveOriginal(stage)));
        } catch (CommandFailedException e) {
            throw new CommandFailedException(e.program(), e.exitCode(), e.stderrTail().strip()
                    + " (the source streamed files compressed with --compress, e.g. " + example + "; decompressing them"
                    + " needs " + ToolCommandLines.decompressor(example) + " on this host)");
        }
        stage.progress().step("Removing compressed backup files");
        datadir.removeCompressedFiles(stage);
    }

    private void startMysql(StageContext stage) throws Exception {
        stage.progress().step("Starting MySQL");
        try {
            context.mysqlService().start();
        } catch (CommandFailedException e) {
            throw new MysqlDidNotStartException("MySQL did not start after the restore: " + e.getMessage()
                    + errorLogTail(stage), e);
        }
        stage.progress().step("Running restore. Waiting for MySQL to start");
        if (!context.mysqlService().awaitReachable(settings.restoreTimeout())) {
            stage.throwIfCancelled();
            throw new MysqlDidNotStartException("MySQL did not start after the restore: it did not accept connections"
                    + " within " + settings.restoreTimeout() + errorLogTail(stage), null);
        }
    }

    private String errorLogTail(StageContext stage) throws StageAbortedException, InterruptedException {
        Optional<Path> log = errorLogHint().recall();
        if (log.isEmpty()) {
            return " (the server's error log location is unknown: it logs to stderr or was not running at Prepare)";
        }
        return "; last lines of " + log.get() + ":\n" + TargetDatadir.tailOf(stage, log.get());
    }

    /** mbstream has no --version (it exits 1), so the extractor is asked for --help, which both answer. */
    private Availability extractorAnswers() {
        try {
            CommandResult result = context.commands().run(Command.of(tool.extractor(), "--help").timeout(TOOL_HELP_LIMIT));
            if (result.succeeded()) {
                return Availability.usable();
            }
            String tail = result.stderrTail().strip();
            return Availability.unavailable(tool.extractor() + " --help exited with " + result.exitCode()
                    + (tail.isEmpty() ? "" : ": " + tail));
        } catch (IOException e) {
            return Availability.unavailable(tool.extractor() + " not found: " + tool.flavour().installHint());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable(tool.extractor() + " --help was interrupted");
        }
    }

    private boolean supportsRemoveOriginal(StageContext stage) throws StageAbortedException, InterruptedException {
        try (RunningCommand help = StageCommands.start(stage, Command.of(tool.program(), "--help").timeout(TOOL_HELP_LIMIT))) {
            CommandResult result = help.await();
            return (result.stdout() + result.stderrTail()).contains("--remove-original");
        } catch (CommandFailedException e) {
            return false;
        }
    }

    private void runTool(StageContext stage, List<String> argv)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        Command command = Command.of(argv).asPrivileged();
        try (RunningCommand running = StageCommands.start(stage, command)) {
            StageCommands.requireSuccess(stage, command.program(), running.await());
        }
    }

    private TransferService transfer() {
        try {
            return context.transfer();
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("this agent offers no transfer service, which the Xtrabackup method"
                    + " streams through", e);
        }
    }

    private ErrorLogHint errorLogHint() {
        return new ErrorLogHint(context.paths().stateDir().resolve(context.pluginId()));
    }

    private Path sourceWorkDir(long seedId) {
        return context.paths().backupDir().resolve(SOURCE_WORK_DIR_PREFIX + seedId);
    }
}
