package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Faults of the hosts around a seed, through agents started from the distribution with real MariaDB: the
 * target's backup dir full, MySQL stopped on the source, the seed tool missing or vanishing. Each must
 * end with a clear {@code Error} (or a clear refusal), leave nothing behind, leave the source unchanged,
 * and the next seed, once the DBA fixed the cause, must produce a proven replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostFaultEndToEndTest {

    private static final String INSTALL_HINT = "install mariadb-client or mysql-client";

    @TempDir
    static Path dir;

    private FaultLab lab;
    private LabHost source;
    private LoopExt4 smallBackupDir;

    @BeforeAll
    void startLab() throws Exception {
        lab = new FaultLab(dir.resolve("lab"));
        source = lab.host("source", "127.0.0.51", 51, "", SeedLab.DEFAULT_PLUGIN_SECTIONS);
        new SampleDataset(20_000).load(source.dataSource()); // a dump of about 15 MiB
    }

    @AfterEach
    void endTest() throws Exception {
        try {
            lab.endTest();
        } finally {
            if (smallBackupDir != null) {
                smallBackupDir.close();
                smallBackupDir = null;
            }
        }
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void fullBackupDirFailsTheDumpWithTheReasonAndTheNextSeedSucceedsOnceTheVolumeGrew() throws Exception {
        assumeThat(LoopExt4.possible()).as("needs root, losetup, mkfs.ext4, e2fsck and resize2fs").isTrue();
        Path backupDir = Files.createDirectories(lab.dir("full-target").resolve("backup"));
        smallBackupDir = LoopExt4.mount(lab.root().resolve("full-target-backup.img"), 8, backupDir);
        lab.mountedByTheTest(backupDir);
        LabHost target = lab.testHost("full-target", "127.0.0.52", 52, "", SeedLab.DEFAULT_PLUGIN_SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        long seed = 5100;

        FaultLab.Agentctl run = lab.seed("Mysqldump", seed, source, target);

        assertThat(run.exitCode()).as(run.errors()).isNotZero();
        assertThat(run.errors()).contains("Backup failed on 127.0.0.52:");
        JsonNode backup = new SeedStageApi(target).stage(seed, "Backup");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).contains("mariadb-dump exited with")
                .contains("no space left on the device: the filesystem holding " + backupDir.resolve("orchestrator_agent_backup.sql"));
        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);

        smallBackupDir.grow(256);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void sourceMysqlStoppedFailsTheDumpWithTheReasonAndTheNextSeedSucceedsOnceItRuns() throws Exception {
        LabHost target = lab.testHost("down-target", "127.0.0.53", 53, "", SeedLab.DEFAULT_PLUGIN_SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 5200;
        t.call("prepare/" + seed + "/Mysqldump/Target", 202);
        s.call("prepare/" + seed + "/Mysqldump/Source", 202);
        t.awaitStage(seed, "Prepare", "Completed");
        s.awaitStage(seed, "Prepare", "Completed");

        service(source, "stop");
        try {
            t.call("backup/" + seed + "/Mysqldump/127.0.0.51/" + source.mysql().port(), 202);
            JsonNode backup = t.awaitStage(seed, "Backup", "Error", "Completed");
            assertThat(backup.path("Status").asText()).isEqualTo("Error");
            assertThat(backup.path("Details").asText()).contains("mariadb-dump")
                    .contains("Can't connect to server on '127.0.0.51'");
            t.abortAndCleanUp(seed, "Mysqldump", "Target");
            s.abortAndCleanUp(seed, "Mysqldump", "Source");
            lab.assertNothingLeftBehind();
        } finally {
            service(source, "start");
        }
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void missingDumpToolMakesTheMethodUnavailableWithTheReasonAndTheSeedIsRefused() throws Exception {
        Path tool = lab.dir("nodump-target").resolve("tools/mariadb-dump");
        LabHost target = lab.testHost("nodump-target", "127.0.0.54", 54, "", sectionsWithDumpCommand(tool));
        SeedStageApi t = new SeedStageApi(target);
        long seed = 5300;

        JsonNode method = seedMethod(t, "Mysqldump");
        assertThat(method.path("available").asBoolean()).isFalse();
        assertThat(method.path("reason").asText()).isEqualTo(tool + " not found: " + INSTALL_HINT);
        assertThat(t.json("get-agent-data").path("AvailiableSeedMethods").has("Mysqldump")).isFalse();

        FaultLab.Agentctl run = lab.seed("Mysqldump", seed, source, target);
        assertThat(run.exitCode()).as(run.errors()).isNotZero();
        assertThat(run.errors()).contains("does not offer Mysqldump").contains("see GET /api/plugins");
        HttpResponse<String> prepare = t.get("prepare/" + seed + "/Mysqldump/Target");
        assertThat(prepare.statusCode()).isEqualTo(500);
        assertThat(prepare.body()).contains("Seed method unavailiable on agent");
        assertThat(t.get("seed-stage-state/" + seed + "/Prepare").statusCode()).as("no seed started").isEqualTo(500);
        lab.assertNothingLeftBehind();

        install(tool);
        assertThat(t.post("plugins/reload").statusCode()).isEqualTo(200);
        assertThat(seedMethod(t, "Mysqldump").path("available").asBoolean()).isTrue();
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void dumpToolVanishingAfterTheProbeFailsTheBackupWithTheReason() throws Exception {
        Path tool = lab.dir("vanish-target").resolve("tools/mariadb-dump");
        install(tool);
        LabHost target = lab.testHost("vanish-target", "127.0.0.55", 55, "", sectionsWithDumpCommand(tool));
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 5400;
        assertThat(seedMethod(t, "Mysqldump").path("available").asBoolean()).isTrue();
        t.call("prepare/" + seed + "/Mysqldump/Target", 202);
        s.call("prepare/" + seed + "/Mysqldump/Source", 202);
        t.awaitStage(seed, "Prepare", "Completed");

        Files.delete(tool);
        t.call("backup/" + seed + "/Mysqldump/127.0.0.51/" + source.mysql().port(), 202);

        JsonNode backup = t.awaitStage(seed, "Backup", "Error", "Completed");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).contains(tool.toString());
        t.abortAndCleanUp(seed, "Mysqldump", "Target");
        s.abortAndCleanUp(seed, "Mysqldump", "Source");
        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);

        install(tool);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    private static String sectionsWithDumpCommand(Path tool) {
        return String.join("\n", "[mysqldump]", "enabled = true", "dump-command = \"" + tool + "\"",
                "[mydumper]", "enabled = true");
    }

    /** Installs the dump tool at {@code path}: a script that runs the system's. */
    private static void install(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\nexec " + MariaDbSandbox.binary("mariadb-dump", "mysqldump") + " \"$@\"\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static JsonNode seedMethod(SeedStageApi agent, String name) throws IOException, InterruptedException {
        for (JsonNode plugin : agent.json("plugins")) {
            for (JsonNode method : plugin.path("seedMethods")) {
                if (method.path("name").asText().equals(name)) {
                    return method;
                }
            }
        }
        throw new AssertionError("no plugin declares " + name);
    }

    private static void service(LabHost host, String action) throws IOException, InterruptedException {
        LoopBtrfs.run(host.serviceScript().toString(), action);
    }
}
