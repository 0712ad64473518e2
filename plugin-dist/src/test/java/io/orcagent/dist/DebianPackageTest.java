package io.orcagent.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.config.AgentConfig;
import io.orcagent.runtime.config.ConfigLoader;

/**
 * Checks the built {@code .deb} with {@code dpkg-deb} (never installed here): control fields, conffiles,
 * layout with modes and owners, the shipped config and unit, and what the maintainer scripts do. Runs in
 * the verify phase, after the package phase built the package.
 */
class DebianPackageTest {

    /** Jars the agent provides to plugins or hides from them: a plugin shipping one breaks isolation. */
    private static final Pattern PROVIDED_BY_AGENT =
            Pattern.compile("agent-api|slf4j|logback|pf4j|helidon|jackson");

    private static final String VERSION = System.getProperty("dist.version", "missing");
    private static final Path TARBALL = Path.of(System.getProperty("dist.tarball", "missing"));
    private static final Path CONF = Path.of(System.getProperty("dist.conf", "missing"));
    private static final String DEB_VERSION = VERSION.replace('-', '~');
    private static final Path DEB = TARBALL.resolveSibling("orchestrator-agent_" + DEB_VERSION + "_all.deb");
    private static final String HOME = "/opt/orchestrator-agent/";

    @TempDir
    static Path unpacked;

    private static Path tree;
    private static Path control;
    private static Map<String, String> fields;
    private static Map<String, Entry> entries;

    /**
     * One line of {@code dpkg-deb --contents}.
     *
     * @param path absolute path, directories ending with "/"
     * @param mode the {@code ls}-style mode, e.g. {@code -rw-r-----}
     * @param owner user/group, e.g. {@code root/root}
     * @param linkTarget the target of a symbolic link, else empty
     */
    record Entry(String path, String mode, String owner, String linkTarget) {

        static Entry parse(String line) {
            String[] parts = line.trim().split("\\s+", 6);
            String name = parts[5];
            String target = "";
            int arrow = name.indexOf(" -> ");
            if (arrow >= 0) {
                target = name.substring(arrow + 4);
                name = name.substring(0, arrow);
            }
            return new Entry(name.substring(1), parts[0], parts[1], target);
        }
    }

