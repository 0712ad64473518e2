package io.orcagent.runtime.http.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.orcagent.api.MountInfo;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.runtime.agent.HostView;
import io.orcagent.runtime.agent.ProviderSnapshotView;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.seed.legacy.LegacySeedCopies;

/**
 * Upstream orchestrator's seed routes (wire-contract §1.2): du (confined to the datadir and the backup
 * dir), delete-mysql-datadir (only the configured datadir, never {@code /}, never while MySQL runs),
 * receive/send-mysql-seed-data through the transfer service, abort-seed, seed-command-completed and
 * -succeeded, post-copy.
 */
public final class LegacySeedRoutes implements RouteSet {

    private final HostView host;
    private final Supplier<Optional<SnapshotProvider>> provider;
    private final Path mountPoint;
    private final ProviderSnapshotView.DirectoryUsage usage;
    private final LegacySeedCopies copies;
    private final Optional<String> postCopyCommand;
    private final CustomCommandRoutes commands;

    /**
     * Creates the routes.
     *
     * @param host host facts
     * @param provider the snapshot provider, looked up per call
     * @param mountPoint where snapshots are mounted (the backup dir)
     * @param usage measures directories
     * @param copies the background copies
     * @param postCopyCommand the configured {@code post-copy} custom command, if any
     * @param commands runs configured commands
     */
    public LegacySeedRoutes(HostView host, Supplier<Optional<SnapshotProvider>> provider, Path mountPoint,
                            ProviderSnapshotView.DirectoryUsage usage, LegacySeedCopies copies,
                            Optional<String> postCopyCommand, CustomCommandRoutes commands) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.provider = Objects.requireNonNull(provider, "provider is null");
        this.mountPoint = Objects.requireNonNull(mountPoint, "mountPoint is null");
        this.usage = Objects.requireNonNull(usage, "usage is null");
        this.copies = Objects.requireNonNull(copies, "copies is null");
        this.postCopyCommand = Objects.requireNonNull(postCopyCommand, "postCopyCommand is null");
        this.commands = Objects.requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/du", Access.TOKEN, (req, p) -> WireResponse.json(usage.of(confined(req.queryParam("path")
                .orElseThrow(() -> new AgentHttpException("path is required"))))));
        router.get("/api/delete-mysql-datadir", Access.TOKEN, (req, p) -> {
            deleteDatadirContents();
            return WireResponse.json(true);
        });
        router.get("/api/receive-mysql-seed-data/:seedId", Access.TOKEN, (req, p) -> {
            copies.receive(RequestValues.seedId(p.get("seedId")), host.datadir());
            return WireResponse.json(true);
        });
        router.get("/api/send-mysql-seed-data/:targetHost/:seedId", Access.TOKEN, (req, p) -> {
            String target = RequestValues.host(p.get("targetHost"));
            long seedId = RequestValues.seedId(p.get("seedId"));
            copies.send(seedId, target, mountedDatadir());
            return WireResponse.json(true);
        });
        router.get("/api/abort-seed/:seedId", Access.TOKEN, (req, p) -> {
            copies.abort(RequestValues.seedId(p.get("seedId")));
            return WireResponse.json(true);
        });
        router.get("/api/seed-command-completed/:seedId", Access.TOKEN,
                (req, p) -> WireResponse.json(copies.completed(RequestValues.seedId(p.get("seedId")))));
        router.get("/api/seed-command-succeeded/:seedId", Access.TOKEN,
                (req, p) -> WireResponse.json(copies.succeeded(RequestValues.seedId(p.get("seedId")))));
        router.get("/api/post-copy", Access.TOKEN, (req, p) -> {
            if (postCopyCommand.isPresent()) {
                commands.run(postCopyCommand.get());
            }
            return WireResponse.json(true);
        });
    }

    // du is confined to the datadir and the backup dir: anything else (.., symlinks out) is refused
    private Path confined(String raw) throws IOException {
        if (raw.isEmpty() || raw.indexOf('\0') >= 0) {
            throw new AgentHttpException("invalid path");
        }
        Path requested = Path.of(raw);
        if (!requested.isAbsolute() || !Files.exists(requested)) {
            throw new AgentHttpException("path " + RequestValues.quoted(raw) + " does not exist or is not absolute");
        }
        Path real = requested.toRealPath();
        for (Path allowed : List.of(host.datadir(), host.backupDir())) {
            if (Files.exists(allowed) && real.startsWith(allowed.toRealPath())) {
                return real;
            }
        }
        throw new AgentHttpException("du is limited to the MySQL datadir and the backup dir");
    }

    private void deleteDatadirContents() throws IOException {
        Path datadir = host.datadir();
        if (datadir.toString().isEmpty()) {
            throw new AgentHttpException("refusing to delete empty directory");
        }
        Path real = datadir.toRealPath();
        if (real.getNameCount() == 0) {
            throw new AgentHttpException("Directory " + datadir + " seems to be root; refusing to delete");
        }
        if (host.mysqlRunning()) {
            throw new AgentHttpException("refusing to delete the datadir " + datadir + " while MySQL is running");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private Path mountedDatadir() throws Exception {
        SnapshotProvider p = provider.get().orElseThrow(() -> new AgentHttpException(
                "Snapshots are not configured on this agent: no enabled plugin offers a snapshot provider that serves it"));
        MountInfo mounted = p.mounted(mountPoint).orElseThrow(() -> new AgentHttpException(
                "No snapshot is mounted at " + mountPoint + "; call mountlv first"));
        return SnapshotDatadir.locate(Path.of(mounted.path()), host.datadir()).orElseThrow(() ->
                new AgentHttpException("No MySQL datadir (ibdata1) found inside the snapshot mounted at " + mounted.path()));
    }
}
