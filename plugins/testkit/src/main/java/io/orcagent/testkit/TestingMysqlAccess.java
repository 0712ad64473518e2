package io.orcagent.testkit;

import io.orcagent.api.MysqlAccess;
import io.orcagent.api.OptionFile;
import io.orcagent.runtime.exec.OptionFiles;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The local MySQL for plugin tests, usually a {@link MariaDbSandbox}: a data source, the port and account,
 * and real 0600 option files written by the runtime's own {@link OptionFiles}.
 */
public final class TestingMysqlAccess implements MysqlAccess {

    private final DataSource dataSource;
    private final int port;
    private final String user;
    private final OptionFiles optionFiles;

    /**
     * Creates the access.
     *
     * @param dataSource connections to the local server
     * @param port its port
     * @param user the account
     * @param password its password (written to option files only)
     * @param optionFileDir where option files go
     */
    public TestingMysqlAccess(DataSource dataSource, int port, String user, String password, Path optionFileDir) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
        this.port = port;
        this.user = Objects.requireNonNull(user, "user is null");
        this.optionFiles = new OptionFiles(optionFileDir, user, password);
    }

    /**
     * The sandbox's admin account as the agent's account.
     *
     * @param sandbox a running sandbox
     * @param optionFileDir where option files go
     * @return the access
     */
    public static TestingMysqlAccess of(MariaDbSandbox sandbox, Path optionFileDir) {
        return new TestingMysqlAccess(sandbox.dataSource(), sandbox.port(), sandbox.settings().user(),
                sandbox.settings().password(), optionFileDir);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public OptionFile clientOptionFile(String host, int serverPort) throws IOException {
        return optionFiles.write(host, serverPort);
    }

    @Override
    public String toString() {
        return "TestingMysqlAccess[" + user + "@:" + port + "]";
    }
}
