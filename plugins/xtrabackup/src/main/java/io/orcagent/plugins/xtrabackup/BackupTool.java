package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.CommandRunner;
import io.orcagent.plugins.seedsupport.Executables;
import io.orcagent.plugins.seedsupport.ToolProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backup program this agent uses, what kind it is, the stream extractor that goes with it and the
 * storage engines it copies.
 *
 * @param program the backup program ({@code mariabackup}, {@code xtrabackup} or the configured one)
 * @param flavour MariaDB's mariabackup or Percona XtraBackup
 * @param extractor the xbstream extractor ({@code mbstream}, {@code xbstream} or the configured one)
 * @param autoDetected whether the program was picked from {@code PATH} rather than configured
 * @param supportedEngines the engines reported to orchestrator
 */
record BackupTool(String program, Flavour flavour, String extractor, boolean autoDetected,
                  List<String> supportedEngines) {

    /** Tried in this order when {@code backup-command} is not set. */
    static final List<String> AUTO_DETECT_ORDER = List.of("mariabackup", "mariadb-backup", "xtrabackup");

    /** The Go agent's rule for reading the major version out of {@code xtrabackup --version}. */
    private static final Pattern VERSION = Pattern.compile("version\\s*(\\d{1,9})");
    /** What every version copies (the Go agent's list for XtraBackup before 8). */
    static final List<String> BASE_ENGINES = List.of("MRG_MYISAM", "CSV", "BLACKHOLE", "InnoDB", "MEMORY", "ARCHIVE",
            "MyISAM", "FEDERATED");
    /** XtraBackup 8 and mariabackup also copy MyRocks. */
    static final List<String> ENGINES_WITH_ROCKSDB = withRocksDb();

    BackupTool {
        Objects.requireNonNull(program, "program is null");
        Objects.requireNonNull(flavour, "flavour is null");
        Objects.requireNonNull(extractor, "extractor is null");
        supportedEngines = List.copyOf(supportedEngines);
    }

    /** The two tool families. */
    enum Flavour {
        /** MariaDB's fork; its stream extractor is {@code mbstream}. */
        MARIABACKUP("mariabackup", "mbstream", "install mariadb-backup"),
        /** Percona XtraBackup; its stream extractor is {@code xbstream}. */
        XTRABACKUP("Percona XtraBackup", "xbstream", "install percona-xtrabackup");

        private final String description;
        private final String extractor;
        private final String installHint;

        Flavour(String description, String extractor, String installHint) {
            this.description = description;
            this.extractor = extractor;
            this.installHint = installHint;
        }

        String description() {
            return description;
        }

        String extractor() {
            return extractor;
        }

        String installHint() {
            return installHint;
        }
    }

    /**
     * Picks the program and asks it what it is.
     *
     * @param commands runs {@code --version}
     * @param settings the section
     * @return the tool (the first auto-detect candidate when none is installed; {@code probe()} then says so)
     */
    static BackupTool detect(CommandRunner commands, XtrabackupSettings settings) {
        boolean auto = settings.backupCommand().isEmpty();
        String program = settings.backupCommand()
                .orElseGet(() -> AUTO_DETECT_ORDER.stream().filter(Executables::onPath).findFirst()
                        .orElse(AUTO_DETECT_ORDER.getFirst()));
        String version = new ToolProbe(commands).versionText(program);
        return of(program, version, settings, auto);
    }

    /**
     * Builds the tool from its {@code --version} text.
     *
     * @param program the program
     * @param versionText its {@code --version} output, empty when it could not run
     * @param settings the section (for a configured extractor)
     * @param autoDetected whether the program was picked from {@code PATH}
     * @return the tool
     */
    static BackupTool of(String program, String versionText, XtrabackupSettings settings, boolean autoDetected) {
        Flavour flavour = flavourOf(program, versionText);
        String extractor = settings.streamExtractor().orElse(flavour.extractor());
        return new BackupTool(program, flavour, extractor, autoDetected, enginesOf(flavour, versionText));
    }

    /**
     * The engines orchestrator may seed with this tool. XtraBackup follows the Go agent (MyRocks from major
     * version 8 on, read with its {@code version\s*(\d+)} rule; an unreadable version gets the list without
     * MyRocks instead of a panic). mariabackup reports the MariaDB server version it was built from, not a
     * tool version, and backs up MyRocks itself ({@code --rocksdb-backup}, on by default), so it gets MyRocks.
     *
     * @param flavour the tool family
     * @param versionText its {@code --version} output
     * @return engine names in the Go agent's order
     */
    static List<String> enginesOf(Flavour flavour, String versionText) {
        if (flavour == Flavour.MARIABACKUP) {
            return ENGINES_WITH_ROCKSDB;
        }
        Matcher m = VERSION.matcher(versionText);
        return m.find() && Integer.parseInt(m.group(1)) >= 8
                ? ENGINES_WITH_ROCKSDB : BASE_ENGINES;
    }

    private static Flavour flavourOf(String program, String versionText) {
        if (versionText.contains("MariaDB")) {
            return Flavour.MARIABACKUP;
        }
        if (!versionText.isBlank()) {
            return Flavour.XTRABACKUP;
        }
        String name = Path.of(program).getFileName().toString();
        return name.startsWith("mariabackup") || name.startsWith("mariadb-backup") ? Flavour.MARIABACKUP
                : Flavour.XTRABACKUP;
    }

    private static List<String> withRocksDb() {
        List<String> engines = new ArrayList<>();
        engines.add("ROCKSDB");
        engines.addAll(BASE_ENGINES);
        return List.copyOf(engines);
    }
}
