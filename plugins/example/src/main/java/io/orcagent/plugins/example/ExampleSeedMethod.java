package io.orcagent.plugins.example;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.OptionFile;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.StageContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal logical seed. The target does all the work: Backup dumps the configured databases from the
 * source with {@code mariadb-dump --master-data=2} into the backup dir, Restore loads the file into the
 * local server with the {@code mariadb} client, and Metadata reads the binlog coordinates the dump
 * recorded. Credentials reach the tools only through option files, never on argv.
 */
final class ExampleSeedMethod implements SeedMethod {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleSeedMethod.class);
    private static final Pattern CHANGE_MASTER =
            Pattern.compile("CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\\d+)");
    /** The coordinates sit in the dump's header; no need to read gigabytes of data after it. */
    private static final int HEADER_LINES = 200;

    private final PluginContext context;
    private final ExampleSettings settings;

    ExampleSeedMethod(PluginContext context, ExampleSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public SeedMethodInfo info() {
        // a logical dump copies every engine's rows
        return new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES);
    }

    @Override
    public Availability probe() {
        if (settings.databases().isEmpty()) {
            return Availability.unavailable("no databases configured: set databases = [\"db1\", …] in [example]");
        }
        for (String program : List.of(settings.dumpCommand(), settings.clientCommand())) {
            try {
                CommandResult version = context.commands().run(Command.of(program, "--version"));
                if (!version.succeeded()) {
                    return Availability.unavailable(program + " --version exited with " + version.exitCode());
                }
            } catch (IOException e) {
                return Availability.unavailable(program + " cannot run: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Availability.unavailable("interrupted while checking " + program);
            }
        }
        return Availability.usable();
    }

    @Override
    public void prepare(StageContext stage) throws IOException {
        if (stage.side() == Side.TARGET) {
            Files.createDirectories(dumpFile(stage).getParent());
            Files.deleteIfExists(dumpFile(stage));
        }
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        Peer source = stage.peer().orElseThrow(() -> new IllegalStateException("Backup needs the source host"));
        Path dump = dumpFile(stage);
        stage.progress().step("Dumping " + String.join(", ", settings.databases()) + " from " + source.host());
        try (OptionFile credentials = context.mysql().clientOptionFile(source.host(), source.mysqlPort())) {
            List<String> argv = new ArrayList<>(List.of(settings.dumpCommand(),
                    // must come first: the tools ignore it anywhere else
                    "--defaults-extra-file=" + credentials.path(),
                    "--single-transaction", "--master-data=2", "--routines", "--events", "--triggers", "--databases"));
            argv.addAll(settings.databases());
            stage.commands().runChecked(Command.of(argv).stdoutTo(dump, false));
        }
        stage.progress().bytes(Files.size(dump), Files.size(dump));
        LOG.info("seed {}: dumped {} bytes from {}", stage.seedId(), Files.size(dump), source.host());
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        Path dump = dumpFile(stage);
        stage.progress().step("Loading the dump into the local server");
        try (OptionFile credentials = context.mysql().clientOptionFile(settings.localHost(), context.mysql().port())) {
            stage.commands().runChecked(Command.of(settings.clientCommand(),
                    "--defaults-extra-file=" + credentials.path()).stdinFrom(dump));
        }
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(dumpFile(stage), StandardCharsets.UTF_8)) {
            for (int i = 0; i < HEADER_LINES; i++) {
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                Matcher matcher = CHANGE_MASTER.matcher(line);
                if (matcher.find()) {
                    return BinlogCoordinates.positional(matcher.group(1), Long.parseLong(matcher.group(2)));
                }
            }
        }
        throw new IOException("no CHANGE MASTER line in the header of " + dumpFile(stage));
    }

    @Override
    public void cleanup(StageContext stage) throws IOException {
        // tolerate a seed that stopped before anything was written
        Files.deleteIfExists(dumpFile(stage));
    }

    private Path dumpFile(StageContext stage) {
        return context.paths().backupDir().resolve("example").resolve("seed-" + stage.seedId() + ".sql");
    }
}
