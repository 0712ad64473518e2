package io.orcagent.plugins.seedsupport.testing;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A real, throw-away MariaDB server for tests: a fresh datadir under a test directory, its own
 * loopback address and a free port, binary logging on, the anonymous accounts dropped, and one account
 * ({@link #USER}/{@link #PASSWORD}) with all privileges from any host, as the agents share in
 * production. Close it to stop the server.
 */
public final class MariaDbServer implements AutoCloseable {

    /** The account every test server has. */
    public static final String USER = "orcagent";
    /** Its password: quotes, a semicolon, a hash and a space, to prove option files carry it intact. */
    public static final String PASSWORD = "s3 cr;e#t\"pw";

    private final Path baseDir;
    private final String address;
    private final int port;
    private final Path socket;
    private final Process process;

    private MariaDbServer(Path baseDir, String address, int port, Path socket, Process process) {
        this.baseDir = baseDir;
        this.address = address;
        this.port = port;
        this.socket = socket;
        this.process = process;
    }

    /**
     * Installs and starts a server.
     *
     * @param baseDir an empty directory for the datadir, socket and logs
     * @param address the loopback address to bind, e.g. {@code 127.0.0.2}
     * @param serverId the server id
     * @return the running server
     * @throws IOException when it cannot be installed or started
     * @throws InterruptedException when interrupted
     */
    public static MariaDbServer start(Path baseDir, String address, int serverId)
            throws IOException, InterruptedException {
        Path datadir = baseDir.resolve("data");
        Path socket = baseDir.resolve("mysqld.sock");
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + datadir, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"), baseDir.resolve("install.log"));
        int port = freePort(address);
        Process process = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + datadir, "--port=" + port,
                "--socket=" + socket, "--bind-address=" + address, "--user=root", "--server-id=" + serverId,
                "--log-bin=mysql-bin", "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M", "--pid-file=" + baseDir.resolve("mysqld.pid"),
                "--log-error=" + baseDir.resolve("error.log"))
                .redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("mysqld.out").toFile())
                .start();
        MariaDbServer server = new MariaDbServer(baseDir, address, port, socket, process);
        try {
            server.awaitReady(Duration.ofSeconds(60));
            server.createAccount();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The bound address.
     *
     * @return e.g. {@code 127.0.0.2}
     */
    public String address() {
        return address;
    }

    /**
     * The TCP port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The Unix socket (what {@code localhost} means to the command-line clients).
     *
     * @return the socket path
     */
    public Path socket() {
        return socket;
    }

    /**
     * The datadir.
     *
     * @return the datadir
     */
    public Path datadir() {
        return baseDir.resolve("data");
    }

    /**
     * A data source for the shared account over TCP.
     *
     * @return a data source
     */
    public DataSource dataSource() {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL("jdbc:mysql://" + address + ":" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true");
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /**
     * Runs statements as root over the socket.
     *
     * @param sql one or more statements separated by {@code ;}
     * @return the batch-mode output (tab-separated, no column names)
     * @throws IOException when the client fails
     * @throws InterruptedException when interrupted
     */
    public String sql(String sql) throws IOException, InterruptedException {
        Process client = new ProcessBuilder("mariadb", "--no-defaults", "--user=root", "--socket=" + socket,
                "--batch", "--skip-column-names", "-e", sql).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (client.waitFor() != 0) {
            throw new IOException("mariadb failed on " + address + ": " + output);
        }
        return output;
    }

    /**
     * The source status as {@code SHOW MASTER STATUS} reports it, plus the GTID position.
     *
     * @return file, position and {@code @@gtid_binlog_pos}
     * @throws SQLException on failure
     */
    public MasterStatus masterStatus() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            String file;
            long position;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                if (!rs.next()) {
                    throw new SQLException("binary logging is off on " + address);
                }
                file = rs.getString(1);
                position = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                rs.next();
                return new MasterStatus(file, position, rs.getString(1));
            }
        }
    }

    /**
     * {@code CHECKSUM TABLE} of every base table outside the server's own schemas.
     *
     * @return checksums by {@code schema.table}, sorted
     * @throws SQLException on failure
     */
    public Map<String, Long> userTableChecksums() throws SQLException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT CONCAT('`', table_schema, '`.`', table_name, '`')"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN"
                    + " ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + table + " EXTENDED")) {
                    rs.next();
                    checksums.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return checksums;
    }

    /** Stops the server (clean shutdown on SIGTERM, forced after 30 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd on " + address + " exited: " + errorLog());
            }
            try {
                sql("SELECT 1");
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("mariadbd on " + address + " not ready after " + limit + ": " + errorLog());
                }
                Thread.sleep(200);
            }
        }
    }

    private void createAccount() throws IOException, InterruptedException {
        String anonymous = sql("SELECT CONCAT('''', user, '''@''', host, '''') FROM mysql.user WHERE user = ''").strip();
        StringBuilder statements = new StringBuilder();
        for (String account : anonymous.lines().filter(l -> !l.isBlank()).toList()) {
            statements.append("DROP USER ").append(account).append(';');
        }
        String quotedPassword = PASSWORD.replace("\\", "\\\\").replace("'", "\\'");
        statements.append("CREATE USER '").append(USER).append("'@'%' IDENTIFIED BY '").append(quotedPassword)
                .append("';GRANT ALL PRIVILEGES ON *.* TO '").append(USER).append("'@'%' WITH GRANT OPTION;");
        sql(statements.toString());
    }

    private String errorLog() {
        try {
            Path log = baseDir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return probe.getLocalPort();
        }
    }

    private static void run(List<String> argv, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + Files.readString(log));
        }
    }

    /**
     * A server's binlog position.
     *
     * @param file binlog file
     * @param position position
     * @param gtidBinlogPos {@code @@gtid_binlog_pos}
     */
    public record MasterStatus(String file, long position, String gtidBinlogPos) {
    }
}
