package io.orcagent.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files for tests. */
final class ConfigFiles {

    /** Only the required keys. */
    static final String REQUIRED = """
            [common]
            backup-dir = "/var/backup"

            [orchestrator]
            url = "orc.example.com"

            [mysql]
            user = "agent"
            password = "s3cret-pw"
            """;

    private ConfigFiles() {
    }

    static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("orchestrator-agent.conf");
        Files.writeString(file, text);
        return file;
    }

    /** The required keys with extra lines appended to one section. */
    static String requiredWith(String section, String lines) {
        String header = "[" + section + "]\n";
        if (REQUIRED.contains(header)) {
            return REQUIRED.replace(header, header + lines + "\n");
        }
        return REQUIRED + "\n" + header + lines + "\n";
    }
}
