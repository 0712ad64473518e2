package io.orcagent.runtime.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.SeedMethodInfo;
import io.orcagent.runtime.wire.AgentData;
import io.orcagent.runtime.wire.MethodOpts;
import io.orcagent.runtime.wire.MySQLDatabase;
import io.orcagent.runtime.wire.WireMount;

/**
 * Assembles get-agent-data. Like the Go agent, a failing part is logged and reported empty, so
 * orchestrator always gets the whole object; unlike it, nothing here holds a lock or waits for a
 * directory walk.
 */
public final class AgentDataService {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDataService.class);

    private final HostView host;
    private final SnapshotView snapshots;
    private final OfferedMethods methods;
    private final List<String> customCommandNames;

    /**
     * Creates the service.
     *
     * @param host host and MySQL facts
     * @param snapshots snapshot facts
     * @param methods offered seed methods
     * @param customCommandNames configured custom command names
     */
    public AgentDataService(HostView host, SnapshotView snapshots, OfferedMethods methods,
                            List<String> customCommandNames) {
        this.host = Objects.requireNonNull(host, "host is null");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots is null");
        this.methods = Objects.requireNonNull(methods, "methods is null");
        this.customCommandNames = customCommandNames.stream().sorted().toList();
    }

    /**
     * Collects the data now.
     *
     * @return the Data object
     */
    public AgentData collect() {
        Map<String, MySQLDatabase> databases = new TreeMap<>();
        part("MySQL databases", host::databases, Map.<String, HostView.Database>of())
                .forEach((name, db) -> databases.put(name,
                        new MySQLDatabase(db.engines().isEmpty() ? null : db.engines(), db.size())));
        Map<String, MethodOpts> offered = new TreeMap<>();
        methods.offered().forEach((name, info) -> offered.put(name, opts(info)));
        HostView.SystemInfo system = host.system();
        return new AgentData(
                part("local snapshot hosts", snapshots::localSnapshotHosts, List.of()),
                part("snapshot hosts", snapshots::snapshotHosts, List.of()),
                part("logical volumes", snapshots::logicalVolumes, List.of()),
                part("mount point", snapshots::mountPoint, WireMount.NONE),
                host.backupDir().toString(),
                host.backupDirFree(),
                host.backupDirUsed(),
                host.mysqlRunning(),
                part("MySQL datadir", host::reportedDatadir, ""),
                host.datadirUsed(),
                host.datadirFree(),
                databases,
                offered,
                customCommandNames.isEmpty() ? null : new ArrayList<>(customCommandNames),
                system.cpus(),
                system.memTotal(),
                system.osName());
    }

    /**
     * The wire form of a method's facts.
     *
     * @param info the facts
     * @return {@code MethodOpts}
     */
    public static MethodOpts opts(SeedMethodInfo info) {
        return new MethodOpts(info.backupSide().wireName(), info.supportedEngines(), info.backupToDatadir());
    }

    private static <T> T part(String what, Callable<T> source, T fallback) {
        try {
            T value = source.call();
            return value == null ? fallback : value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (Exception e) {
            LOG.warn("get-agent-data: cannot read {}: {}", what, e.getMessage());
            return fallback;
        }
    }
}
