package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.http.ConnectionLimits;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheRequiredKeysGiveTheDocumentedCommonDefaults() throws Exception {
        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.REQUIRED)).common();

        assertThat(common.port()).isEqualTo(3002);
        assertThat(common.seedPort()).isEqualTo(21234);
        assertThat(common.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(common.resubmitAgentInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(common.httpAuthUser()).isEmpty();
        assertThat(common.httpAuthPassword()).isEqualTo(Secret.EMPTY);
        assertThat(common.httpTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(common.useSsl()).isFalse();
        assertThat(common.useMutualTls()).isFalse();
        assertThat(common.sslSkipVerify()).isFalse();
        assertThat(common.sslCertFile()).isEmpty();
        assertThat(common.sslPrivateKeyFile()).isEmpty();
        assertThat(common.sslCaFile()).isEmpty();
        assertThat(common.sslValidOus()).isEmpty();
        assertThat(common.statusOuVerify()).isFalse();
        assertThat(common.tokenHintFile()).isEmpty();
        assertThat(common.tokenHttpHeader()).isEmpty();
        assertThat(common.execWithSudo()).isFalse();
        assertThat(common.sudoUser()).isEmpty();
        assertThat(common.backupDir()).isEqualTo(Path.of("/var/backup"));
        assertThat(common.statusEndpoint()).isEqualTo("/api/status");
        assertThat(common.statusBadSeconds()).isEqualTo(Duration.ofSeconds(300));
        assertThat(common.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(common.pluginsDir()).isEqualTo(Path.of("/opt/orchestrator-agent/plugins"));
        assertThat(common.stateDir()).isEqualTo(Path.of("/var/lib/orchestrator-agent"));
        assertThat(common.commandExecutor()).isEqualTo("local");
        assertThat(common.transferBandwidthLimit()).isZero();
        assertThat(common.transferUseTls()).isFalse();
        assertThat(common.transferMutualTls()).isFalse();
        assertThat(common.httpMaxConnections()).isZero();
        assertThat(common.httpRequestHeadTimeout()).isEqualTo(Duration.ofSeconds(10))
                .isEqualTo(ConnectionLimits.DEFAULT_REQUEST_HEAD_TIMEOUT);
        assertThat(common.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(ConnectionLimits.DEFAULT_IDLE_TIMEOUT);
        assertThat(common.abandonedSeedCleanupAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void abandonedSeedCleanupIsDisabledWithZero() throws Exception {
        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.requiredWith("common", """
                abandoned-seed-cleanup-after = "0"
                """))).common();

        assertThat(common.abandonedSeedCleanupAfter()).isZero();
    }

    @Test
    void onlyTheRequiredKeysGiveTheDocumentedDefaultsOfTheOtherSections() throws Exception {
        AgentConfig config = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.REQUIRED));

        assertThat(config.orchestrator()).isEqualTo(
                new OrchestratorConfig(List.of(URI.create("http://orc.example.com")), 3001, ApiFlavour.AUTO));
        assertThat(config.logging()).isEqualTo(
                new LoggingConfig(Path.of("/var/log/orchestrator-agent.log"), "info"));
        assertThat(config.mysql()).isEqualTo(new MysqlConfig(3306, "agent", new Secret("s3cret-pw"),
                "systemctl check mysqld", "systemctl start mysqld", "systemctl stop mysqld", "127.0.0.1"));
        assertThat(config.customCommands()).isEmpty();
        assertThat(config.pluginSections()).isEmpty();
    }

    @Test
    void theHostnameDefaultsToTheHostsFullyQualifiedName() throws Exception {
        InetAddress local = InetAddress.getLocalHost();
        String canonical = local.getCanonicalHostName();
        String expected = canonical.equals(local.getHostAddress()) ? local.getHostName() : canonical;

        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, ConfigFiles.REQUIRED)).common();

        assertThat(common.hostname()).isEqualTo(expected).isNotBlank();
    }

    @Test
    void everyCommonKeyIsRead() throws Exception {
        Path cert = Files.writeString(dir.resolve("agent.pem"), "cert");
        Path key = Files.writeString(dir.resolve("agent.key"), "key");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "ca");
        String text = ConfigFiles.requiredWith("common", """
                port = 4002
                seed-port = 4234
                poll-interval = "30s"
                resubmit-agent-interval = "2h"
                http-auth-user = "admin"
                http-auth-password = "basic-pw"
                http-timeout = "1500ms"
                use-ssl = true
                use-mutual-tls = true
                ssl-skip-verify = true
                ssl-cert-file = "/etc/ssl/agent.pem"
                ssl-private-key-file = "/etc/ssl/agent.key"
                ssl-ca-file = "/etc/ssl/ca.pem"
                ssl-valid-ous = ["dba", "ops"]
                status-ou-verify = true
                token-hint-file = "/run/agent/token"
                token-http-header = "X-Agent-Token"
                exec-with-sudo = true
                sudo-user = "root"
                status-endpoint = "/health"
                status-bad-seconds = "2m"
                hostname = "db7.example.com"
                bind-address = "127.0.0.7"
                plugins-dir = "/srv/agent/plugins"
                state-dir = "/srv/agent/state"
                command-executor = "sudo"
                transfer-bandwidth-limit = "100MiB"
                transfer-use-tls = true
                transfer-mutual-tls = true
                abandoned-seed-cleanup-after = "90s"
                http-max-connections = 200
                http-request-head-timeout = "5s"
                http-idle-timeout = "2m"
                """.replace("/etc/ssl/agent.pem", cert.toString()).replace("/etc/ssl/agent.key", key.toString())
                .replace("/etc/ssl/ca.pem", ca.toString()));

        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, text)).common();

        assertThat(common).isEqualTo(new CommonConfig(4002, 4234, Duration.ofSeconds(30), Duration.ofHours(2),
                Optional.of("admin"), new Secret("basic-pw"), Duration.ofMillis(1500), true, true, true,
                Optional.of(cert), Optional.of(key), Optional.of(ca), List.of("dba", "ops"), true,
                Optional.of(Path.of("/run/agent/token")), Optional.of("X-Agent-Token"), true, Optional.of("root"),
                Path.of("/var/backup"), "/health", Duration.ofMinutes(2), "db7.example.com", "127.0.0.7",
                Path.of("/srv/agent/plugins"), Path.of("/srv/agent/state"), "sudo", 100L * 1024 * 1024, true, true,
                Duration.ofSeconds(90), 200, Duration.ofSeconds(5), Duration.ofMinutes(2)));
    }

    @Test
    void everyKeyOfTheOtherCoreSectionsIsRead() throws Exception {
        String text = """
                [common]
                backup-dir = "/var/backup"
                [orchestrator]
                url = "https://orc.example.com"
                agents-port = 3011
                api = "LEGACY"
                [logging]
                file = "/srv/log/agent.log"
                level = "Debug"
                [mysql]
                host = "127.0.0.5"
                port = 3307
                user = "agent"
                password = "s3cret-pw"
                service-status-command = "sudo systemctl is-active mariadb"
                service-start-command = "sudo systemctl start mariadb"
                service-stop-command = "sudo systemctl stop mariadb"
                """;

        AgentConfig config = ConfigLoader.load(ConfigFiles.write(dir, text));

        assertThat(config.orchestrator()).isEqualTo(
                new OrchestratorConfig(List.of(URI.create("https://orc.example.com")), 3011, ApiFlavour.LEGACY));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(Path.of("/srv/log/agent.log"), "debug"));
        assertThat(config.mysql()).isEqualTo(new MysqlConfig(3307, "agent", new Secret("s3cret-pw"),
                "sudo systemctl is-active mariadb", "sudo systemctl start mariadb", "sudo systemctl stop mariadb",
                "127.0.0.5"));
    }

    @Test
    void customCommandsAreSortedByNameWithPostSeedCommandAsAnOrdinaryEntry() throws Exception {
        String text = ConfigFiles.REQUIRED + """
                [custom-commands.zz-last]
                cmd = "echo last"
                [custom-commands.post-seed-command]
                cmd = "/usr/local/bin/post-seed.sh"
                [custom-commands."flush.logs"]
                cmd = "mysqladmin flush-logs"
                """;

        Map<String, String> commands = ConfigLoader.load(ConfigFiles.write(dir, text)).customCommands();

        assertThat(commands).containsExactly(
                Map.entry("flush.logs", "mysqladmin flush-logs"),
                Map.entry(AgentConfig.POST_SEED_COMMAND, "/usr/local/bin/post-seed.sh"),
                Map.entry("zz-last", "echo last"));
    }

    @Test
    void pluginSectionsArePassedThroughAsPlainJavaValues() throws Exception {
        String text = ConfigFiles.REQUIRED + """
                [mysqldump]
                enabled = true
                mysqldump-addtional-opts = ["--single-transaction", "--compress"]
                addtional-opts = ["--quick"]
                [clone_plugin]
                clone-buffer-size = 4194304
                clone-autotune-concurrency = false
                [acme-backup]
                ratio = 0.5
                since = 2024-01-02T03:04:05Z
                [acme-backup.target]
                bucket = "s3://backups"
                """;

        Map<String, Map<String, Object>> sections = ConfigLoader.load(ConfigFiles.write(dir, text)).pluginSections();

        assertThat(sections).containsOnlyKeys("acme-backup", "clone_plugin", "mysqldump");
        assertThat(sections.get("mysqldump")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "enabled", true,
                "mysqldump-addtional-opts", List.of("--single-transaction", "--compress"),
                "addtional-opts", List.of("--quick")));
        assertThat(sections.get("clone_plugin")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "clone-buffer-size", 4194304L, "clone-autotune-concurrency", false));
        assertThat(sections.get("acme-backup")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ratio", 0.5,
                "since", Instant.parse("2024-01-02T03:04:05Z"),
                "target", Map.of("bucket", "s3://backups")));
    }

    @Test
    void aPluginSectionIsHandedOverAsSectionConfig() throws Exception {
        String text = ConfigFiles.REQUIRED + """
                [mysqldump]
                enabled = false
                addtional-opts = ["--quick"]
                """;
        AgentConfig config = ConfigLoader.load(ConfigFiles.write(dir, text));

        SectionConfig mysqldump = config.pluginConfig("mysqldump");

        assertThat(mysqldump.enabled()).contains(false);
        assertThat(mysqldump.strings("addtional-opts", List.of())).containsExactly("--quick");
        assertThat(config.pluginConfig("xtrabackup").keys()).isEmpty();
    }

    @Test
    void durationsAcceptGoStringsAndIntegerSeconds() throws Exception {
        String text = ConfigFiles.requiredWith("common", """
                poll-interval = 45
                resubmit-agent-interval = "1h30m"
                status-bad-seconds = "600"
                """);

        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, text)).common();

        assertThat(common.pollInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(common.resubmitAgentInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(common.statusBadSeconds()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void transferBandwidthLimitAcceptsAnIntegerNumberOfBytes() throws Exception {
        String text = ConfigFiles.requiredWith("common", "transfer-bandwidth-limit = 1048576");

        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, text)).common();

        assertThat(common.transferBandwidthLimit()).isEqualTo(1_048_576L);
    }

    @Test
    void emptyStringsMeanUnsetForOptionalKeys() throws Exception {
        String text = ConfigFiles.requiredWith("common", """
                http-auth-user = ""
                ssl-cert-file = ""
                token-http-header = ""
                sudo-user = ""
                """);

        CommonConfig common = ConfigLoader.load(ConfigFiles.write(dir, text)).common();

        assertThat(common.httpAuthUser()).isEmpty();
        assertThat(common.sslCertFile()).isEmpty();
        assertThat(common.tokenHttpHeader()).isEmpty();
        assertThat(common.sudoUser()).isEmpty();
    }

    @Test
    void toStringNeverShowsPasswordsCommandsOrPluginValues() throws Exception {
        String text = ConfigFiles.requiredWith("common", "http-auth-password = \"basic-pw\"") + """
                [custom-commands.backup]
                cmd = "mysqldump -pcustom-pw"
                [acme-backup]
                token = "plugin-pw"
                """;

        AgentConfig config = ConfigLoader.load(ConfigFiles.write(dir, text));

        assertThat(config.toString())
                .doesNotContain("s3cret-pw", "basic-pw", "custom-pw", "plugin-pw")
                .contains("backup", "acme-backup", "token", "****");
    }

    @Test
    void theFileIsKeptInTheConfig() throws Exception {
        Path file = ConfigFiles.write(dir, ConfigFiles.REQUIRED);

        assertThat(ConfigLoader.load(file).file()).isEqualTo(file);
    }
}
