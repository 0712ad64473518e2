package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LabOrchestrator;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.lab.SnapshotScript;
import io.orcagent.runtime.sandbox.Checksums;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;
import io.orcagent.runtime.wire.GoJson;

/**
 * Upstream orchestrator's agent API, as its GetAgent poll and its legacy seed call it, against two agents
 * registered with a legacy-flavour orchestrator: the nine polling routes decode into the Go types, and
 * a seed runs through snapshot creation, mountlv, delete-mysql-datadir, receive/send-mysql-seed-data,
 * seed-command-completed/succeeded, mysql-start, umount and removelv, on btrfs snapshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyApiEndToEndTest {

    @TempDir
    static Path dir;

    private LoopBtrfs fs;
    private LabOrchestrator orchestrator;
    private LabHost source;
    private LabHost target;

    @BeforeAll
    void start() throws Exception {
        assumeThat(LoopBtrfs.possible()).as("needs root, losetup and btrfs-progs").isTrue();
        fs = LoopBtrfs.create(Files.createDirectories(dir.resolve("btrfs")));
        orchestrator = new LabOrchestrator(true);
        Path dist = Path.of(System.getProperty("dist.dir"));
        Path sourceHome = Files.createDirectories(fs.mountPoint().resolve("src"));
        Path subvolume = fs.subvolume("src/mysql");
        Path snapshots = Files.createDirectories(fs.mountPoint().resolve("snapshots"));
        String create = SnapshotScript.write(MariaDbSandbox.socket(subvolume), MariaDbSandbox.datadir(subvolume),
                subvolume, snapshots, Files.createDirectories(fs.mountPoint().resolve("scripts")));
        source = LabHost.start(sourceHome, "legacy-source", "127.0.0.21", 21, dist, orchestrator.port(), "",
                lvm(subvolume, snapshots, create));
        new SampleDataset(2000).load(source.dataSource());
        Path targetSubvolume = Files.createDirectories(fs.mountPoint().resolve("dst"));
        target = LabHost.start(targetSubvolume, "legacy-target", "127.0.0.22", 22, dist, orchestrator.port(), "",
                SeedLab.DEFAULT_PLUGIN_SECTIONS);
        Instant deadline = Instant.now().plusSeconds(30);
        while (orchestrator.registrations().size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {target, source, orchestrator, fs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private static String lvm(Path subvolume, Path snapshots, String create) {
        return String.join("\n", SeedLab.DEFAULT_PLUGIN_SECTIONS, "[lvm]", "enabled = true",
                "snapshot-provider = \"btrfs\"",
                "btrfs-source-subvolume = \"" + subvolume + "\"",
                "btrfs-snapshot-dir = \"" + snapshots + "\"",
                "create-snapshot-command = \"" + create.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
                "available-local-snapshot-hosts-command = \"echo db1.dc1\"",
                "available-snapshot-hosts-command = \"echo db1.dc1; echo db7.dc2\"",
                "datadir-owner = \"\"");
    }

    @Test
    void agentsRegisteredThroughSubmitAgent() {
        assertThat(orchestrator.registrations()).anyMatch(p -> p.startsWith("/api/submit-agent/127.0.0.21/"))
                .anyMatch(p -> p.startsWith("/api/submit-agent/127.0.0.22/"));
    }

    @Test
    void theNinePollingRoutesDecodeIntoUpstreamTypes() throws Exception {
        LabAgentHttp s = new LabAgentHttp(source);
        assertThat(json(s, "available-snapshots-local")).isEqualTo(GoJson.mapper().readTree("[\"db1.dc1\"]"));
        assertThat(json(s, "available-snapshots")).isEqualTo(GoJson.mapper().readTree("[\"db1.dc1\",\"db7.dc2\"]"));
        assertThat(json(s, "lvs-snapshots").isArray()).isTrue();
        JsonNode mount = json(s, "mount");
        assertThat(fieldNames(mount)).containsExactly("Path", "Device", "LVPath", "FileSystem", "IsMounted", "DiskUsage",
                "MySQLDataPath", "MySQLDiskUsage");
        assertThat(json(s, "mysql-status").isBoolean()).isTrue();
        assertThat(json(s, "mysql-port").asInt()).isEqualTo(source.mysql().port());
        assertThat(json(s, "mysql-du").isIntegralNumber()).isTrue();
        assertThat(json(s, "mysql-datadir-available-space").asLong()).isPositive();
        JsonNode tail = json(s, "mysql-error-log-tail");
        assertThat(tail.isArray()).isTrue();
        assertThat(tail.size()).isBetween(1, 20);
    }

    @Test
    void aLegacySeedCopiesTheNewestSnapshotIntoTheTargetDatadir() throws Exception {
        LabAgentHttp s = new LabAgentHttp(source);
        LabAgentHttp t = new LabAgentHttp(target);
        SortedMap<String, Long> expected = Checksums.of(source.dataSource());

        assertThat(s.get("create-snapshot").body()).isEqualTo("true");
        JsonNode snapshots = json(s, "lvs-snapshots");
        assertThat(snapshots.size()).isGreaterThanOrEqualTo(1);
        JsonNode lv = snapshots.get(snapshots.size() - 1);
        assertThat(fieldNames(lv)).containsExactly("Name", "GroupName", "Path", "IsSnapshot", "SnapshotPercent");
        assertThat(lv.get("IsSnapshot").asBoolean()).isTrue();
        String path = lv.get("Path").asText();
        assertThat(json(s, "lv?lv=" + path).size()).isEqualTo(1);

        JsonNode mounted = json(s, "mountlv?lv=" + path);
        assertThat(mounted.get("IsMounted").asBoolean()).isTrue();
        assertThat(mounted.get("MySQLDataPath").asText()).endsWith("/data");
        assertThat(mounted.get("MySQLDiskUsage").asLong()).isPositive();
        assertThat(s.get("mountlv?lv=/etc").statusCode()).isEqualTo(500);

        assertThat(t.get("delete-mysql-datadir").statusCode()).as("refused while MySQL runs").isEqualTo(500);
        assertThat(t.get("mysql-stop").body()).isEqualTo("true");
        assertThat(t.get("delete-mysql-datadir").body()).isEqualTo("true");
        assertThat(Files.list(target.mysql().datadir()).toList()).isEmpty();

        assertThat(t.get("receive-mysql-seed-data/77").body()).isEqualTo("true");
        assertThat(s.get("send-mysql-seed-data/127.0.0.22/77").body()).isEqualTo("true");
        // each side's copy ends on its own: the target's once the stream is verified, the source's once it has
        // read the target's confirmation, so each is asked once it says it completed
        for (LabAgentHttp side : List.of(t, s)) {
            Instant deadline = Instant.now().plusSeconds(120);
            while (!side.get("seed-command-completed/77").body().equals("true") && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(side.get("seed-command-succeeded/77").body()).isEqualTo("true");
        }
        assertThat(t.get("post-copy?sourceHost=127.0.0.21").body()).isEqualTo("true");
        Files.deleteIfExists(target.mysql().datadir().resolve("auto.cnf"));
        assertThat(t.get("mysql-start").body()).isEqualTo("true");
        assertThat(Checksums.of(target.dataSource())).isEqualTo(expected);

        JsonNode unmounted = json(s, "umount");
        assertThat(unmounted.get("IsMounted").asBoolean()).isFalse();
        assertThat(s.get("removelv?lv=" + path).body()).isEqualTo("true");
        assertThat(json(s, "lvs-snapshots").findValuesAsText("Path")).doesNotContain(path);
        assertThat(Long.parseLong(t.get("du?path=" + target.mysql().datadir()).body())).isPositive();
    }

    private static JsonNode json(LabAgentHttp agent, String command) throws Exception {
        var r = agent.get(command);
        assertThat(r.statusCode()).as(command + ": " + r.body()).isEqualTo(200);
        return GoJson.mapper().readTree(r.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
