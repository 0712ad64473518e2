package io.orcagent.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the files and directories a valid configuration names against the filesystem, so that a
 * missing certificate or a directory that cannot be created is reported like every other configuration
 * problem ({@code <file>: common.ssl-cert-file: /etc/ssl/agent.pem does not exist}) instead of failing
 * the start with a stack trace. Files the agent reads must exist and be readable; files and directories
 * it creates must be creatable (no regular file in the way).
 */
final class ConfiguredPaths {

    private final Problems problems;

    private ConfiguredPaths(Problems problems) {
        this.problems = problems;
    }

    /**
     * Records a problem for every path of the configuration that cannot work.
     *
     * @param config the configuration
     * @param problems where problems go
     */
    static void check(AgentConfig config, Problems problems) {
        ConfiguredPaths check = new ConfiguredPaths(problems);
        CommonConfig common = config.common();
        String section = CommonSection.NAME + ".";
        check.readableFile(section + "ssl-cert-file", common.sslCertFile());
        check.readableFile(section + "ssl-private-key-file", common.sslPrivateKeyFile());
        check.readableFile(section + "ssl-ca-file", common.sslCaFile());
        common.tokenHintFile().ifPresent(file -> check.creatableFile(section + "token-hint-file", file));
        check.creatableDirectory(section + "backup-dir", common.backupDir());
        check.creatableDirectory(section + "state-dir", common.stateDir());
        check.creatableDirectory(section + "plugins-dir", common.pluginsDir());
        check.creatableFile(LoggingSection.NAME + ".file", config.logging().file());
        check.readableFile(MysqlSection.NAME + ".defaults-file", config.mysql().defaultsFile());
    }

    private void readableFile(String key, Optional<Path> configured) {
        if (configured.isEmpty()) {
            return;
        }
        Path file = configured.get();
        if (!Files.exists(file)) {
            problems.add(key, file + " does not exist");
        } else if (Files.isDirectory(file)) {
            problems.add(key, file + " is a directory, not a file");
        } else if (!Files.isReadable(file)) {
            problems.add(key, file + " cannot be read by this user (permission denied)");
        }
    }

    private void creatableFile(String key, Path file) {
        if (Files.isDirectory(file)) {
            problems.add(key, file + " is a directory, not a file");
        } else if (file.getParent() != null && !Files.exists(file)) {
            blockingAncestor(file.getParent()).ifPresent(blocker ->
                    problems.add(key, "cannot be created: " + blocker + " is not a directory"));
        }
    }

    private void creatableDirectory(String key, Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                problems.add(key, dir + " is not a directory");
            }
            return;
        }
        blockingAncestor(dir).ifPresent(blocker ->
                problems.add(key, "cannot be created: " + blocker + " is not a directory"));
    }

    /** The nearest existing ancestor (or the path itself) when it is not a directory. */
    private static Optional<Path> blockingAncestor(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
