package io.orcagent.plugins.mysqldump;

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
import io.orcagent.api.StageContext;
import io.orcagent.plugins.seedsupport.FileTrees;
import io.orcagent.plugins.seedsupport.MysqldumpMetadataParser;
import io.orcagent.plugins.seedsupport.OwnerOnlyFiles;
import io.orcagent.plugins.seedsupport.ProgressPoller;
import io.orcagent.plugins.seedsupport.SourceDataSize;
import io.orcagent.plugins.seedsupport.StageCommands;
import io.orcagent.plugins.seedsupport.ToolProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Mysqldump} seed method. Everything runs on the target: Backup dumps the source over the
 * network into {@code <backup-dir>/orchestrator_agent_backup.sql}, Restore replays it into the local
 * server, Metadata reads the coordinates from the dump's header (and, for MariaDB, its end). The
 * source agent has nothing to do. Credentials reach the tools only through 0600 option files; the dump
 * (it holds password hashes) is created 0600, and a backup dir the method creates 0700.
 */
final class MysqldumpMethod implements SeedMethod {

    /** The dump file's name inside the backup dir (the Go agent's). */
    static final String DUMP_FILE = "orchestrator_agent_backup.sql";

    private static final Logger LOG = LoggerFactory.getLogger(MysqldumpMethod.class);
    private static final Path DISCARD = Path.of("/dev/null");
    private static final int FEED_BUFFER = 256 * 1024;

    private final PluginContext context;
    private final MysqldumpSettings settings;

    MysqldumpMethod(PluginContext context, MysqldumpSettings settings) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    @Override
    public SeedMethodInfo info() {
        return new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES);
    }

    @Override
    public Availability probe() {
        return new ToolProbe(context.commands()).allAnswerVersion(
                List.of(settings.dumpCommand(), settings.clientCommand()), "install mariadb-client or mysql-client");
    }

    @Override
    public void prepare(StageContext stage) throws IOException {
        if (stage.side() == Side.TARGET && FileTrees.delete(dumpFile())) {
            LOG.info("seed {} {}: removed old dump {}", stage.seedId(), context.pluginId(), dumpFile());
        }
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        Peer source = stage.peer().orElseThrow(() -> new IllegalStateException("the Backup stage needs the source host"));
        // the dump holds password hashes: 0600 from the start, and the redirect below truncates it in place
        Path dump = OwnerOnlyFiles.createEmptyFile(dumpFile());
        DumpDialect dialect = DumpDialect.detect(stage.commands(), settings.dumpCommand());
        try (OptionFile credentials = context.mysql().clientOptionFile(source.host(), source.mysqlPort())) {
            long estimate = new SourceDataSize(stage.commands(), settings.clientCommand()).estimate(credentials.path());
            stage.throwIfCancelled();
            List<String> argv = new ArrayList<>();
            argv.add(settings.dumpCommand());
            argv.add("--defaults-extra-file=" + credentials.path());
            argv.addAll(dialect.coordinateArguments());
            argv.add("--all-databases");
            argv.addAll(settings.dumpOptions());
            stage.progress().step("Running " + settings.dumpCommand() + " from " + source.host() + ":" + source.mysqlPort());
            LOG.info("seed {} {}: dumping {}:{} into {}", stage.seedId(), context.pluginId(), source.host(),
                    source.mysqlPort(), dump);
            try {
                StageCommands.runWithProgress(stage, Command.of(argv).stdoutTo(dump, false),
                        () -> FileTrees.sizeOf(dump), estimate);
            } catch (CommandFailedException e) {
                throw explainFullDisk(e, dump, estimate);
            }
        }
        LOG.info("seed {} {}: dump complete, {} bytes", stage.seedId(), context.pluginId(), Files.size(dump));
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        Path dump = existingDump();
        stage.progress().step("Running RESET MASTER");
        resetBinaryLogs();
        long total = Files.size(dump);
        stage.progress().step("Running restore");
        LOG.info("seed {} {}: restoring {} ({} bytes)", stage.seedId(), context.pluginId(), dump, total);
        try (OptionFile credentials = context.mysql().clientOptionFile("localhost", context.mysql().port())) {
            Command client = Command.of(settings.clientCommand(), "--defaults-extra-file=" + credentials.path())
                    .stdoutTo(DISCARD, true);
            feed(stage, client, dump, total);
        }
        LOG.info("seed {} {}: restore complete", stage.seedId(), context.pluginId());
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws Exception {
        return MysqldumpMetadataParser.parse(existingDump());
    }

    @Override
    public void cleanup(StageContext stage) throws IOException {
        if (stage.side() == Side.TARGET && FileTrees.delete(dumpFile())) {
            LOG.info("seed {} {}: removed dump {}", stage.seedId(), context.pluginId(), dumpFile());
        }
    }

    /** mysqldump reports a full disk only as "Got errno 28 on write": say where, and how big the dump gets. */
    private static CommandFailedException explainFullDisk(CommandFailedException e, Path dump, long estimate) {
        if (!e.stderrTail().contains("errno 28")) {
            return e;
        }
        String capacity;
        try {
            capacity = mebibytes(Files.getFileStore(dump.getParent()).getTotalSpace()) + " in all";
        } catch (IOException unknown) {
            capacity = "of unknown size";
        }
        return new CommandFailedException(e.program(), e.exitCode(), e.stderrTail().strip() + " (no space left on the"
                + " device: the filesystem holding " + dump + " is " + capacity
                + (estimate > 0 ? "; the source's data is about " + mebibytes(estimate) : "") + ")");
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Pipes the dump into the client itself, counting bytes, so progress is exact. */
    private static void feed(StageContext stage, Command client, Path dump, long total) throws Exception {
        AtomicLong fed = new AtomicLong();
        RunningCommand running = StageCommands.start(stage, client);
        ProgressPoller poller = ProgressPoller.start(stage.progress(), fed::get, total, StageCommands.PROGRESS_INTERVAL);
        try (running) {
            IOException feedFailure = null;
            try (InputStream in = Files.newInputStream(dump); OutputStream out = running.stdin()) {
                byte[] buffer = new byte[FEED_BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    stage.throwIfCancelled();
                    out.write(buffer, 0, n);
                    fed.addAndGet(n);
                }
            } catch (IOException e) {
                // the client stopped reading (it failed, or was killed): its exit status tells why
                feedFailure = e;
            }
            CommandResult result = running.await();
            StageCommands.requireSuccess(stage, client.program(), result);
            if (feedFailure != null) {
                throw new IOException("feeding " + dump + " to " + client.program() + " failed: " + feedFailure.getMessage(),
                        feedFailure);
            }
        } finally {
            poller.close();
        }
    }

    private void resetBinaryLogs() throws SQLException {
        // the dump may set GTID_PURGED, which needs an empty gtid_executed
        try (Connection connection = context.mysql().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("RESET MASTER");
        }
    }

    private Path existingDump() throws IOException {
        Path dump = dumpFile();
        if (!Files.isRegularFile(dump)) {
            throw new IOException("no dump at " + dump + ": the Backup stage has not completed on this agent");
        }
        return dump;
    }

    private Path dumpFile() {
        return context.paths().backupDir().resolve(DUMP_FILE);
    }
}
