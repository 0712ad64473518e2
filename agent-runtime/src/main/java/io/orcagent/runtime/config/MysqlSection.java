package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds {@code [mysql]}. */
final class MysqlSection {

    static final String NAME = "mysql";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    private MysqlSection() {
    }

    static Optional<MysqlConfig> bind(SectionReader r) {
        int port = r.port("port", MysqlConfig.DEFAULT_PORT);
        String user = r.nonEmptyString("user", null, "\"orchestrator-agent\"");
        Secret password = r.secret("password", true);
        String status = r.nonEmptyString("service-status-command", "systemctl check mysqld",
                "\"systemctl check mysqld\"");
        String start = r.nonEmptyString("service-start-command", "systemctl start mysqld",
                "\"systemctl start mysqld\"");
        String stop = r.nonEmptyString("service-stop-command", "systemctl stop mysqld",
                "\"systemctl stop mysqld\"");
        String host = r.nonEmptyString("host", "127.0.0.1", "\"127.0.0.1\"");
        Optional<Path> defaultsFile = r.optionalAbsolutePath("defaults-file");
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            r.problem("host", "must be an IP address or host name such as \"127.0.0.1\" (got "
                    + ValueText.describe(host) + ")");
        }
        r.reportUnknownKeys();
        if (!r.clean()) {
            return Optional.empty();
        }
        return Optional.of(new MysqlConfig(port, user, password, status, start, stop, host, defaultsFile));
    }
}