    @BeforeAll
    static void unpackThePackage() throws Exception {
        assertThat(DEB).as("run mvn verify: the .deb is built in package").isRegularFile();
        tree = unpacked.resolve("tree");
        control = unpacked.resolve("control");
        run("dpkg-deb", "-x", DEB.toString(), tree.toString());
        run("dpkg-deb", "-e", DEB.toString(), control.toString());
        fields = parseFields(run("dpkg-deb", "--field", DEB.toString()));
        entries = run("dpkg-deb", "--contents", DEB.toString()).lines().map(Entry::parse)
                .collect(Collectors.toMap(Entry::path, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void controlDescribesAnArchitectureIndependentPackageWithTheMavenVersionMadeDebian() {
        assertThat(DEB.getFileName().toString()).isEqualTo("orchestrator-agent_" + DEB_VERSION + "_all.deb");
        assertThat(fields).containsEntry("Package", "orchestrator-agent")
                .containsEntry("Version", DEB_VERSION)
                .containsEntry("Architecture", "all")
                .containsKeys("Maintainer", "Description", "Installed-Size");
        assertThat(fields.get("Version")).doesNotContain("-").startsWith(VERSION.split("-")[0]);
    }

    @Test
    void dependsOnJava21OrNewerAndRecommendsAMysqlClient() {
        List<String> java = Arrays.stream(fields.get("Depends").split("\\|")).map(String::trim).toList();

        assertThat(java).contains("default-jre-headless (>= 2:1.21)", "java21-runtime-headless",
                "openjdk-21-jre-headless");
        assertThat(fields.get("Depends")).doesNotContain(",");
        assertThat(fields.get("Recommends")).isEqualTo("mariadb-client | default-mysql-client");
        assertThat(fields.get("Suggests")).contains("mariadb-backup", "mydumper", "btrfs-progs");
    }

    @Test
    void theConfigIsTheOnlyConffile() throws IOException {
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactly("/etc/orchestrator-agent.conf");
    }

    @Test
    void theConfigIsNotReadableByOtherUsers() {
        assertThat(entries.get("/etc/orchestrator-agent.conf"))
                .extracting(Entry::mode, Entry::owner).containsExactly("-rw-r-----", "root/root");
    }

    @Test
    void theShippedConfigLoadsAndPointsAtThePackageLayout() throws Exception {
        AgentConfig config = ConfigLoader.load(tree.resolve("etc/orchestrator-agent.conf"));

        assertThat(config.common().pluginsDir()).isEqualTo(Path.of(HOME + "plugins"));
        assertThat(config.common().stateDir()).isEqualTo(Path.of("/var/lib/orchestrator-agent"));
        assertThat(config.logging().file().getParent()).isEqualTo(Path.of("/var/log/orchestrator-agent"));
        assertThat(config.common().tokenHintFile()).hasValue(Path.of("/var/lib/orchestrator-agent/token"));
        assertThat(entries).containsKeys(HOME + "plugins/", "/var/lib/orchestrator-agent/", "/var/log/orchestrator-agent/");
    }

    @Test
    void theShippedConfigDiffersFromTheSharedOneOnlyInThePackagePaths() throws IOException {
        List<String> shared = Files.readAllLines(CONF.resolve("orchestrator-agent.conf"));
        List<String> shipped = Files.readAllLines(tree.resolve("etc/orchestrator-agent.conf"));

        assertThat(shipped).hasSameSizeAs(shared);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < shared.size(); i++) {
            if (!shared.get(i).equals(shipped.get(i))) {
                changed.add(shipped.get(i).substring(0, shipped.get(i).indexOf(' ')));
            }
        }
        assertThat(changed).containsExactlyInAnyOrder("plugins-dir", "state-dir", "token-hint-file", "file");
    }

    @Test
    void theUnitRunsTheInstalledLauncherAsMysqlWithTheEtcConfig() throws IOException {
        String unit = Files.readString(tree.resolve("lib/systemd/system/orchestrator-agent.service"));

        assertThat(entries.get("/lib/systemd/system/orchestrator-agent.service"))
                .extracting(Entry::mode, Entry::owner).containsExactly("-rw-r--r--", "root/root");
        assertThat(unit.lines()).contains("User=mysql", "Group=mysql",
                "ExecStart=" + HOME + "bin/orchestrator-agent --config /etc/orchestrator-agent.conf",
                "WantedBy=multi-user.target");
        assertThat(unit).doesNotContain("Install as /etc/systemd/system");
    }

    @Test
    void launchersAreExecutableAndAgentctlIsOnThePath() {
        assertThat(entries.get(HOME + "bin/orchestrator-agent").mode()).isEqualTo("-rwxr-xr-x");
        assertThat(entries.get(HOME + "bin/agentctl").mode()).isEqualTo("-rwxr-xr-x");
        assertThat(entries.get("/usr/bin/agentctl"))
                .extracting(e -> e.mode().charAt(0), Entry::linkTarget).containsExactly('l', HOME + "bin/agentctl");
    }

    @Test
    void stateAndLogDirectoriesAreClosedToOtherUsers() {
        assertThat(entries.get("/var/lib/orchestrator-agent/").mode()).isEqualTo("drwxr-x---");
        assertThat(entries.get("/var/log/orchestrator-agent/").mode()).isEqualTo("drwxr-x---");
    }

    @Test
    void everyPathBelongsToRootSoThatOwnershipIsSetOnlyByThePostinst() {
        assertThat(entries.values()).extracting(Entry::owner).containsOnly("root/root");
    }

    @Test
    void optHoldsExactlyTheTarballTree() throws IOException {
        String base = "orchestrator-agent-" + VERSION + "/";
        List<String> inTarball = TarGz.entries(TARBALL).stream().filter(e -> !e.directory())
                .map(e -> e.name().substring(base.length())).sorted().toList();
        List<String> inPackage = entries.keySet().stream()
                .filter(path -> path.startsWith(HOME) && !path.endsWith("/"))
                .map(path -> path.substring(HOME.length())).sorted().toList();

        assertThat(inPackage).isEqualTo(inTarball);
    }

    @Test
    void everyPluginHasItsDescriptorAndLibDirectory() {
        List<String> ids = entries.keySet().stream()
                .filter(path -> path.matches(Pattern.quote(HOME) + "plugins/[^/]+/"))
                .map(path -> path.substring((HOME + "plugins/").length(), path.length() - 1)).toList();

        assertThat(ids).contains("example", "mysqldump", "mydumper");
        assertThat(entries).containsKeys(ids.stream().map(id -> HOME + "plugins/" + id + "/plugin.properties").toArray(String[]::new));
        assertThat(entries).containsKeys(ids.stream().map(id -> HOME + "plugins/" + id + "/lib/").toArray(String[]::new));
    }

    @Test
    void pluginLibrariesCarryNothingTheAgentProvides() {
        List<String> pluginJars = entries.keySet().stream()
                .filter(path -> path.matches(Pattern.quote(HOME) + "plugins/[^/]+/lib/[^/]+\\.jar")).toList();

        assertThat(pluginJars).isNotEmpty();
        assertThat(pluginJars).noneMatch(path -> PROVIDED_BY_AGENT.matcher(path.substring(path.lastIndexOf('/'))).find());
    }

    @Test
    void maintainerScriptsAreExecutableValidPosixShellThatStopOnErrors() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(file).as(script).isExecutable();
            assertThat(Files.readAllLines(file)).as(script).startsWith("#!/bin/sh").contains("set -e");
            run("sh", "-n", file.toString());
        }
    }

