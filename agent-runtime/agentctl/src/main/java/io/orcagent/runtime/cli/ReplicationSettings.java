package io.orcagent.runtime.cli;

import java.util.Objects;

/**
 * Credentials for ConnectSlave: an admin account on the target MySQL and the replication account the
 * target uses to reach the source. Secrets come from files or the environment, never from argv.
 *
 * @param adminUser account on the target used to run CHANGE MASTER
 * @param adminPassword its password
 * @param replicationUser replication account on the source
 * @param replicationPassword its password
 */
public record ReplicationSettings(String adminUser, String adminPassword, String replicationUser,
                                  String replicationPassword) {

    /**
     * Validates.
     *
     * @param adminUser admin user
     * @param adminPassword admin password
     * @param replicationUser replication user
     * @param replicationPassword replication password
     */
    public ReplicationSettings {
        Objects.requireNonNull(adminUser, "adminUser is null");
        Objects.requireNonNull(adminPassword, "adminPassword is null");
        Objects.requireNonNull(replicationUser, "replicationUser is null");
        Objects.requireNonNull(replicationPassword, "replicationPassword is null");
    }

    @Override
    public String toString() {
        return "ReplicationSettings[adminUser=" + adminUser + ", replicationUser=" + replicationUser + "]";
    }
}
