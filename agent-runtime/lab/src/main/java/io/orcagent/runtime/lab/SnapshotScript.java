package io.orcagent.runtime.lab;

import io.orcagent.runtime.sandbox.MariaDbSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an operator's {@code create-snapshot-command} for a sandbox on btrfs, the way the Go README's
 * snapshot script works: one client session takes {@code FLUSH TABLES WITH READ LOCK}, runs (with the
 * client's {@code system} command, so the lock is held) a script that writes {@code SHOW MASTER STATUS}
 * (and, MariaDB's GTID, {@code @@gtid_binlog_pos}) to {@code <datadir>/metadata} and takes a read-only
 * snapshot, then {@code UNLOCK TABLES}.
 */
public final class SnapshotScript {

    private SnapshotScript() {
    }

    /**
     * Writes the scripts.
     *
     * @param sandbox the source server
     * @param sourceSubvolume the subvolume holding its datadir
     * @param snapshotDir where snapshots go
     * @param dir where to write the scripts
     * @return the command line for {@code create-snapshot-command}
     * @throws IOException when the scripts cannot be written
     */
    public static String write(MariaDbSandbox sandbox, Path sourceSubvolume, Path snapshotDir, Path dir) throws IOException {
        return write(sandbox.socket(), sandbox.datadir(), sourceSubvolume, snapshotDir, dir);
    }

    /**
     * Writes the scripts for a server that is not started yet.
     *
     * @param socket the server's socket
     * @param datadir the server's datadir
     * @param sourceSubvolume the subvolume holding its datadir
     * @param snapshotDir where snapshots go
     * @param dir where to write the scripts
     * @return the command line for {@code create-snapshot-command}
     * @throws IOException when the scripts cannot be written
     */
    public static String write(Path socket, Path datadir, Path sourceSubvolume, Path snapshotDir, Path dir)
            throws IOException {
        String client = "mariadb --no-defaults --user=root --socket=" + ServiceScript.quote(socket.toString());
        Path status = dir.resolve("snapshot.status");
        Path metadata = datadir.resolve("metadata");
        Path inner = dir.resolve("snapshot-under-lock.sh");
        Files.writeString(inner, String.join("\n", List.of(
                "#!/bin/sh",
                "{",
                "  " + client + " -ANe 'SHOW MASTER STATUS' | awk '{print \"File:\"$1\"\\nPosition:\"$2}' > "
                        + ServiceScript.quote(metadata.toString()) + " &&",
                "  printf 'Executed_Gtid_Set:%s' \"$(" + client + " -ANe 'SELECT @@GLOBAL.gtid_binlog_pos')\" >> "
                        + ServiceScript.quote(metadata.toString()) + " &&",
                "  btrfs subvolume snapshot -r " + ServiceScript.quote(sourceSubvolume.toString()) + " "
                        + ServiceScript.quote(snapshotDir.toString()) + "/mysql-snap-$(date -u +%Y%m%d%H%M%S%N)",
                "}",
                "echo $? > " + ServiceScript.quote(status.toString()),
                "")), StandardCharsets.UTF_8);
        Path outer = dir.resolve("create-snapshot.sh");
        Files.writeString(outer, String.join("\n", List.of(
                "#!/bin/sh",
                "rm -f " + ServiceScript.quote(status.toString()),
                client + " --batch <<'SQL'",
                "FLUSH TABLES WITH READ LOCK;",
                "system sh " + inner,
                "UNLOCK TABLES;",
                "SQL",
                "[ \"$(cat " + ServiceScript.quote(status.toString()) + " 2>/dev/null)\" = 0 ]",
                "")), StandardCharsets.UTF_8);
        return "sh " + ServiceScript.quote(outer.toString());
    }
}
