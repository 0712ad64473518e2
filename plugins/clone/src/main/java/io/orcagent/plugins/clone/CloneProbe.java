package io.orcagent.plugins.clone;

import io.orcagent.api.Availability;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether the local server can clone: MySQL (not MariaDB), version 8.0.17 or later, and the clone plugin
 * {@code ACTIVE} in {@code information_schema.PLUGINS} (the Go agent's only check).
 */
final class CloneProbe {

    static final String VERSION_QUERY = "SELECT VERSION()";
    static final String PLUGIN_QUERY = "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'clone'";
    static final String INSTALL_HINT = "INSTALL PLUGIN clone SONAME 'mysql_clone.so' (or plugin-load-add=mysql_clone.so"
            + " in my.cnf)";

    private static final Pattern VERSION = Pattern.compile("(\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,5}).*");
    private static final int[] MINIMUM = {8, 0, 17};

    private CloneProbe() {
    }

    /**
     * Asks the local server.
     *
     * @param dataSource the local server
     * @return usable, or unavailable with the reason
     */
    static Availability check(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String version = single(statement, VERSION_QUERY);
            if (version == null) {
                return Availability.unavailable("the local server did not report its version");
            }
            if (version.toLowerCase(Locale.ROOT).contains("mariadb")) {
                return Availability.unavailable("the clone plugin exists only in MySQL 8.0.17+; this server is MariaDB "
                        + version);
            }
            Matcher m = VERSION.matcher(version);
            if (!m.matches()) {
                return Availability.unavailable("cannot read the server version \"" + version
                        + "\"; the clone plugin needs MySQL 8.0.17 or later");
            }
            if (!atLeastMinimum(m)) {
                return Availability.unavailable("the clone plugin needs MySQL 8.0.17 or later; this server is MySQL "
                        + version);
            }
            String status = single(statement, PLUGIN_QUERY);
            if (status == null) {
                return Availability.unavailable("the clone plugin is not installed on this MySQL server: run "
                        + INSTALL_HINT);
            }
            if (!status.equals("ACTIVE")) {
                return Availability.unavailable("the clone plugin is " + status + ", not ACTIVE: check the server's"
                        + " error log and its clone option, or run " + INSTALL_HINT);
            }
            return Availability.usable();
        } catch (SQLException e) {
            return Availability.unavailable("cannot check the local server for the clone plugin: " + e.getMessage());
        }
    }

    private static boolean atLeastMinimum(Matcher m) {
        for (int i = 0; i < MINIMUM.length; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part != MINIMUM[i]) {
                return part > MINIMUM[i];
            }
        }
        return true;
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
