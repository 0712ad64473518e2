package io.orcagent.runtime.host;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;

import io.orcagent.api.MysqlAccess;
import io.orcagent.api.OptionFile;
import io.orcagent.runtime.config.MysqlConfig;
import io.orcagent.runtime.exec.OptionFiles;

/**
 * The local MySQL server: an unpooled data source (every connection is fresh, so a restarted server is
 * picked up) and option files carrying the credentials for command-line tools.
 */
public final class LocalMysql implements MysqlAccess {

    private final MysqlConfig config;
    private final MysqlDataSource dataSource;
    private final OptionFiles optionFiles;

    /**
     * Creates the access.
     *
     * @param config the {@code [mysql]} section
     * @param optionFiles writes option files
     */
    public LocalMysql(MysqlConfig config, OptionFiles optionFiles) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.optionFiles = Objects.requireNonNull(optionFiles, "optionFiles is null");
        this.dataSource = dataSource(config.host(), config.port(), config.user(), config.password().value());
    }

    /**
     * An unpooled Connector/J data source.
     *
     * @param host host
     * @param port port
     * @param user user
     * @param password password
     * @return the data source
     */
    public static MysqlDataSource dataSource(String host, int port, String user, String password) {
        MysqlDataSource ds = new MysqlDataSource();
        ds.setUrl("jdbc:mysql://" + hostForUrl(host) + ":" + port + "/"
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=3000&socketTimeout=600000"
                + "&permitMysqlScheme=true&useInformationSchema=true");
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public int port() {
        return config.port();
    }

    @Override
    public String user() {
        return config.user();
    }

    @Override
    public OptionFile clientOptionFile(String host, int port) throws IOException {
        // "localhost" means the local server, which the operator may have bound to another address
        boolean local = port == config.port() && (host.equals("localhost") || host.equals("127.0.0.1"));
        return optionFiles.write(local ? config.host() : host, port);
    }

    /**
     * Reads {@code @@datadir}.
     *
     * @return the datadir
     * @throws SQLException when MySQL cannot be asked
     */
    public String datadir() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@datadir")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
