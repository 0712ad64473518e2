package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.MysqlAccess;
import io.orcagent.api.OptionFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The local server of a test agent, as the runtime would offer it: a data source, the port and
 * account, and 0600 option files holding the credentials, every value double-quoted as the runtime
 * writes them. {@code localhost} in an option file means the server's socket, as it does for the
 * command-line clients; since test servers do not use the default socket path, the file names it.
 */
public final class TestMysqlAccess implements MysqlAccess {

    private final MariaDbServer server;
    private final Path optionFileDir;

    /**
     * Creates the access.
     *
     * @param server the agent's local server
     * @param optionFileDir where option files are written
     */
    public TestMysqlAccess(MariaDbServer server, Path optionFileDir) {
        this.server = Objects.requireNonNull(server, "server is null");
        this.optionFileDir = Objects.requireNonNull(optionFileDir, "optionFileDir is null");
    }

    @Override
    public DataSource dataSource() {
        return server.dataSource();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String user() {
        return MariaDbServer.USER;
    }

    @Override
    public OptionFile clientOptionFile(String host, int port) throws IOException {
        Files.createDirectories(optionFileDir);
        Path file = Files.createTempFile(optionFileDir, "client-", ".cnf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder text = new StringBuilder("[client]\n")
                .append("user=").append(quoted(MariaDbServer.USER)).append('\n')
                .append("password=").append(quoted(MariaDbServer.PASSWORD)).append('\n')
                .append("host=").append(quoted(host)).append('\n')
                .append("port=").append(port).append('\n');
        if (host.equals("localhost")) {
            text.append("socket=").append(quoted(server.socket().toString())).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new OptionFile() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public void close() {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // best effort, as the runtime's handle
                }
            }
        };
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
