package io.orcagent.plugins.lvm;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code [lvm]} config section, shared by the two snapshot providers and the {@code LVM} seed
 * method (each factory reads all of it, so every key is known whichever of them the runtime creates).
 *
 * @param provider which snapshot provider the seed method uses ({@code snapshot-provider})
 * @param createSnapshotCommand the operator's command line that takes a snapshot, empty when not set
 * @param volumesFilter substring a snapshot's name must contain ({@code snapshot-volumes-filter})
 * @param createNewSnapshotForSeed whether the source's Prepare takes a fresh snapshot first
 * @param btrfsSourceSubvolume the subvolume holding the MySQL datadir (btrfs)
 * @param btrfsSnapshotDir the directory the read-only snapshots live in (btrfs)
 * @param restoreTimeout how long Restore waits for the stream to finish and for MySQL to answer
 * @param datadirOwner {@code user[:group]} the restored datadir is given, empty to leave ownership alone
 * @param supersededKeys the socat keys present in the file (accepted, without effect)
 * @param localHostsCommand {@code available-local-snapshot-hosts-command}, empty when not set
 * @param allHostsCommand {@code available-snapshot-hosts-command}, empty when not set
 */
record LvmSettings(ProviderKind provider, String createSnapshotCommand, String volumesFilter,
                   boolean createNewSnapshotForSeed, Optional<Path> btrfsSourceSubvolume, Optional<Path> btrfsSnapshotDir,
                   Duration restoreTimeout, String datadirOwner, List<String> supersededKeys, String localHostsCommand,
                   String allHostsCommand) {

    static final String PROVIDER = "snapshot-provider";
    static final String CREATE_COMMAND = "create-snapshot-command";
    static final String FILTER = "snapshot-volumes-filter";
    static final String CREATE_FOR_SEED = "create-new-snapshot-for-seed";
    static final String BTRFS_SOURCE = "btrfs-source-subvolume";
    static final String BTRFS_SNAPSHOT_DIR = "btrfs-snapshot-dir";
    static final String RESTORE_TIMEOUT = "restore-timeout";
    static final String DATADIR_OWNER = "datadir-owner";
    /** The operator's commands listing hosts with snapshots, for the agent's get-agent-data and routes. */
    static final String LOCAL_HOSTS_COMMAND = "available-local-snapshot-hosts-command";
    static final String ALL_HOSTS_COMMAND = "available-snapshot-hosts-command";
    /** The Go agent's socat TLS keys: the runtime's transfer service (with its own TLS) replaced socat. */
    static final List<String> BOOLEAN_SOCAT_KEYS = List.of("socat-use-ssl", "socat-ssl-skip-verify");
    static final List<String> STRING_SOCAT_KEYS = List.of("socat-ssl-cert-file", "socat-ssl-cat-file");

    static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofMinutes(15);
    static final String DEFAULT_OWNER = "mysql:mysql";

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?");

    LvmSettings {
        Objects.requireNonNull(provider, "provider is null");
        Objects.requireNonNull(createSnapshotCommand, "createSnapshotCommand is null");
        Objects.requireNonNull(volumesFilter, "volumesFilter is null");
        Objects.requireNonNull(btrfsSourceSubvolume, "btrfsSourceSubvolume is null");
        Objects.requireNonNull(btrfsSnapshotDir, "btrfsSnapshotDir is null");
        Objects.requireNonNull(restoreTimeout, "restoreTimeout is null");
        Objects.requireNonNull(datadirOwner, "datadirOwner is null");
        supersededKeys = List.copyOf(supersededKeys);
        Objects.requireNonNull(localHostsCommand, "localHostsCommand is null");
        Objects.requireNonNull(allHostsCommand, "allHostsCommand is null");
    }

    /**
     * Reads and validates the section.
     *
     * @param config the section
     * @return the settings
     * @throws ConfigException naming the first invalid key
     */
    static LvmSettings read(PluginConfig config) throws ConfigException {
        List<String> superseded = new ArrayList<>();
        for (String key : BOOLEAN_SOCAT_KEYS) {
            config.bool(key, false);
            if (config.keys().contains(key)) {
                superseded.add(key);
            }
        }
        for (String key : STRING_SOCAT_KEYS) {
            config.string(key, "");
            if (config.keys().contains(key)) {
                superseded.add(key);
            }
        }
        ProviderKind provider = ProviderKind.fromConfig(PROVIDER, config.string(PROVIDER, ProviderKind.LVM.configName()));
        String createCommand = config.string(CREATE_COMMAND, "").strip();
        if (createCommand.indexOf('\0') >= 0) {
            throw new ConfigException(CREATE_COMMAND, "must not contain NUL");
        }
        String filter = config.string(FILTER, "");
        boolean createForSeed = config.bool(CREATE_FOR_SEED, false);
        if (createForSeed && provider == ProviderKind.LVM && createCommand.isEmpty()) {
            throw new ConfigException(CREATE_FOR_SEED, "is true but " + CREATE_COMMAND
                    + " is not set (the lvm provider takes snapshots only with the operator's command)");
        }
        Optional<Path> source = absolutePath(config, BTRFS_SOURCE);
        Optional<Path> snapshotDir = absolutePath(config, BTRFS_SNAPSHOT_DIR);
        if (provider == ProviderKind.BTRFS) {
            if (source.isEmpty()) {
                throw new ConfigException(BTRFS_SOURCE, "must be set when " + PROVIDER + " is \"btrfs\"");
            }
            if (snapshotDir.isEmpty()) {
                throw new ConfigException(BTRFS_SNAPSHOT_DIR, "must be set when " + PROVIDER + " is \"btrfs\"");
            }
        }
        Duration timeout = restoreTimeout(config);
        String owner = config.string(DATADIR_OWNER, DEFAULT_OWNER).strip();
        if (!owner.isEmpty() && !OWNER.matcher(owner).matches()) {
            throw new ConfigException(DATADIR_OWNER, "must be user or user:group, or empty to keep ownership");
        }
        return new LvmSettings(provider, createCommand, filter, createForSeed, source, snapshotDir, timeout, owner,
                superseded, config.string(LOCAL_HOSTS_COMMAND, "").strip(), config.string(ALL_HOSTS_COMMAND, "").strip());
    }

    private static Optional<Path> absolutePath(PluginConfig config, String key) throws ConfigException {
        String value = config.string(key, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.indexOf('\0') >= 0 || !value.startsWith("/")) {
            throw new ConfigException(key, "must be an absolute path");
        }
        Path path = Path.of(value).normalize();
        if (path.getNameCount() == 0) {
            throw new ConfigException(key, "must not be /");
        }
        return Optional.of(path);
    }

    private static Duration restoreTimeout(PluginConfig config) throws ConfigException {
        Duration timeout = config.duration(RESTORE_TIMEOUT, DEFAULT_RESTORE_TIMEOUT);
        if (timeout.isZero()) {
            throw new ConfigException(RESTORE_TIMEOUT, "must be longer than zero");
        }
        return timeout;
    }
}
