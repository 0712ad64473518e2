package io.orcagent.api;

import java.io.IOException;
import javax.sql.DataSource;

/**
 * The local MySQL server as configured in {@code [mysql]}.
 */
public interface MysqlAccess {

    /**
     * A data source for the local server (owned by the runtime; do not close it). Each connection
     * is fresh, so it survives server restarts.
     *
     * @return the data source
     */
    DataSource dataSource();

    /**
     * The local server's port ({@code [mysql] port}).
     *
     * @return the port
     */
    int port();

    /**
     * The account name ({@code [mysql] user}). The password is never handed out as a string; use
     * {@link #clientOptionFile(String, int)}.
     *
     * @return the user
     */
    String user();

    /**
     * Writes a MySQL client option file (mode 0600, in the state directory) with a {@code [client]}
     * group holding user, password, host and port, for {@code --defaults-extra-file} /
     * {@code --defaults-file}. Delete it by closing the returned handle.
     *
     * @param host the server to connect to; {@code localhost} (or {@code 127.0.0.1}) with the local
     *     {@link #port()} means the local server at the address the operator configured
     *     ({@code [mysql] host})
     * @param port the server port
     * @return the file handle
     * @throws IOException when the file cannot be written
     */
    OptionFile clientOptionFile(String host, int port) throws IOException;
}
