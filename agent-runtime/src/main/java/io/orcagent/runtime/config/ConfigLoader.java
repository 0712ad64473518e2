package io.orcagent.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the agent's TOML configuration file into an {@link AgentConfig}, or reports every problem in
 * it at once through {@link ConfigException}.
 */
public final class ConfigLoader {

    /** Where the agent looks when no {@code --config} is given. */
    public static final Path DEFAULT_FILE = Path.of("/etc/orchestrator-agent.conf");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Set<String> CORE_SECTIONS = Set.of(CommonSection.NAME, OrchestratorSection.NAME,
            LoggingSection.NAME, MysqlSection.NAME, CustomCommandsSection.NAME);

    private ConfigLoader() {
    }

    /**
     * Reads and validates a configuration file (UTF-8 TOML).
     *
     * @param file the file
     * @return the configuration
     * @throws ConfigException listing every problem: unreadable file, TOML syntax, unknown keys in core
     *     sections, wrong types, bad values, missing required keys; once those are fixed, files the agent
     *     reads that do not exist or cannot be read, and files or directories it cannot create
     */
    public static AgentConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "the configuration file does not exist");
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "the configuration file cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "the configuration file is not valid UTF-8 text");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw fileProblem(file, "the configuration file cannot be read: " + reason);
        }
        AgentConfig config = parse(file, text);
        Problems paths = new Problems(file);
        ConfiguredPaths.check(config, paths);
        paths.throwIfAny();
        warnIfReadableByAll(file);
        return config;
    }

    /**
     * Validates configuration text as if it had been read from {@code file}.
     *
     * @param file the file named in problem messages and kept in {@link AgentConfig#file()}
     * @param text TOML text
     * @return the configuration
     * @throws ConfigException listing every problem
     */
    public static AgentConfig parse(Path file, String text) throws ConfigException {
        Problems problems = new Problems(file);
        Optional<Map<String, Object>> document = TomlText.parse(text, problems);
        problems.throwIfAny();
        Map<String, Object> root = document.orElseThrow();

        Map<String, Map<String, Object>> pluginSections = new LinkedHashMap<>();
        root.forEach((name, value) -> {
            if (!(value instanceof Map<?, ?>)) {
                problems.add(name, "must be a section such as [" + name + "], not a value outside any section");
            } else if (!CORE_SECTIONS.contains(name)) {
                pluginSections.put(name, table(root, name));
            }
        });
        Optional<CommonConfig> common = CommonSection.bind(reader(root, CommonSection.NAME, problems));
        Optional<OrchestratorConfig> orchestrator = OrchestratorSection.bind(
                reader(root, OrchestratorSection.NAME, problems));
        Optional<LoggingConfig> logging = LoggingSection.bind(reader(root, LoggingSection.NAME, problems));
        Optional<MysqlConfig> mysql = MysqlSection.bind(reader(root, MysqlSection.NAME, problems));
        Optional<SortedMap<String, String>> customCommands = CustomCommandsSection.bind(
                table(root, CustomCommandsSection.NAME), problems);
        problems.throwIfAny();
        return new AgentConfig(file, common.orElseThrow(), orchestrator.orElseThrow(), logging.orElseThrow(),
                mysql.orElseThrow(), customCommands.orElseThrow(), pluginSections);
    }

    /**
     * Every key of the core sections, as {@code section.key}; custom commands appear as
     * {@code custom-commands.<name>.cmd}.
     *
     * @return the known keys, sorted
     */
    public static SortedSet<String> knownKeys() {
        Problems discarded = new Problems(DEFAULT_FILE);
        SortedSet<String> keys = new TreeSet<>();
        SectionReader common = new SectionReader(CommonSection.NAME, Map.of(), discarded);
        CommonSection.bind(common);
        SectionReader orchestrator = new SectionReader(OrchestratorSection.NAME, Map.of(), discarded);
        OrchestratorSection.bind(orchestrator);
        SectionReader logging = new SectionReader(LoggingSection.NAME, Map.of(), discarded);
        LoggingSection.bind(logging);
        SectionReader mysql = new SectionReader(MysqlSection.NAME, Map.of(), discarded);
        MysqlSection.bind(mysql);
        for (SectionReader reader : new SectionReader[] {common, orchestrator, logging, mysql}) {
            reader.knownKeys().forEach(key -> keys.add(reader.section() + "." + key));
        }
        keys.add(CustomCommandsSection.NAME + "." + CustomCommandsSection.ANY_NAME + ".cmd");
        return Collections.unmodifiableSortedSet(keys);
    }

    private static SectionReader reader(Map<String, Object> root, String section, Problems problems) {
        return new SectionReader(section, table(root, section), problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Map<String, Object> root, String name) {
        return root.get(name) instanceof Map<?, ?> table ? (Map<String, Object>) table : Map.of();
    }

    private static ConfigException fileProblem(Path file, String sentence) {
        return new ConfigException(file, List.of(file + ": " + sentence));
    }

    /** The file holds the MySQL password: say so when every local user can read it. */
    private static void warnIfReadableByAll(Path file) {
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("Config file {} is readable by every local user and holds the MySQL password;"
                        + " consider chmod 0640", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot read the permissions of config file {}: {}", file, e.toString());
        }
    }
}
