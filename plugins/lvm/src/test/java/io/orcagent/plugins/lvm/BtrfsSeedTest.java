package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.runtime.cli.ReplicationConnector;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.testkit.TestingPluginContext;
import io.orcagent.testkit.TestingStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.SnapshotScript;

/**
 * The {@code LVM} seed method end to end on btrfs: a real MariaDB whose datadir lives on a btrfs
 * subvolume of a loop device, the operator's snapshot script (read lock, {@code metadata} file, read-only
 * snapshot), the method's stages on a source and a target agent with the runtime's process runner, real
 * {@code tar} at both ends, and a target MariaDB started on the copy and proven as a replica.
 */
class BtrfsSeedTest {

    private static final long SEED = 41;

    @TempDir
    Path temp;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    private final List<AutoCloseable> cleanups = new ArrayList<>();
    private LoopBtrfs fs;
    private Path sourceSubvolume;
    private Path snapshots;

    @BeforeEach
    void filesystem() throws Exception {
        assumeThat(LoopBtrfs.possible()).as("needs root, losetup and btrfs-progs").isTrue();
        fs = LoopBtrfs.create(temp);
        sourceSubvolume = fs.subvolume("mysql");
        snapshots = Files.createDirectories(fs.mountPoint().resolve("snapshots"));
    }

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable cleanup : cleanups.reversed()) {
            cleanup.close();
        }
        if (fs != null) {
            fs.close();
        }
        runner.shutdown();
    }

    @Test
    void aSnapshotSeedMakesTheTargetAProvenReplicaAtTheMetadataCoordinates() throws Exception {
        MariaDbSandbox source = sandbox(sourceSubvolume, "127.0.0.2", 1);
        new SampleDataset(3000).load(source.dataSource());
        MariaDbSandbox target = sandbox(temp.resolve("target-db"), "127.0.0.3", 2);
        SandboxService targetService = service(target);
        String createCommand = SnapshotScript.write(source, sourceSubvolume, snapshots, temp);
        PipeTransferService transfer = new PipeTransferService(runner);
        SeedAgentContext sourceAgent = agent("source-agent", source, transfer, Optional.empty(), createCommand);
        SeedAgentContext targetAgent = agent("target-agent", target, transfer, Optional.of(targetService), createCommand);
        SeedMethod onSource = new LvmSeedMethodFactory().create(sourceAgent);
        SeedMethod onTarget = new LvmSeedMethodFactory().create(targetAgent);
        String[] atSnapshot = masterStatus(source);

        onTarget.prepare(stage(Stage.PREPARE, Side.TARGET));
        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));
        onSource.backup(backupStage(source));
        onTarget.restore(stage(Stage.RESTORE, Side.TARGET));
        BinlogCoordinates coordinates = onTarget.metadata(stage(Stage.CONNECT_SLAVE, Side.TARGET));

        assertThat(coordinates).isEqualTo(new BinlogCoordinates(atSnapshot[0], Long.parseLong(atSnapshot[1]), "",
                atSnapshot[2]));
        SortedMap<String, Long> sourceChecksums = Checksums.of(source.dataSource());
        assertThat(sourceChecksums).hasSizeGreaterThan(3);
        assertThat(Checksums.of(target.dataSource())).isEqualTo(sourceChecksums);
        new ReplicationConnector(target.dataSource()).connect(new ReplicationConnector.Coordinates(source.address(),
                source.port(), coordinates.logFile(), coordinates.logPosition(), coordinates.gtidExecuted()),
                SandboxSettings.DEFAULT_REPLICATION_USER, SandboxSettings.DEFAULT_REPLICATION_PASSWORD,
                Duration.ofSeconds(60));
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(60));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
        assertThat(transfer.targetHosts()).containsExactly("127.0.0.3");

        onSource.cleanup(stage(Stage.CLEANUP, Side.SOURCE));
        onTarget.cleanup(stage(Stage.CLEANUP, Side.TARGET));
        assertThat(MountTable.read(MountTable.PROC_MOUNTS).at(sourceAgent.paths().backupDir())).isEmpty();
        assertThat(target.datadir().resolve(DatadirTarget.LOCK_FILE)).doesNotExist();
        assertThat(sourceAgent.base().section().unreadKeys()).isEmpty();
    }

    @Test
    void restoreFailsWhenMysqlDoesNotComeUpOnTheCopy() throws Exception {
        Path fakeDatadir = fakeDatadir();
        Files.writeString(fakeDatadir.resolve("ibdata1"), "not an InnoDB tablespace");
        MariaDbSandbox target = sandbox(temp.resolve("target-db"), "127.0.0.3", 2);
        SandboxService targetService = service(target);
        PipeTransferService transfer = new PipeTransferService(runner);
        SeedAgentContext sourceAgent = agent("source-agent", fakeDatadir, transfer, Optional.empty(), "", "10s");
        SeedAgentContext targetAgent = agent("target-agent", target.datadir(), transfer, Optional.of(targetService), "",
                "10s");
        SeedMethod onSource = new LvmSeedMethodFactory().create(sourceAgent);
        SeedMethod onTarget = new LvmSeedMethodFactory().create(targetAgent);
        onTarget.prepare(stage(Stage.PREPARE, Side.TARGET));
        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));
        onSource.backup(new TestingStageContext(SEED, Stage.BACKUP, Side.SOURCE, Optional.of(new Peer("127.0.0.3", 3306)),
                runner.newScope("backup")));

        assertThatThrownBy(() -> onTarget.restore(stage(Stage.RESTORE, Side.TARGET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MySQL did not answer within PT10S of service-start-command; see its error log");
        assertThat(target.datadir().resolve("ibdata1")).hasContent("not an InnoDB tablespace");
        onSource.cleanup(stage(Stage.CLEANUP, Side.SOURCE));
    }

    @Test
    void sourcePrepareRefusesABackupDirWhereSomethingElseIsMounted() throws Exception {
        SeedAgentContext sourceAgent = agent("source-agent", fakeDatadir(),
                new PipeTransferService(runner), Optional.empty(), "", "10s");
        Path backupDir = sourceAgent.paths().backupDir();
        LoopBtrfs.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", backupDir.toString());
        SeedMethod onSource = new LvmSeedMethodFactory().create(sourceAgent);

        assertThatThrownBy(() -> onSource.prepare(stage(Stage.PREPARE, Side.SOURCE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("tmpfs is already mounted at " + backupDir + "; unmount it before seeding from"
                        + " snapshot " + snapshots);
        assertThat(MountTable.read(MountTable.PROC_MOUNTS).at(backupDir)).get()
                .extracting(MountTable.MountEntry::fileSystem).isEqualTo("tmpfs");
    }

    @Test
    void aRetriedSourcePrepareKeepsTheSnapshotItAlreadyMounted() throws Exception {
        Path datadir = fakeDatadir();
        SeedAgentContext sourceAgent = agent("source-agent", datadir, new PipeTransferService(runner), Optional.empty(),
                "", "10s", false);
        LoopBtrfs.run("btrfs", "subvolume", "snapshot", "-r", sourceSubvolume.toString(), snapshots + "/mysql-1");
        SeedMethod onSource = new LvmSeedMethodFactory().create(sourceAgent);
        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));

        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));

        assertThat(mountsAt(sourceAgent.paths().backupDir())).containsExactly("/snapshots/mysql-1");
    }

    @Test
    void aRetriedSourcePrepareWithAFreshSnapshotMountsItInsteadOfTheEarlierOne() throws Exception {
        Path datadir = fakeDatadir();
        SeedAgentContext sourceAgent = agent("source-agent", datadir, new PipeTransferService(runner), Optional.empty(),
                "", "10s", true);
        SeedMethod onSource = new LvmSeedMethodFactory().create(sourceAgent);
        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));
        String first = mountsAt(sourceAgent.paths().backupDir()).get(0);

        onSource.prepare(stage(Stage.PREPARE, Side.SOURCE));

        List<String> mounted = mountsAt(sourceAgent.paths().backupDir());
        assertThat(mounted).hasSize(1).doesNotContain(first);
        onSource.cleanup(stage(Stage.CLEANUP, Side.SOURCE));
        assertThat(mountsAt(sourceAgent.paths().backupDir())).isEmpty();
    }

    private Path fakeDatadir() throws Exception {
        Path datadir = Files.createDirectories(sourceSubvolume.resolve("data"));
        Files.writeString(datadir.resolve("ibdata1"), "x");
        return datadir;
    }

    /** The subvol= option of every mount stacked on a directory. */
    private static List<String> mountsAt(Path dir) throws Exception {
        return Files.readString(MountTable.PROC_MOUNTS).lines()
                .filter(line -> line.split(" ")[1].equals(dir.toString()))
                .map(line -> MountTable.parse(line).at(dir).orElseThrow().option("subvol").orElse(""))
                .toList();
    }

    private MariaDbSandbox sandbox(Path dir, String address, int serverId) throws Exception {
        MariaDbSandbox sandbox = MariaDbSandbox.start(SandboxSettings.of(dir, address, MariaDbSandbox.freePort(address),
                serverId));
        cleanups.add(sandbox);
        return sandbox;
    }

    private SandboxService service(MariaDbSandbox sandbox) throws Exception {
        SandboxService service = SandboxService.of(sandbox, runner);
        cleanups.add(service::stop);
        return service;
    }

    private SeedAgentContext agent(String name, MariaDbSandbox server, PipeTransferService transfer,
                                   Optional<SandboxService> service, String createCommand) throws Exception {
        return agent(name, server.datadir(), transfer, service, createCommand, "2m");
    }

    private SeedAgentContext agent(String name, Path datadir, PipeTransferService transfer,
                                   Optional<SandboxService> service, String createCommand, String restoreTimeout)
            throws Exception {
        return agent(name, datadir, transfer, service, createCommand, restoreTimeout, true);
    }

    private SeedAgentContext agent(String name, Path datadir, PipeTransferService transfer,
                                   Optional<SandboxService> service, String createCommand, String restoreTimeout,
                                   boolean createForSeed) throws Exception {
        Path agentDir = temp.resolve(name);
        TestingPluginContext.Builder builder = TestingPluginContext.builder()
                .commands(runner)
                .set("snapshot-provider", "btrfs")
                .set("btrfs-source-subvolume", sourceSubvolume.toString())
                .set("btrfs-snapshot-dir", snapshots.toString())
                .set("create-snapshot-command", createCommand)
                .set("create-new-snapshot-for-seed", createForSeed)
                .set("snapshot-volumes-filter", "mysql")
                .set("restore-timeout", restoreTimeout)
                .set("datadir-owner", "")
                .paths(new AgentPaths(Files.createDirectories(agentDir.resolve("backup")),
                        Files.createDirectories(agentDir.resolve("state")), datadir));
        service.ifPresent(s -> builder.mysqlService(s.control()));
        return new SeedAgentContext(builder.build("lvm"), transfer);
    }

    private TestingStageContext stage(Stage stage, Side side) {
        return new TestingStageContext(SEED, stage, side, Optional.empty(), runner.newScope(stage.wireName()));
    }

    private TestingStageContext backupStage(MariaDbSandbox source) {
        return new TestingStageContext(SEED, Stage.BACKUP, Side.SOURCE,
                Optional.of(new Peer("127.0.0.3", source.port())), runner.newScope("backup"));
    }

    private static String[] masterStatus(MariaDbSandbox server) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            String file;
            String position;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                file = rs.getString(1);
                position = rs.getString(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                rs.next();
                return new String[] {file, position, rs.getString(1)};
            }
        }
    }
}
