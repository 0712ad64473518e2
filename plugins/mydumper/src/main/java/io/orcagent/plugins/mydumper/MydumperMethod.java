package io.orcagent.plugins.mydumper;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.OptionFile;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.StageContext;
import io.orcagent.plugins.seedsupport.Executables;
import io.orcagent.plugins.seedsupport.FileTrees;
import io.orcagent.plugins.seedsupport.MydumperMetadataParser;
import io.orcagent.plugins.seedsupport.OwnerOnlyFiles;
import io.orcagent.plugins.seedsupport.SourceDataSize;
import io.orcagent.plugins.seedsupport.StageCommands;
import io.orcagent.plugins.seedsupport.ToolProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Mydumper} seed method. Everything runs on the target: Backup runs mydumper against the
 * source into {@code <backup-dir>/orchestrator_agent_backup}, Restore loads it with myloader while the
 * server's global {@code sql_mode} is {@code NO_AUTO_VALUE_ON_ZERO} (and puts the saved mode back
 * afterwards, whatever happens), Metadata reads the directory's {@code metadata} file. Credentials
 * reach both tools through a 0600 option file passed with {@code --defaults-file}.
 */
final class MydumperMethod implements SeedMethod {

    /** The dump directory's name inside the backup dir (the Go agent's). */
    static final String DUMP_DIR = "orchestrator_agent_backup";
    static final String LOAD_SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";

    private static final Logger LOG = LoggerFactory.getLogger(MydumperMethod.class);
    private static final String MYDUMPER = "mydumper";
    private static final String MYLOADER = "myloader";

    private final PluginContext context;
    private final MydumperSettings settings;

    MydumperMethod(PluginContext context, MydumperSettings settings) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    @Override
    public SeedMethodInfo info() {
        return new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES);
    }

    @Override
    public Availability probe() {
        return new ToolProbe(context.commands()).allAnswerVersion(List.of(MYDUMPER, MYLOADER),
                "install mydumper (it provides mydumper and myloader)");
    }

    @Override
    public void prepare(StageContext stage) throws IOException {
        if (stage.side() == Side.TARGET && FileTrees.delete(dumpDir())) {
            LOG.info("seed {} {}: removed old dump {}", stage.seedId(), context.pluginId(), dumpDir());
        }
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        Peer source = stage.peer().orElseThrow(() -> new IllegalStateException("the Backup stage needs the source host"));
        // mydumper chooses its files' modes itself; a 0700 directory keeps them (password hashes too) private
        Path dir = OwnerOnlyFiles.createDirectories(dumpDir());
        try (OptionFile credentials = context.mysql().clientOptionFile(source.host(), source.mysqlPort())) {
            long estimate = estimateSourceSize(stage, credentials.path());
            stage.throwIfCancelled();
            List<String> argv = new ArrayList<>(List.of(MYDUMPER, "--defaults-file=" + credentials.path(),
                    "--no-backup-locks", "--outputdir", dir.toString()));
            argv.addAll(settings.dumperOptions());
            stage.progress().step("Running mydumper from " + source.host() + ":" + source.mysqlPort());
            LOG.info("seed {} {}: dumping {}:{} into {}", stage.seedId(), context.pluginId(), source.host(),
                    source.mysqlPort(), dir);
            StageCommands.runWithProgress(stage, Command.of(argv), () -> FileTrees.sizeOf(dir), estimate);
        }
        if (!Files.isRegularFile(dir.resolve("metadata"))) {
            throw new IOException("mydumper exited 0 but wrote no " + dir.resolve("metadata"));
        }
        LOG.info("seed {} {}: dump complete, {} bytes", stage.seedId(), context.pluginId(), FileTrees.sizeOf(dir));
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        Path dir = existingDump();
        long total = FileTrees.sizeOf(dir);
        List<String> argv = new ArrayList<>();
        try (OptionFile credentials = context.mysql().clientOptionFile("localhost", context.mysql().port());
             SqlModeOverride sqlMode = SqlModeOverride.set(context.mysql().dataSource(), LOAD_SQL_MODE)) {
            LOG.info("seed {} {}: global sql_mode '{}' saved, '{}' set for the load", stage.seedId(),
                    context.pluginId(), sqlMode.saved(), LOAD_SQL_MODE);
            argv.addAll(List.of(MYLOADER, "--defaults-file=" + credentials.path(), "--overwrite-tables",
                    "--directory", dir.toString()));
            argv.addAll(settings.loaderOptions());
            stage.progress().step("Running myloader");
            StageCommands.runWithProgress(stage, Command.of(argv),
                    BytesReceived.since(context.mysql().dataSource()), total);
        }
        LOG.info("seed {} {}: restore complete, sql_mode restored", stage.seedId(), context.pluginId());
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws Exception {
        Path metadata = existingDump().resolve("metadata");
        if (!Files.isRegularFile(metadata)) {
            throw new IOException("no mydumper metadata at " + metadata);
        }
        return MydumperMetadataParser.parse(Files.readString(metadata, StandardCharsets.UTF_8));
    }

    @Override
    public void cleanup(StageContext stage) throws IOException {
        if (stage.side() == Side.TARGET && FileTrees.delete(dumpDir())) {
            LOG.info("seed {} {}: removed dump {}", stage.seedId(), context.pluginId(), dumpDir());
        }
    }

    /** The source's data size through the MySQL client, when one is installed (mydumper does not need it). */
    private static long estimateSourceSize(StageContext stage, Path credentials) throws InterruptedException {
        for (String client : List.of("mariadb", "mysql")) {
            if (Executables.onPath(client)) {
                return new SourceDataSize(stage.commands(), client).estimate(credentials);
            }
        }
        return -1;
    }

    private Path existingDump() throws IOException {
        Path dir = dumpDir();
        if (!Files.isDirectory(dir)) {
            throw new IOException("no dump at " + dir + ": the Backup stage has not completed on this agent");
        }
        return dir;
    }

    private Path dumpDir() {
        return context.paths().backupDir().resolve(DUMP_DIR);
    }
}
