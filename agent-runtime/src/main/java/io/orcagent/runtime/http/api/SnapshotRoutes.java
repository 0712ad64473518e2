package io.orcagent.runtime.http.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.runtime.agent.AgentDataService;
import io.orcagent.runtime.agent.ApiFlavourState;
import io.orcagent.runtime.agent.HostView;
import io.orcagent.runtime.agent.ProviderSnapshotView;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireRequest;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.wire.LegacyLogicalVolume;
import io.orcagent.runtime.wire.LegacyMount;

/**
 * Snapshot routes (wire-contract §1.1 #1–#4, §1.2): listing, mounting at the backup dir, unmounting,
 * removing and creating snapshots through the snapshot provider that serves the agent. A volume named in a
 * request must be one the provider lists; nothing else is mounted or removed. Without a provider the
 * listings are empty arrays (upstream orchestrator decodes {@code lvs-snapshots} on every poll, as it does
 * {@code available-snapshots}); a volume asked for by name ({@code lv}) and the commands fail, saying
 * snapshots are not configured.
 */
public final class SnapshotRoutes implements RouteSet {

    private final Supplier<Optional<SnapshotProvider>> provider;
    private final Path mountPoint;
    private final HostView host;
    private final ProviderSnapshotView.DirectoryUsage usage;
    private final ApiFlavourState flavour;
    private final AgentDataService data;

    /**
     * Creates the routes.
     *
     * @param provider the configured provider, looked up per call
     * @param mountPoint where snapshots are mounted (the backup dir)
     * @param host host facts (datadir)
     * @param usage measures directories
     * @param flavour the answering flavour
     * @param data get-agent-data, returned by the seed flavour's commands
     */
    public SnapshotRoutes(Supplier<Optional<SnapshotProvider>> provider, Path mountPoint, HostView host,
                          ProviderSnapshotView.DirectoryUsage usage, ApiFlavourState flavour, AgentDataService data) {
        this.provider = Objects.requireNonNull(provider, "provider is null");
        this.mountPoint = Objects.requireNonNull(mountPoint, "mountPoint is null");
        this.host = Objects.requireNonNull(host, "host is null");
        this.usage = Objects.requireNonNull(usage, "usage is null");
        this.flavour = Objects.requireNonNull(flavour, "flavour is null");
        this.data = Objects.requireNonNull(data, "data is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/lvs", Access.TOKEN, (req, p) -> WireResponse.json(legacy(list(""))));
        router.get("/api/lvs/:pattern", Access.TOKEN, (req, p) -> WireResponse.json(legacy(list(p.get("pattern")))));
        router.get("/api/lvs-snapshots", Access.TOKEN, (req, p) -> WireResponse.json(legacy(
                filtered().stream().filter(Snapshot::isSnapshot).toList())));
        router.get("/api/lv", Access.TOKEN, (req, p) -> WireResponse.json(legacy(named(lvParam(req)))));
        router.get("/api/lv/:lv", Access.TOKEN, (req, p) -> WireResponse.json(legacy(named(p.get("lv")))));
        router.get("/api/mount", Access.TOKEN, (req, p) -> WireResponse.json(legacyMount()));
        router.get("/api/mountlv", Access.TOKEN, (req, p) -> {
            String lv = lvParam(req);
            if (lv.isEmpty()) {
                throw new AgentHttpException("Unable to mount logical volume: empty volumeName");
            }
            Snapshot volume = existing(lv);
            if (required().mounted(mountPoint).isPresent()) {
                throw new AgentHttpException("Something is already mounted at " + mountPoint + "; unmount it first");
            }
            required().mount(volume.path(), mountPoint);
            return flavourReply(legacyMount());
        });
        router.get("/api/umount", Access.TOKEN, (req, p) -> {
            required().unmount(mountPoint);
            return flavourReply(legacyMount());
        });
        router.get("/api/removelv", Access.TOKEN, (req, p) -> {
            String lv = lvParam(req);
            if (lv.isEmpty()) {
                throw new AgentHttpException("Unable to remove logical volume: empty volumeName");
            }
            required().remove(existing(lv).path());
            return flavourReply(true);
        });
        router.get("/api/create-snapshot", Access.TOKEN, (req, p) -> {
            required().create();
            return flavourReply(true);
        });
    }

    private WireResponse flavourReply(Object legacyBody) {
        return flavour.current() == ApiFlavourState.Flavour.SEED
                ? WireResponse.json(data.collect())
                : WireResponse.json(legacyBody);
    }

    private LegacyMount legacyMount() throws Exception {
        Optional<SnapshotProvider> p = provider.get();
        Optional<MountInfo> mounted = p.isEmpty() ? Optional.empty() : p.get().mounted(mountPoint);
        if (mounted.isEmpty()) {
            return LegacyMount.unmounted(mountPoint.toString());
        }
        MountInfo m = mounted.get();
        Optional<Path> mysqlPath = SnapshotDatadir.locate(Path.of(m.path()), host.datadir());
        return new LegacyMount(m.path(), m.device(), m.volumePath(), m.fileSystem(), true, usage.of(Path.of(m.path())),
                mysqlPath.map(Path::toString).orElse(""), mysqlPath.map(usage::of).orElse(0L));
    }

    private Snapshot existing(String lv) throws Exception {
        return named(lv).getFirst();
    }

    /** All volumes for an empty name; else the volumes of that name or path, which must exist. */
    private List<Snapshot> named(String lv) throws Exception {
        if (lv.isEmpty()) {
            return list("");
        }
        List<Snapshot> found = required().list("").stream().filter(s -> s.path().equals(lv) || s.name().equals(lv))
                .toList();
        if (found.isEmpty()) {
            throw new AgentHttpException("Unknown logical volume " + RequestValues.quoted(lv)
                    + ": it is not among the volumes this host lists");
        }
        return found;
    }

    /** The volumes the serving provider's own filter ({@code snapshot-volumes-filter}) keeps. */
    private List<Snapshot> filtered() throws Exception {
        Optional<SnapshotProvider> configured = provider.get();
        return configured.isEmpty() ? List.of() : configured.get().list(configured.get().volumesFilter());
    }

    private List<Snapshot> list(String nameFilter) throws Exception {
        Optional<SnapshotProvider> configured = provider.get();
        return configured.isEmpty() ? List.of() : configured.get().list(nameFilter);
    }

    private SnapshotProvider required() {
        return provider.get().orElseThrow(() -> new AgentHttpException(
                "Snapshots are not configured on this agent: no enabled plugin offers a snapshot provider that serves it"));
    }

    private static String lvParam(WireRequest req) {
        return req.queryParam("lv").orElse("");
    }

    private static List<LegacyLogicalVolume> legacy(List<Snapshot> volumes) {
        return volumes.stream().map(s -> new LegacyLogicalVolume(s.name(), s.groupName(), s.path(), s.isSnapshot(),
                s.snapshotPercent())).toList();
    }
}
