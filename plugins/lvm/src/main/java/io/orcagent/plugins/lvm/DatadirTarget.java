package io.orcagent.plugins.lvm;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.PluginContext;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import io.orcagent.plugins.seedsupport.LvmMetadataParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target side of an {@code LVM} seed: Prepare stops MySQL, empties the datadir and opens the
 * receiver that unpacks the stream into it; Restore waits for the stream, gives the copy a new server
 * identity and starts MySQL (failing when it does not answer); Metadata reads the snapshot's
 * {@code metadata} file; Cleanup removes the lock file.
 */
final class DatadirTarget {

    /** Keeps the emptied datadir non-empty, so a distribution's start script does not re-initialise it. */
    static final String LOCK_FILE = "orchestrator-agent.lock";
    /** Written into the datadir by the operator's snapshot command, before the snapshot is taken. */
    static final String METADATA_FILE = "metadata";
    /** MySQL's server UUID file: a copy must get its own. */
    static final String AUTO_CNF = "auto.cnf";

    private static final Logger LOG = LoggerFactory.getLogger(DatadirTarget.class);

    private final PluginContext context;
    private final LvmSettings settings;

    DatadirTarget(PluginContext context, LvmSettings settings) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    void prepare(StageContext stage) throws Exception {
        Path datadir = datadir();
        stage.progress().step("Stopping MySQL");
        context.mysqlService().stop();
        if (context.mysqlService().running()) {
            throw new IllegalStateException("MySQL still runs after service-stop-command; refusing to empty " + datadir);
        }
        stage.progress().step("Cleaning MySQL datadir");
        LOG.info("seed {} {}: emptying {}", stage.seedId(), context.pluginId(), datadir);
        StageRun.privileged(stage, List.of("find", "-H", datadir.toString(), "-mindepth", "1", "-delete"));
        stage.progress().step("Creating lock file");
        StageRun.privileged(stage, List.of("touch", datadir.resolve(LOCK_FILE).toString()));
        Command consumer = Command.of("tar", "-x", "-f", "-", "-C", datadir.toString()).asPrivileged();
        context.transfer().receive(stage, consumer);
        stage.progress().step("Waiting for backup data");
        LOG.info("seed {} {}: receiver open, unpacking into {}", stage.seedId(), context.pluginId(), datadir);
    }

    void restore(StageContext stage) throws Exception {
        Path datadir = datadir();
        TransferService.Receiver receiver = context.transfer().receiver(stage.seedId()).orElseThrow(() ->
                new IllegalStateException("no snapshot stream for seed " + stage.seedId()
                        + " on this agent: its Prepare stage has not run here, or the seed was aborted"));
        stage.progress().step("Waiting for the snapshot stream to finish");
        TransferService.TransferResult received = receiver.await(settings.restoreTimeout());
        LOG.info("seed {} {}: received {} bytes into {}", stage.seedId(), context.pluginId(), received.bytes(), datadir);
        stage.progress().step("Removing auto.cnf from MySQL datadir");
        StageRun.privileged(stage, List.of("rm", "-f", datadir.resolve(AUTO_CNF).toString(),
                datadir.resolve(LOCK_FILE).toString()));
        if (!settings.datadirOwner().isEmpty()) {
            stage.progress().step("Changing owner of mysql datadir");
            StageRun.privileged(stage, List.of("chown", "-R", settings.datadirOwner(), datadir.toString()));
        }
        stage.progress().step("Starting MySQL");
        context.mysqlService().start();
        stage.progress().step("Running restore. Waiting for MySQL to start");
        if (!context.mysqlService().awaitReachable(settings.restoreTimeout())) {
            throw new IllegalStateException("MySQL did not answer within " + settings.restoreTimeout()
                    + " of service-start-command; see its error log");
        }
        LOG.info("seed {} {}: MySQL answers on the restored datadir", stage.seedId(), context.pluginId());
    }

    BinlogCoordinates metadata(StageContext stage) throws Exception {
        Path file = datadir().resolve(METADATA_FILE);
        CommandResult result = stage.commands().run(Command.of("cat", file.toString()).asPrivileged()
                .timeout(ToolRunner.QUICK));
        if (!result.succeeded()) {
            throw new IllegalStateException("cannot read " + file + " (" + result.stderrTail().strip()
                    + "): the snapshot must hold the metadata file create-snapshot-command writes into the datadir");
        }
        return LvmMetadataParser.parse(result.stdout());
    }

    void cleanup(StageContext stage) throws Exception {
        StageRun.privileged(stage, List.of("rm", "-f", datadir().resolve(LOCK_FILE).toString()));
    }

    /** Only ever the local server's own datadir, and never {@code /}. */
    private Path datadir() {
        Path datadir = context.paths().mysqlDatadir();
        if (!datadir.isAbsolute() || datadir.normalize().getNameCount() == 0) {
            throw new IllegalStateException("refusing to use " + Quoting.quoted(datadir.toString()) + " as the MySQL datadir");
        }
        return datadir.normalize();
    }
}