    /**
     * Runs the packaged maintainer scripts with a {@code PATH} that holds only recording stand-ins for the
     * tools they call (account tools, dpkg-statoverride, systemctl, deb-systemd-helper, mkdir, rm): the
     * real tools would change this machine's accounts, dpkg database and services. With nothing else on
     * {@code PATH}, a call to any other program fails the script instead of touching the machine.
     */
    @Nested
    class MaintainerScripts {

        @TempDir
        Path work;

        private Path bin;
        private Path log;

        private void tools(boolean mysqlExists, boolean overridden, boolean debSystemdHelper) throws IOException {
            bin = Files.createDirectories(work.resolve("bin"));
            log = work.resolve("calls.log");
            Files.createFile(log);
            stub("getent", mysqlExists ? "exit 0" : "exit 2");
            stub("dpkg-statoverride", "case \"$1\" in --list) exit " + (overridden ? 0 : 1) + " ;; esac");
            for (String tool : List.of("groupadd", "useradd", "mkdir", "rm", "systemctl")) {
                stub(tool, "");
            }
            if (debSystemdHelper) {
                stub("deb-systemd-helper", "");
            }
        }

        private void stub(String name, String body) throws IOException {
            Path file = bin.resolve(name);
            Files.writeString(file, "#!/bin/sh\nprintf '%s\\n' \"${0##*/} $*\" >>\"$CALLS\"\n" + body + "\nexit 0\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }

        private Result script(String script, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("/bin/sh", control.resolve(script).toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", bin.toString());
            builder.environment().put("CALLS", log.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), output, Files.readAllLines(log));
        }

        @Test
        void postinstOnFirstInstallEnablesTheServiceButDoesNotStartIt() throws Exception {
            tools(true, false, true);

            Result result = script("postinst", "configure", "");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).contains("deb-systemd-helper enable orchestrator-agent.service")
                    .noneMatch(call -> call.matches("systemctl .*(start|restart).*"));
            assertThat(result.output()).contains("enabled but not started", "/etc/orchestrator-agent.conf");
        }

        @Test
        void postinstGivesTheConfigToGroupMysqlAndTheStateAndLogDirectoriesToMysql() throws Exception {
            tools(true, false, true);

            Result result = script("postinst", "configure", "");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).contains(
                    "mkdir -p /var/lib/orchestrator-agent /var/log/orchestrator-agent",
                    "dpkg-statoverride --update --add root mysql 0640 /etc/orchestrator-agent.conf",
                    "dpkg-statoverride --update --add mysql mysql 0750 /var/lib/orchestrator-agent",
                    "dpkg-statoverride --update --add mysql mysql 0750 /var/log/orchestrator-agent");
        }

