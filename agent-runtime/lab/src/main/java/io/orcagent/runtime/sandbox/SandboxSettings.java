package io.orcagent.runtime.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a {@link MariaDbSandbox} runs.
 *
 * @param directory everything of the server lives here (datadir, socket, logs, tmpdir)
 * @param address the loopback address to bind, e.g. {@code 127.0.0.2}
 * @param port the TCP port
 * @param serverId the {@code server_id}
 * @param user an account created with ALL PRIVILEGES WITH GRANT OPTION at {@code %} and {@code localhost}
 * @param password its password
 * @param replicationUser an account with REPLICATION SLAVE and REPLICATION CLIENT at {@code %}
 * @param replicationPassword its password
 * @param extraServerArgs more {@code mariadbd} options, e.g. {@code --gtid-strict-mode=ON}
 */
public record SandboxSettings(Path directory, String address, int port, int serverId, String user, String password,
                              String replicationUser, String replicationPassword, List<String> extraServerArgs) {

    /** Default admin account name. */
    public static final String DEFAULT_USER = "orcagent";
    /** Default admin password. */
    public static final String DEFAULT_PASSWORD = "orcagent-pw";
    /** Default replication account name. */
    public static final String DEFAULT_REPLICATION_USER = "repl";
    /** Default replication password. */
    public static final String DEFAULT_REPLICATION_PASSWORD = "repl-pw";

    /**
     * Validates.
     *
     * @param directory directory
     * @param address address
     * @param port port
     * @param serverId server id
     * @param user user
     * @param password password
     * @param replicationUser replication user
     * @param replicationPassword replication password
     * @param extraServerArgs extra args
     */
    public SandboxSettings {
        directory = Objects.requireNonNull(directory, "directory is null").toAbsolutePath();
        Objects.requireNonNull(address, "address is null");
        if (!address.startsWith("127.")) {
            throw new IllegalArgumentException("a sandbox binds a loopback address (127.x.y.z), got " + address);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (serverId < 1) {
            throw new IllegalArgumentException("server id must be positive: " + serverId);
        }
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(replicationUser, "replicationUser is null");
        Objects.requireNonNull(replicationPassword, "replicationPassword is null");
        if (user.isEmpty() || replicationUser.isEmpty()) {
            throw new IllegalArgumentException("account names must not be empty");
        }
        extraServerArgs = List.copyOf(extraServerArgs);
    }

    /**
     * Settings with the default accounts.
     *
     * @param directory the sandbox directory
     * @param address the loopback address
     * @param port the port
     * @param serverId the server id
     * @return the settings
     */
    public static SandboxSettings of(Path directory, String address, int port, int serverId) {
        return new SandboxSettings(directory, address, port, serverId, DEFAULT_USER, DEFAULT_PASSWORD,
                DEFAULT_REPLICATION_USER, DEFAULT_REPLICATION_PASSWORD, List.of());
    }

    /**
     * These settings with another admin account.
     *
     * @param newUser the user
     * @param newPassword the password
     * @return a copy
     */
    public SandboxSettings withAccount(String newUser, String newPassword) {
        return new SandboxSettings(directory, address, port, serverId, newUser, newPassword, replicationUser,
                replicationPassword, extraServerArgs);
    }

    /**
     * These settings with extra server options.
     *
     * @param args the options
     * @return a copy
     */
    public SandboxSettings withServerArgs(List<String> args) {
        return new SandboxSettings(directory, address, port, serverId, user, password, replicationUser,
                replicationPassword, args);
    }

    /** The password is not shown. */
    @Override
    public String toString() {
        return "SandboxSettings[" + directory + ", " + address + ":" + port + ", server-id " + serverId
                + ", user " + user + "]";
    }
}
