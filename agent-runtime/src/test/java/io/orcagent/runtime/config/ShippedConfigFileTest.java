package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example file shipped in conf/ loads and documents every key. */
class ShippedConfigFileTest {

    private static final Path SHIPPED = Path.of("../conf/orchestrator-agent.conf");
    private static final Pattern HEADER = Pattern.compile("^\\[([A-Za-z0-9_.\"-]+)]\\s*$");
    private static final Pattern KEY = Pattern.compile("^([a-z0-9-]+)\\s*=");

    /** Keys of the seed method sections, as listed in the Go agent's README. */
    private static final Map<String, Set<String>> REFERENCE_PLUGIN_KEYS = Map.of(
            "mysqldump", Set.of("enabled", "mysqldump-addtional-opts"),
            "mydumper", Set.of("enabled", "mydumper-addtional-opts", "myloader-additional-opts"),
            "xtrabackup", Set.of("enabled", "xtrabackup-addtional-opts", "socat-use-ssl", "socat-ssl-cert-file",
                    "socat-ssl-cat-file", "socat-ssl-skip-verify"),
            "lvm", Set.of("enabled", "create-snapshot-command", "create-new-snapshot-for-seed",
                    "available-local-snapshot-hosts-command", "available-snapshot-hosts-command",
                    "snapshot-volumes-filter", "socat-use-ssl", "socat-ssl-cert-file", "socat-ssl-cat-file",
                    "socat-ssl-skip-verify"),
            "clone_plugin", Set.of("enabled", "clone-autotune-concurrency", "clone-buffer-size", "clone-ddl-timeout",
                    "clone-enable-compression", "clone-max-concurrency", "clone-max-data-bandwidth",
                    "clone-max-network-bandwidth", "clone-ssl-ca", "clone-ssl-cert", "clone-ssl-key"));

    /** Every {@code section.key} in the file, commented out or not. */
    private static SortedMap<String, SortedSet<String>> documentedKeys() throws IOException {
        SortedMap<String, SortedSet<String>> keys = new TreeMap<>();
        String section = null;
        for (String raw : Files.readAllLines(SHIPPED)) {
            String line = raw.replaceFirst("^#?\\s*", "");
            Matcher header = HEADER.matcher(line);
            Matcher key = KEY.matcher(line);
            if (header.matches()) {
                section = header.group(1).startsWith(CustomCommandsSection.NAME + ".")
                        ? CustomCommandsSection.NAME + "." + CustomCommandsSection.ANY_NAME : header.group(1);
            } else if (key.find() && section != null) {
                keys.computeIfAbsent(section, s -> new TreeSet<>()).add(key.group(1));
            }
        }
        return keys;
    }

    @Test
    void theShippedFileLoads() throws Exception {
        AgentConfig config = ConfigLoader.load(SHIPPED);

        assertThat(config.common().backupDir()).isEqualTo(Path.of("/var/lib/orchestrator-agent/backup"));
        assertThat(config.orchestrator().urls()).hasSize(1);
        assertThat(config.mysql().user()).isEqualTo("orchestrator-agent");
        assertThat(config.pluginSections()).containsOnlyKeys(REFERENCE_PLUGIN_KEYS.keySet());
        assertThat(config.pluginConfig("mysqldump").enabled()).contains(true);
    }

    @Test
    void theShippedFileDocumentsExactlyTheKeysTheLoaderKnows() throws Exception {
        SortedSet<String> documentedCoreKeys = new TreeSet<>();
        documentedKeys().forEach((section, keys) -> {
            if (!REFERENCE_PLUGIN_KEYS.containsKey(section)) {
                keys.forEach(key -> documentedCoreKeys.add(section + "." + key));
            }
        });

        assertThat(documentedCoreKeys).containsExactlyElementsOf(ConfigLoader.knownKeys());
    }

    @Test
    void theShippedFileDocumentsEveryReferenceKeyOfTheSeedMethodSections() throws Exception {
        SortedMap<String, SortedSet<String>> documented = documentedKeys();

        REFERENCE_PLUGIN_KEYS.forEach((section, keys) ->
                assertThat(documented.get(section)).as(section).containsAll(keys));
    }

    @Test
    void theLoaderKnowsTheReferenceKeysAndTheNewOnes() {
        assertThat(ConfigLoader.knownKeys())
                .contains("common.port", "common.status-bad-seconds", "orchestrator.agents-port", "logging.level",
                        "mysql.service-stop-command", "custom-commands.<name>.cmd")
                .contains("common.hostname", "common.bind-address", "common.plugins-dir", "common.state-dir",
                        "common.command-executor", "common.transfer-bandwidth-limit", "common.transfer-use-tls",
                        "common.transfer-mutual-tls", "common.abandoned-seed-cleanup-after", "common.http-max-connections",
                        "common.http-request-head-timeout", "common.http-idle-timeout", "orchestrator.api",
                        "mysql.host", "mysql.defaults-file")
                .contains("orchestrator.api-url", "orchestrator.api-user", "orchestrator.api-password",
                        "orchestrator.discover-interval", "orchestrator.promotion-rule",
                        "orchestrator.promotion-rule-command", "orchestrator.promotion-rule-interval",
                        "orchestrator.downtime", "orchestrator.downtime-duration", "orchestrator.downtime-owner",
                        "orchestrator.downtime-reason", "orchestrator.hint-jitter")
                // 34 in [common], 15 in [orchestrator], 2 in [logging], 8 in [mysql], 1 per custom command
                .hasSize(60);
    }
}