        @Test
        void postinstCreatesASystemMysqlAccountWhenTheHostHasNone() throws Exception {
            tools(false, false, true);

            Result result = script("postinst", "configure", "");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).contains("groupadd --system mysql")
                    .anyMatch(call -> call.startsWith("useradd --system --gid mysql ") && call.endsWith(" mysql"));
        }

        @Test
        void postinstReusesAnExistingMysqlAccount() throws Exception {
            tools(true, false, true);

            Result result = script("postinst", "configure", "");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).noneMatch(call -> call.startsWith("groupadd") || call.startsWith("useradd"));
        }

        @Test
        void postinstLeavesAnAdministratorsOwnershipOverrideAlone() throws Exception {
            tools(true, true, true);

            Result result = script("postinst", "configure", "1.0.0");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).noneMatch(call -> call.contains("--add"));
        }

        @Test
        void postinstWithoutDebSystemdHelperEnablesOnlyOnFirstInstall() throws Exception {
            tools(true, false, false);

            Result first = script("postinst", "configure", "");
            Files.writeString(log, "");
            Result upgrade = script("postinst", "configure", "0.9.0");

            assertThat(first.calls()).contains("systemctl enable orchestrator-agent.service");
            assertThat(upgrade.exit()).as(upgrade.output()).isZero();
            assertThat(upgrade.calls()).noneMatch(call -> call.startsWith("systemctl enable"));
        }

        @Test
        void postrmPurgeDeletesTheStateAndLogDirectoriesAndTheOwnershipOverrides() throws Exception {
            tools(true, true, true);

            Result result = script("postrm", "purge");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).contains(
                    "rm -rf --one-file-system /var/lib/orchestrator-agent",
                    "rm -rf --one-file-system /var/log/orchestrator-agent",
                    "dpkg-statoverride --remove /etc/orchestrator-agent.conf",
                    "dpkg-statoverride --remove /var/lib/orchestrator-agent",
                    "dpkg-statoverride --remove /var/log/orchestrator-agent",
                    "deb-systemd-helper purge orchestrator-agent.service");
        }

        @Test
        void postrmRemoveKeepsTheStateAndLogDirectories() throws Exception {
            tools(true, true, true);

            Result result = script("postrm", "remove");

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.calls()).noneMatch(call -> call.startsWith("rm ") || call.contains("--remove"));
        }

        @Test
        void scriptsRefuseAnUnknownAction() throws Exception {
            tools(true, false, true);

            for (String script : List.of("postinst", "prerm", "postrm")) {
                Result result = script(script, "bogus");
                assertThat(result.exit()).as(script).isEqualTo(1);
                assertThat(result.output()).as(script).contains("unknown argument 'bogus'");
            }
        }
    }

    /** What a maintainer script run produced: exit code, output, and the tool calls it made. */
    record Result(int exit, String output, List<String> calls) {
    }

    private static Map<String, String> parseFields(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(" ") && last != null) {
                parsed.merge(last, "\n" + line.substring(1), String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':'));
                parsed.put(last, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return parsed;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
