package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.orcagent.runtime.cli.AgentCtl;
import io.orcagent.runtime.lab.AgentProcess;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.Checksums;

/**
 * A seed lab for fault tests: hosts in known directories, agents that can be crashed and started again
 * with the same config, and the checks every fault ends with (nothing left behind, the source
 * unchanged, the next seed proven).
 */
final class FaultLab implements AutoCloseable {

    /** The agents' default {@code seed-port}. */
    static final int SEED_PORT = 21234;

    private final Path root;
    private final Path distribution;
    private final SeedLab lab;
    private final Map<LabHost, AgentProcess> restarted = new HashMap<>();
    private final List<LabHost> hosts = new ArrayList<>();
    private final List<LabHost> testHosts = new ArrayList<>();
    private final List<String> testMounts = new ArrayList<>();

    FaultLab(Path root) throws IOException {
        this.root = root;
        this.distribution = Path.of(System.getProperty("dist.dir"));
        this.lab = new SeedLab(root, distribution, AgentCtl::inProcess);
    }

    Path root() {
        return root;
    }

    /** Starts a host that lives as long as the lab (e.g. the source every test seeds from). */
    LabHost host(String name, String address, int serverId, String commonExtra, String pluginSections)
            throws IOException, InterruptedException {
        LabHost host = lab.host(dir(name), name, address, serverId, commonExtra, pluginSections);
        hosts.add(host);
        return host;
    }

    /** Starts a host for the current test only: {@link #endTest()} stops it and removes its files. */
    LabHost testHost(String name, String address, int serverId, String commonExtra, String pluginSections)
            throws IOException, InterruptedException {
        LabHost host = host(name, address, serverId, commonExtra, pluginSections);
        testHosts.add(host);
        return host;
    }

    /**
     * Ends a test whatever its outcome, so the next one starts from a clean lab: stops the test's own hosts
     * (agent, then MariaDB) and deletes their directories; if anything of a seed is still left (a tool, a
     * listener, files in a lab-long host's backup dir or state tmp dir), restarts the lab-long agents
     * gracefully, which kills their seed processes and closes their listeners, and empties those dirs.
     *
     * @throws IOException when a directory cannot be deleted
     * @throws InterruptedException when interrupted
     */
    void endTest() throws IOException, InterruptedException {
        for (LabHost host : testHosts) {
            AgentProcess again = restarted.remove(host);
            if (again != null) {
                again.close();
            }
            host.close();
            hosts.remove(host);
            Leftovers.delete(dir(host));
        }
        testHosts.clear();
        testMounts.clear();
        if (leftovers().isEmpty()) {
            return;
        }
        for (LabHost host : hosts) {
            agent(host).close();
            for (String dirWithSeedData : List.of("backup", "agent-state/tmp")) {
                for (String entry : Leftovers.entries(dir(host).resolve(dirWithSeedData))) {
                    Leftovers.delete(dir(host).resolve(dirWithSeedData).resolve(entry));
                }
            }
            startAgentAgain(host);
        }
    }

    Path dir(String name) {
        return root.resolve(name);
    }

    Path dir(LabHost host) {
        return dir(host.name());
    }

    /** The host's agent process now (the original, or the one started after a crash). */
    AgentProcess agent(LabHost host) {
        return restarted.getOrDefault(host, host.agent());
    }

    /** Starts the host's agent again with the same config, address, port and token file. */
    AgentProcess startAgentAgain(LabHost host) throws IOException, InterruptedException {
        String[] endpoint = host.agent().endpoint().split(":");
        AgentProcess agent = AgentProcess.start(distribution, dir(host).resolve("orchestrator-agent.conf"), endpoint[0],
                Integer.parseInt(endpoint[1]), host.agent().tokenFile(), dir(host).resolve("agent.out"));
        AgentProcess previous = restarted.put(host, agent);
        if (previous != null) {
            previous.close();
        }
        return agent;
    }

    /**
     * Runs {@code agentctl seed}.
     *
     * @return its exit code and what it printed (progress and errors go to {@code stderr})
     */
    Agentctl seed(String method, long seedId, LabHost source, LabHost target) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SeedLab.AgentctlRun run = lab.seed(method, seedId, source, target, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Agentctl(run.exitCode(), run.output(), err.toString(StandardCharsets.UTF_8));
    }

    /** An agentctl run: exit code, stdout, stderr. */
    record Agentctl(int exitCode, String output, String errors) {
    }

    /** Runs agentctl seed and proves the replica it made. */
    void assertNextSeedSucceeds(String method, long seedId, LabHost source, LabHost target) throws Exception {
        Agentctl run = seed(method, seedId, source, target);
        assertThat(run.exitCode()).as("agentctl: %s%n%s%nsource log:%n%s%ntarget log:%n%s", run.output(), run.errors(),
                agent(source).logTail(), agent(target).logTail()).isZero();
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
    }

    /** Tells the checks that the test itself mounted a filesystem there (it is not the agents' leftover). */
    void mountedByTheTest(Path mountPoint) throws IOException {
        testMounts.add(mountPoint.toRealPath().toString());
    }

    /**
     * Checks that the agents left nothing behind: no seed tool running with the lab's directory on its
     * command line, nothing listening on any host's seed port, nothing mounted under the lab but what the
     * test mounted, the agents' {@code <state-dir>/tmp} empty, and no seed data in their backup dirs.
     */
    void assertNothingLeftBehind() throws InterruptedException {
        assertThat(leftovers()).isEmpty();
    }

    private List<String> leftovers() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        Leftovers.awaitNoToolProcesses(root, Duration.ofSeconds(20)).forEach(p -> problems.add("still running: " + p));
        for (LabHost host : hosts) {
            String address = host.mysql().address();
            if (Leftovers.listening(address, SEED_PORT)) {
                problems.add(host.name() + ": something listens on " + address + ":" + SEED_PORT);
            }
            List<String> tmp = Leftovers.entries(dir(host).resolve("agent-state/tmp"));
            if (!tmp.isEmpty()) {
                problems.add(host.name() + ": left in <state-dir>/tmp: " + tmp);
            }
            List<String> backup = new ArrayList<>(Leftovers.entries(dir(host).resolve("backup")));
            backup.remove("lost+found"); // a test-made ext4 backup dir has it from mkfs
            if (!backup.isEmpty()) {
                problems.add(host.name() + ": left in the backup dir: " + backup);
            }
        }
        List<String> mounts = new ArrayList<>(Leftovers.mountsUnder(root));
        mounts.removeAll(testMounts);
        if (!mounts.isEmpty()) {
            problems.add("still mounted: " + mounts);
        }
        return problems;
    }

    static SortedMap<String, Long> checksums(LabHost host) throws Exception {
        return Checksums.of(host.dataSource());
    }

    @Override
    public void close() {
        restarted.values().forEach(AgentProcess::close);
        lab.close();
    }
}
