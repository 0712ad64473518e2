package io.orcagent.runtime.sandbox;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server in a directory of its own, bound to one loopback address: initialised with
 * {@code mariadb-install-db --no-defaults} on first start, run with {@code mariadbd --no-defaults}
 * (binary log on, ROW format), with anonymous users dropped, an admin account and a replication
 * account. Nothing is written outside {@link SandboxSettings#directory()}.
 *
 * <p>Starting again on a directory that already holds a datadir reuses it (no re-initialisation).
 *
 * <p>The sandbox runs its programs with plain {@link ProcessBuilder}s, not the agent's command runner: the
 * lab depends on nothing of the daemon, so that the daemon's own tests can use it.
 */
public final class MariaDbSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbSandbox.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String BOOTSTRAPPED_MARKER = ".orcagent-sandbox";

    private final SandboxSettings settings;
    private final Process server;
    private final Thread killOnExit;

    private MariaDbSandbox(SandboxSettings settings, Process server) {
        this.settings = settings;
        this.server = server;
        long pid = server.pid();
        // a test JVM that dies must not leave servers behind
        this.killOnExit = new Thread(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Initialises (when needed) and starts a server, and waits until it answers.
     *
     * @param settings where and how
     * @return the running sandbox
     * @throws IOException when a binary is missing or the server does not come up (the message carries
     *     the end of its error log)
     * @throws InterruptedException when interrupted (the server is killed)
     */
    public static MariaDbSandbox start(SandboxSettings settings) throws IOException, InterruptedException {
        Path dir = settings.directory();
        Files.createDirectories(dir.resolve("tmp"));
        boolean fresh = !Files.isDirectory(datadir(dir).resolve("mysql"));
        if (fresh) {
            install(dir);
        }
        Process server = new ProcessBuilder(serverArgv(settings))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.out").toFile()))
                .start();
        MariaDbSandbox sandbox = new MariaDbSandbox(settings, server);
        try {
            sandbox.awaitAnswering();
            if (!Files.exists(dir.resolve(BOOTSTRAPPED_MARKER))) {
                sandbox.bootstrapAccounts();
                Files.writeString(dir.resolve(BOOTSTRAPPED_MARKER), "accounts created\n");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            sandbox.kill();
            throw e;
        }
        LOG.info("MariaDB sandbox up at {}:{} (pid {}, dir {})", settings.address(), settings.port(), server.pid(), dir);
        return sandbox;
    }

    /**
     * The {@code mariadbd} command line for these settings.
     *
     * @param settings the settings
     * @return the argument list
     * @throws IOException when {@code mariadbd} is not installed
     */
    public static List<String> serverArgv(SandboxSettings settings) throws IOException {
        Path dir = settings.directory();
        List<String> argv = new ArrayList<>(List.of(
                binary("mariadbd", "mysqld").toString(),
                "--no-defaults",
                "--datadir=" + datadir(dir),
                "--port=" + settings.port(),
                "--socket=" + socket(dir),
                "--bind-address=" + settings.address(),
                "--server-id=" + settings.serverId(),
                "--log-bin=mysql-bin",
                "--binlog-format=ROW",
                "--log-error=" + dir.resolve("error.log"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--tmpdir=" + dir.resolve("tmp"),
                // loopback accounts are '%'; name resolution would only add DNS timeouts
                "--skip-name-resolve"));
        if (runningAsRoot()) {
            argv.add("--user=root");
        }
        argv.addAll(settings.extraServerArgs());
        return List.copyOf(argv);
    }

    /**
     * A free TCP port on an address (the port may be taken again before the server binds it).
     *
     * @param address the address
     * @return a port number
     * @throws IOException when no port can be bound
     */
    public static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Where a program is: on {@code PATH}, else in {@code /usr/sbin}, {@code /usr/local/sbin},
     * {@code /usr/bin} or {@code /usr/local/bin}.
     *
     * @param names candidate names, in order of preference
     * @return the path
     * @throws IOException when none is found
     */
    public static Path binary(String... names) throws IOException {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(Path::of).forEach(dirs::add);
        }
        Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin").map(Path::of).forEach(dirs::add);
        for (String name : names) {
            for (Path d : dirs) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IOException("none of " + List.of(names) + " is installed (searched PATH and /usr/sbin)");
    }

    /**
     * The settings.
     *
     * @return settings
     */
    public SandboxSettings settings() {
        return settings;
    }

    /**
     * The bound address.
     *
     * @return e.g. {@code 127.0.0.2}
     */
    public String address() {
        return settings.address();
    }

    /**
     * The TCP port.
     *
     * @return port
     */
    public int port() {
        return settings.port();
    }

    /**
     * The data directory.
     *
     * @return {@code <dir>/data}
     */
    public Path datadir() {
        return datadir(settings.directory());
    }

    /**
     * The Unix socket.
     *
     * @return {@code <dir>/mysql.sock}
     */
    public Path socket() {
        return socket(settings.directory());
    }

    /**
     * The error log.
     *
     * @return {@code <dir>/error.log}
     */
    public Path errorLog() {
        return settings.directory().resolve("error.log");
    }

    /**
     * The server's process id.
     *
     * @return pid
     */
    public long pid() {
        return server.pid();
    }

    /**
     * Whether the server process still runs.
     *
     * @return true while running
     */
    public boolean running() {
        return ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The Connector/J URL of the server (no default schema).
     *
     * @return {@code jdbc:mysql://<address>:<port>/?useSSL=false&allowPublicKeyRetrieval=true}
     */
    public String jdbcUrl() {
        return "jdbc:mysql://" + settings.address() + ":" + settings.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=5000";
    }

    /**
     * A data source for an account; each connection is new.
     *
     * @param user the account
     * @param password its password
     * @return the data source
     */
    public DataSource dataSource(String user, String password) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /**
     * A data source for the admin account of the settings.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource(settings.user(), settings.password());
    }

    /**
     * Shuts the server down cleanly (SIGTERM), kills it if it has not exited in time, and waits for the
     * process to be gone. Safe to call more than once.
     */
    public void stop() {
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElse(null);
        if (handle != null && handle.isAlive()) {
            handle.destroy();
            try {
                handle.onExit().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("MariaDB sandbox pid {} did not shut down in {}; killing it", server.pid(), SHUTDOWN_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "MariaDbSandbox[" + settings.address() + ":" + settings.port() + ", " + settings.directory() + "]";
    }

    private void kill() {
        server.destroyForcibly();
        try {
            server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway and finds nothing
        }
    }

    private static void install(Path dir) throws IOException, InterruptedException {
        // the bootstrap server's temporary tables go to the sandbox's own tmp dir, not the shared /tmp, where
        // anything that tidies /tmp (or another bootstrap) can remove them under it ("Unknown table
        // 'mysql.tmp_user_sys'", seen once in a full run)
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> argv = new ArrayList<>(List.of(
                binary("mariadb-install-db", "mysql_install_db").toString(),
                "--no-defaults",
                "--datadir=" + datadir(dir),
                "--tmpdir=" + tmp,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (runningAsRoot()) {
            argv.add("--user=root");
        }
        Path errors = dir.resolve("install.err");
        ProcessBuilder install = new ProcessBuilder(argv).directory(dir.toFile());
        install.environment().put("TMPDIR", tmp.toString());
        int exitCode = install
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("install.log").toFile()).redirectError(errors.toFile()).start().waitFor();
        if (exitCode != 0) {
            throw new IOException("mariadb-install-db failed with " + exitCode + ": " + tail(errors));
        }
    }

    private void awaitAnswering() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<String> ping = List.of(binary("mariadb-admin", "mysqladmin").toString(), "--no-defaults",
                "--protocol=SOCKET", "--socket=" + socket(), "--user=root", "--connect-timeout=2", "ping");
        while (true) {
            if (!running()) {
                throw new IOException("mariadbd exited during start-up; end of " + errorLog() + ":\n" + errorLogTail());
            }
            if (Files.exists(socket()) && run(ping, null).exitCode() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mariadbd did not answer within " + START_TIMEOUT + "; end of "
                        + errorLog() + ":\n" + errorLogTail());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Creates the accounts over the socket as root; the SQL (with passwords) goes through stdin. */
    private void bootstrapAccounts() throws IOException, InterruptedException {
        String user = sqlString(settings.user());
        String password = sqlString(settings.password());
        String repl = sqlString(settings.replicationUser());
        String replPassword = sqlString(settings.replicationPassword());
        String sql = String.join("\n",
                "SET SESSION sql_log_bin = 0;",
                "CREATE USER " + user + "@'%' IDENTIFIED BY " + password + ";",
                "GRANT ALL PRIVILEGES ON *.* TO " + user + "@'%' WITH GRANT OPTION;",
                "CREATE USER " + user + "@'localhost' IDENTIFIED BY " + password + ";",
                "GRANT ALL PRIVILEGES ON *.* TO " + user + "@'localhost' WITH GRANT OPTION;",
                "CREATE USER " + repl + "@'%' IDENTIFIED BY " + replPassword + ";",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + repl + "@'%';",
                "");
        List<String> client = List.of(binary("mariadb", "mysql").toString(), "--no-defaults", "--protocol=SOCKET",
                "--socket=" + socket(), "--user=root", "--batch");
        Result result = run(client, sql);
        if (result.exitCode() != 0) {
            throw new IOException("creating the sandbox accounts failed: " + result.output());
        }
        dropAnonymousUsers();
    }

    private void dropAnonymousUsers() throws IOException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_log_bin = 0");
            List<String> hosts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rows.next()) {
                    hosts.add(rows.getString(1));
                }
            }
            for (String host : hosts) {
                statement.execute("DROP USER ''@" + sqlString(host));
            }
        } catch (SQLException e) {
            throw new IOException("could not drop anonymous users: " + e.getMessage(), e);
        }
    }

    private String errorLogTail() {
        return tail(errorLog());
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ": " + e.getMessage() + ")";
        }
    }

    /** Runs a short client program to its end, with {@code stdin} (or nothing) as input; output and errors merged. */
    private static Result run(List<String> argv, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output.strip());
        } finally {
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** A SQL string literal (backslash escapes on, the server default). */
    static String sqlString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\0", "\\0") + "'";
    }

    /**
     * Where a sandbox in a directory keeps its data.
     *
     * @param dir the sandbox directory
     * @return its datadir
     */
    public static Path datadir(Path dir) {
        return dir.resolve("data");
    }

    /**
     * Where a sandbox in a directory has its socket.
     *
     * @param dir the sandbox directory
     * @return its socket
     */
    public static Path socket(Path dir) {
        return dir.resolve("mysql.sock");
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
