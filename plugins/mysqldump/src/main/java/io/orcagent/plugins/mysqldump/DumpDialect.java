package io.orcagent.plugins.mysqldump;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the installed dump program understands, read from its {@code --version} and {@code --help}:
 * MariaDB's {@code mariadb-dump} gets {@code --gtid} (so the dump also names the MariaDB GTID position),
 * and a MySQL {@code mysqldump} that knows {@code --source-data} (8.0.26+, where {@code --master-data}
 * is deprecated) gets that spelling.
 *
 * @param mariadb whether the dump program is MariaDB's
 * @param sourceData whether it accepts {@code --source-data}
 */
record DumpDialect(boolean mariadb, boolean sourceData) {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    /**
     * Asks the program.
     *
     * @param commands the runner
     * @param dump the dump program
     * @return its dialect (plain {@code --master-data=2} when it cannot be told)
     * @throws InterruptedException when interrupted
     */
    static DumpDialect detect(CommandRunner commands, String dump) throws InterruptedException {
        boolean mariadb = output(commands, dump, "--version").contains("MariaDB");
        boolean sourceData = !mariadb && output(commands, dump, "--help").contains("--source-data");
        return new DumpDialect(mariadb, sourceData);
    }

    /**
     * The arguments that make the dump record the source's coordinates (commented out, so restoring
     * the dump does not touch replication settings).
     *
     * @return e.g. {@code --master-data=2 --gtid}
     */
    List<String> coordinateArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add(sourceData ? "--source-data=2" : "--master-data=2");
        if (mariadb) {
            arguments.add("--gtid");
        }
        return List.copyOf(arguments);
    }

    private static String output(CommandRunner commands, String dump, String flag) throws InterruptedException {
        try {
            CommandResult result = commands.run(Command.of(dump, flag).timeout(LIMIT));
            return result.succeeded() ? result.stdout() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
