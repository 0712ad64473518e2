package io.orcagent.runtime.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code Data}: the reply of get-agent-data, in the Go agent's field order and spelling.
 *
 * @param localSnapshotsHosts hosts with snapshots in this DC
 * @param snaphostHosts hosts with snapshots anywhere (sic)
 * @param logicalVolumes snapshot volumes
 * @param mountPoint the snapshot mount, never null
 * @param backupDir the backup dir
 * @param backupDirDiskFree free bytes there
 * @param backupDirDiskUsed used bytes there
 * @param mysqlRunning whether MySQL runs
 * @param mysqlDatadir the datadir
 * @param mysqlDatadirDiskUsed bytes used by the datadir
 * @param mysqlDatadirDiskFree free bytes on its filesystem
 * @param mysqlDatabases schemas by name (sorted)
 * @param availiableSeedMethods offered methods by name (sic)
 * @param agentCommands custom command names, null when none
 * @param numCpu CPU count
 * @param memTotal memory bytes
 * @param osName OS name
 */
public record AgentData(
        @JsonProperty("LocalSnapshotsHosts") List<String> localSnapshotsHosts,
        @JsonProperty("SnaphostHosts") List<String> snaphostHosts,
        @JsonProperty("LogicalVolumes") List<WireLogicalVolume> logicalVolumes,
        @JsonProperty("MountPoint") WireMount mountPoint,
        @JsonProperty("BackupDir") String backupDir,
        @JsonProperty("BackupDirDiskFree") long backupDirDiskFree,
        @JsonProperty("BackupDirDiskUsed") long backupDirDiskUsed,
        @JsonProperty("MySQLRunning") boolean mysqlRunning,
        @JsonProperty("MySQLDatadir") String mysqlDatadir,
        @JsonProperty("MySQLDatadirDiskUsed") long mysqlDatadirDiskUsed,
        @JsonProperty("MySQLDatadirDiskFree") long mysqlDatadirDiskFree,
        @JsonProperty("MySQLDatabases") Map<String, MySQLDatabase> mysqlDatabases,
        @JsonProperty("AvailiableSeedMethods") Map<String, MethodOpts> availiableSeedMethods,
        @JsonProperty("AgentCommands") List<String> agentCommands,
        @JsonProperty("NumCPU") int numCpu,
        @JsonProperty("MemTotal") long memTotal,
        @JsonProperty("OsName") String osName) {
}
