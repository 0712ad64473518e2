package io.orcagent.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the built distribution: what a plugin may ship, launchers, layout. Runs in the verify phase. */
class DistributionTest {

    /** Jars the agent provides to plugins or hides from them: a plugin shipping one breaks isolation. */
    private static final Pattern PROVIDED_BY_AGENT =
            Pattern.compile("agent-api|slf4j|logback|pf4j|helidon|jackson");

    private static final Path TARBALL = Path.of(System.getProperty("dist.tarball", "missing"));
    private static final Path DIR = Path.of(System.getProperty("dist.dir", "missing"));
    private static final Path CONF = Path.of(System.getProperty("dist.conf", "missing"));
    private static final String BASE = "orchestrator-agent-" + System.getProperty("dist.version", "missing") + "/";

    private static List<TarGz.Entry> entries;

    @BeforeAll
    static void readTarball() throws IOException {
        assertThat(TARBALL).as("run mvn verify: the tarball is built in package").isRegularFile();
        entries = TarGz.entries(TARBALL);
    }

    private static List<TarGz.Entry> under(String prefix) {
        return entries.stream().filter(e -> e.name().startsWith(BASE + prefix)).toList();
    }

    @Test
    void pluginLibrariesCarryNothingTheAgentProvides() {
        List<TarGz.Entry> pluginJars = under("plugins/").stream()
                .filter(e -> e.name().matches(Pattern.quote(BASE) + "plugins/[^/]+/lib/[^/]+\\.jar")).toList();

        assertThat(pluginJars).as("plugin jars in the tarball").isNotEmpty();
        assertThat(pluginJars).filteredOn(e -> PROVIDED_BY_AGENT.matcher(e.fileName()).find()).isEmpty();
    }

    @Test
    void launchersAreExecutable() {
        assertThat(under("bin/")).filteredOn(e -> !e.directory()).extracting(TarGz.Entry::name)
                .containsExactlyInAnyOrder(BASE + "bin/orchestrator-agent", BASE + "bin/agentctl");
        assertThat(under("bin/")).filteredOn(e -> !e.directory()).allMatch(TarGz.Entry::executable);
    }

    @Test
    void everyPluginIsShippedUnpackedWithItsDescriptor() {
        assertThat(under("plugins/")).extracting(TarGz.Entry::name)
                .contains(BASE + "plugins/example/plugin.properties", BASE + "plugins/example/lib/")
                .noneMatch(name -> name.endsWith(".zip"));
    }

    @Test
    void everyPluginDirectoryHasADescriptorAndALibDirectory() {
        List<String> pluginDirs = under("plugins/").stream().map(TarGz.Entry::name)
                .map(name -> name.substring((BASE + "plugins/").length()))
                .filter(rest -> !rest.isEmpty())
                .map(rest -> rest.substring(0, rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/')))
                .distinct().toList();

        assertThat(pluginDirs).contains("example", "mysqldump", "mydumper", "clone_plugin");
        assertThat(under("plugins/")).extracting(TarGz.Entry::name)
                .containsAll(pluginDirs.stream().map(id -> BASE + "plugins/" + id + "/plugin.properties").toList())
                .containsAll(pluginDirs.stream().map(id -> BASE + "plugins/" + id + "/lib/").toList());
    }

    @Test
    void libHoldsTheRuntimeWithItsDependencies() {
        assertThat(under("lib/")).filteredOn(e -> !e.directory() && !e.name().startsWith(BASE + "lib/agentctl/"))
                .extracting(TarGz.Entry::fileName)
                .anyMatch(name -> name.startsWith("agent-runtime-"))
                .anyMatch(name -> name.startsWith("agent-api-"))
                .anyMatch(name -> name.startsWith("pf4j-"))
                .noneMatch(name -> name.startsWith("example-plugin"))
                .noneMatch(name -> name.startsWith("agentctl-") || name.startsWith("agent-lab-"));
    }

    @Test
    void agentctlAndTheLabAreBesideTheDaemonsClassPathNotOnIt() throws IOException {
        assertThat(under("lib/agentctl/")).filteredOn(e -> !e.directory()).extracting(TarGz.Entry::fileName)
                .hasSize(2)
                .anyMatch(name -> name.startsWith("agentctl-"))
                .anyMatch(name -> name.startsWith("agent-lab-"));
        assertThat(execLine("bin/orchestrator-agent")).contains("-cp \"$AGENT_HOME/lib/*\" ").doesNotContain("lib/agentctl");
        assertThat(execLine("bin/agentctl")).contains("-cp \"$AGENT_HOME/lib/*:$AGENT_HOME/lib/agentctl/*\" ");
    }

    private static String execLine(String launcher) throws IOException {
        return Files.readAllLines(DIR.resolve(launcher)).stream().filter(line -> line.startsWith("exec ")).findFirst()
                .orElseThrow();
    }

    @Test
    void theDaemonJarCarriesNoLabSandboxOrCliClass() throws IOException {
        Path daemon;
        try (Stream<Path> lib = Files.list(DIR.resolve("lib"))) {
            daemon = lib.filter(p -> p.getFileName().toString().startsWith("agent-runtime-")).findFirst().orElseThrow();
        }
        List<String> classes;
        try (ZipFile jar = new ZipFile(daemon.toFile())) {
            classes = jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();
        }

        assertThat(classes).contains("io/orcagent/runtime/Main.class")
                .noneMatch(name -> name.matches("io/orcagent/runtime/(cli|lab|sandbox)/.*"));
    }

    @Test
    void confShipsEveryFileOfTheConfDirectory() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(CONF)) {
            files = list.filter(Files::isRegularFile).map(p -> BASE + "conf/" + p.getFileName()).toList();
        }

        assertThat(files).isNotEmpty();
        assertThat(under("conf/")).extracting(TarGz.Entry::name).containsAll(files);
    }

    @Test
    void unpackedCopyHasTheSameTree() throws IOException {
        List<String> inTarball = entries.stream().filter(e -> !e.directory())
                .map(e -> e.name().substring(BASE.length())).sorted().toList();
        List<String> inDir;
        try (Stream<Path> walk = Files.walk(DIR)) {
            inDir = walk.filter(Files::isRegularFile).map(p -> DIR.relativize(p).toString()).sorted().toList();
        }

        assertThat(inDir).isEqualTo(inTarball);
        assertThat(DIR.resolve("bin/orchestrator-agent")).isExecutable();
    }

    @Test
    void launcherRefusesAJavaOlderThan21() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "needs a Java 17 installation");
        ProcessBuilder launcher = new ProcessBuilder(DIR.resolve("bin/orchestrator-agent").toString())
                .redirectErrorStream(true);
        launcher.environment().put("JAVA_HOME", java17.toString());

        Process process = launcher.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("is Java 17; orchestrator-agent needs Java 21 or newer");
    }
}
