package io.orcagent.runtime.wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.MysqlService;
import io.orcagent.runtime.agent.HostView;
import io.orcagent.runtime.host.DiskUsageMonitor;
import io.orcagent.runtime.host.ErrorLogLocation;
import io.orcagent.runtime.host.ErrorLogTail;
import io.orcagent.runtime.host.LocalMysql;
import io.orcagent.runtime.host.MysqlFacts;
import io.orcagent.runtime.host.ServerOptionFiles;
import io.orcagent.runtime.host.SystemFacts;

/**
 * Host facts from the live system: MySQL over JDBC, disk usage from the background monitor, free space
 * and system facts read on demand (cheap).
 */
final class LiveHostView implements HostView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHostView.class);
    private static final Duration DISK_REFRESH = Duration.ofSeconds(15);

    private final MysqlFacts mysql;
    private final MysqlService service;
    private final Path backupDir;
    private final DiskUsageMonitor disks;
    private final ErrorLogTail errorLog;
    private final SystemInfo system;
    private volatile Path datadir;
    private volatile String reportedDatadir;

    LiveHostView(LocalMysql local, MysqlService service, Path backupDir, Path datadir, ServerOptionFiles optionFiles) {
        this.mysql = new MysqlFacts(local.dataSource());
        this.service = Objects.requireNonNull(service, "service is null");
        this.backupDir = Objects.requireNonNull(backupDir, "backupDir is null");
        this.datadir = Objects.requireNonNull(datadir, "datadir is null");
        this.reportedDatadir = datadir.toString();
        this.errorLog = new ErrorLogTail(new ErrorLogLocation(mysql, optionFiles, () -> this.datadir,
                ErrorLogLocation::systemHostName));
        SystemFacts facts = SystemFacts.detect();
        this.system = new SystemInfo(facts.numCpu(), facts.memTotalBytes(), facts.osName());
        this.disks = new DiskUsageMonitor(List.of(datadir, backupDir), DISK_REFRESH);
        disks.start();
    }

    @Override
    public Path datadir() {
        refreshDatadir();
        return datadir;
    }

    @Override
    public String reportedDatadir() {
        refreshDatadir();
        return reportedDatadir;
    }

    private void refreshDatadir() {
        try {
            String reported = mysql.datadirVariable();
            Path current = MysqlFacts.datadirPath(reported);
            reportedDatadir = reported;
            if (!current.equals(datadir)) {
                datadir = current;
                disks.track(current);
            }
        } catch (Exception e) {
            LOG.debug("datadir not readable now, using {}: {}", datadir, e.getMessage());
        }
    }

    @Override
    public long datadirUsed() {
        return disks.usedBytes(datadir);
    }

    @Override
    public long datadirFree() {
        return free(datadir);
    }

    @Override
    public Path backupDir() {
        return backupDir;
    }

    @Override
    public long backupDirUsed() {
        return disks.usedBytes(backupDir);
    }

    @Override
    public long backupDirFree() {
        return free(backupDir);
    }

    @Override
    public boolean mysqlRunning() {
        try {
            return service.running();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Map<String, Database> databases() throws Exception {
        Map<String, Database> out = new TreeMap<>();
        mysql.databases().forEach((name, db) -> out.put(name, new Database(db.engines(), db.sizeBytes())));
        return out;
    }

    @Override
    public List<String> errorLogTail(int lines) throws Exception {
        return errorLog.lines(lines);
    }

    @Override
    public SystemInfo system() {
        return system;
    }

    /**
     * Measures a directory now (for the legacy {@code du} route and mounted snapshots).
     *
     * @param dir the directory
     * @return bytes used
     */
    long measure(Path dir) {
        return disks.walk(dir).usedBytes();
    }

    /** Asks the monitor for fresh figures (after a stage changed the disks). */
    void refreshDisks() {
        disks.refreshNow();
    }

    private static long free(Path path) {
        try {
            return DiskUsageMonitor.freeBytes(path);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        disks.close();
    }
}
