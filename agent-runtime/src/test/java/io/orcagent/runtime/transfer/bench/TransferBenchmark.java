package io.orcagent.runtime.transfer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.orcagent.api.Command;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService.Receiver;
import io.orcagent.runtime.config.ByteSize;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.tls.PemTls;
import io.orcagent.runtime.transfer.AgentTransferService;
import io.orcagent.runtime.transfer.TransferSettings;
import io.orcagent.runtime.transfer.TransferTls;

/**
 * Transfer throughput through two agents' transfer services (plain, TLS, capped) against a raw loopback
 * pipe of the same bytes through socat, measured side by side in one run. Producer: {@code head -c N
 * /dev/zero}; consumer: {@code cat > /dev/null}; both ends on loopback addresses of this host.
 *
 * <p>Not a test: run it by hand (see docs/benchmarks.md, section Transfer). Options: {@code --size 2GiB}
 * (bytes per run), {@code --rounds 3} (each measurement is repeated, interleaved, and the best round
 * counts), {@code --cap 100MiB} and {@code --cap-size 1GiB} (the capped run), {@code --warmup 2GiB} (TLS
 * bytes streamed before timing starts; half as many plain).
 *
 * <p>Both agents run in this JVM; each end's processes are real ({@code head}, {@code cat}, {@code socat}).
 * Besides throughput it reports CPU seconds per GiB (this JVM plus every process it started), which the
 * load of other work on a shared machine disturbs much less than wall-clock throughput.
 */
public final class TransferBenchmark {

    private static final String TARGET = "127.0.0.3";
    private static final String SOURCE = "127.0.0.2";
    private static final double MIB = 1024.0 * 1024.0;
    private static final Duration WAIT = Duration.ofHours(1);

    private final long size;
    private final int rounds;
    private final long cap;
    private final long capSize;
    private final long warmup;
    private final Path work;
    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    private final int port;
    private long nextSeed = 1;

    private TransferBenchmark(long size, int rounds, long cap, long capSize, long warmup, Path work)
            throws IOException {
        this.size = size;
        this.rounds = rounds;
        this.cap = cap;
        this.capSize = capSize;
        this.warmup = warmup;
        this.work = work;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(TARGET))) {
            this.port = probe.getLocalPort();
        }
    }

    /**
     * Runs the benchmark and prints the results.
     *
     * @param args options, see the class documentation
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        long size = 2L << 30;
        int rounds = 3;
        long cap = 100L << 20;
        long capSize = 1L << 30;
        long warmup = 2L << 30;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--size" -> size = ByteSize.parse(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--cap" -> cap = ByteSize.parse(args[i + 1]);
                case "--cap-size" -> capSize = ByteSize.parse(args[i + 1]);
                case "--warmup" -> warmup = ByteSize.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --size, --rounds, --cap, --cap-size, --warmup)");
            }
        }
        Path work = Files.createTempDirectory("transfer-bench");
        TransferBenchmark benchmark = new TransferBenchmark(size, rounds, cap, capSize, warmup, work);
        try {
            benchmark.run();
        } finally {
            benchmark.runner.shutdown();
        }
    }

    private void run() throws Exception {
        System.out.println("Transfer benchmark, " + LocalDate.now());
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "bytes per run: %s; rounds: %d (best counts); cap run: %s at %s/s;"
                + " warm-up: %s TLS, %s plain%n", human(size), rounds, human(capSize), human(cap), human(warmup),
                human(warmup / 2));
        System.out.println("load average before: " + Machine.loadAverage());
        SSLContext tls = certificates();
        long cpuBefore = Machine.processCpuNanos();

        // warm-up: the JIT needs a few GiB before the pumps, CRC32C and AES-GCM run compiled (C2); a fresh
        // agent JVM streams its first GiB or two slower, which a seed of many GiB hardly notices
        Result coldPlain = through(Optional.empty(), 0, warmup / 2).named("warm-up, agents, plain TCP (cold JVM)");
        Result coldTls = through(Optional.of(tls), 0, warmup).named("warm-up, agents, TLS (cold JVM)");
        System.out.println(coldPlain + " | " + coldTls);

        List<Result> socatDefault = new ArrayList<>();
        List<Result> socatLarge = new ArrayList<>();
        List<Result> plain = new ArrayList<>();
        List<Result> secure = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            socatDefault.add(socat(List.of(), "socat (default 8 KiB buffer)"));
            socatLarge.add(socat(List.of("-b", "1048576"), "socat -b 1MiB"));
            plain.add(through(Optional.empty(), 0, size).named("agents, plain TCP"));
            secure.add(through(Optional.of(tls), 0, size).named("agents, TLS"));
            System.out.printf(Locale.ROOT, "round %d: %s | %s | %s | %s%n", round, socatDefault.getLast(),
                    socatLarge.getLast(), plain.getLast(), secure.getLast());
        }
        Result capped = through(Optional.empty(), cap, capSize).named("agents, plain TCP, cap " + human(cap) + "/s");
        long cpu = Machine.processCpuNanos() - cpuBefore;

        Result baseline = best(List.of(best(socatDefault), best(socatLarge)));
        Result bestPlain = best(plain);
        Result bestTls = best(secure);
        double capError = capped.bytesPerSecond() / cap - 1;
        System.out.println();
        System.out.println("| Run | Throughput (best of " + rounds + ") | CPU-s per GiB (of that run) |");
        System.out.println("|---|---|---|");
        for (Result r : List.of(best(socatDefault), best(socatLarge), bestPlain, bestTls, capped)) {
            System.out.printf(Locale.ROOT, "| %s | %.0f MiB/s | %.2f |%n", r.name(), r.bytesPerSecond() / MIB,
                    r.cpuSecondsPerGib());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "plain / raw pipe (%s): %.2f (goal >= 0.9)%n", baseline.name(),
                bestPlain.bytesPerSecond() / baseline.bytesPerSecond());
        System.out.printf(Locale.ROOT, "TLS / raw pipe (%s): %.2f (goal >= 0.7)%n", baseline.name(),
                bestTls.bytesPerSecond() / baseline.bytesPerSecond());
        System.out.printf(Locale.ROOT, "TLS / plain through the agents: %.2f; CPU per GiB, TLS / plain: %.2f%n",
                bestTls.bytesPerSecond() / bestPlain.bytesPerSecond(),
                bestTls.cpuSecondsPerGib() / bestPlain.cpuSecondsPerGib());
        System.out.printf(Locale.ROOT, "cap accuracy: %.1f MiB/s for a cap of %.1f MiB/s: %+.1f%% (goal within 5%%)%n",
                capped.bytesPerSecond() / MIB, cap / MIB, capError * 100);
        System.out.printf(Locale.ROOT, "benchmark JVM CPU time (both agents' pumps, all runs): %.1f s%n", cpu / 1e9);
        System.out.println("load average after: " + Machine.loadAverage());
    }

    /** One transfer through a target and a source service in this JVM. */
    private Result through(Optional<SSLContext> tls, long bandwidth, long bytes) throws Exception {
        Optional<TransferTls> settingsTls = tls.map(context -> new TransferTls(context, false));
        long seed = nextSeed++;
        long cpuBefore = Machine.cpuNanos();
        try (AgentTransferService target = service(TARGET, settingsTls, 0);
             AgentTransferService source = service(SOURCE, settingsTls, bandwidth)) {
            Receiver receiver = target.receive(new BenchStage(seed, Stage.PREPARE, runner),
                    Command.of("cat").stdoutTo(Path.of("/dev/null"), false));
            long started = System.nanoTime();
            source.send(new BenchStage(seed, Stage.BACKUP, runner), TARGET,
                    Command.of("head", "-c", Long.toString(bytes), "/dev/zero"));
            long received = receiver.await(WAIT).bytes();
            long elapsed = System.nanoTime() - started;
            if (received != bytes) {
                throw new IllegalStateException("received " + received + " bytes instead of " + bytes);
            }
            return new Result(tls.isPresent() ? "agents, TLS" : "agents, plain TCP", bytes, elapsed,
                    Machine.cpuNanos() - cpuBefore);
        }
    }

    private AgentTransferService service(String bind, Optional<TransferTls> tls, long bandwidth) {
        return new AgentTransferService(new TransferSettings(bind, port, tls, bandwidth, Duration.ofSeconds(10)),
                runner);
    }

    /** The raw pipe: head | socat → socat | cat, over the same loopback addresses and port. */
    private Result socat(List<String> options, String name) throws Exception {
        String opts = String.join(" ", options);
        Process listener = new ProcessBuilder("sh", "-c", "socat " + opts + " -u TCP-LISTEN:" + port + ",bind=" + TARGET
                + ",reuseaddr STDOUT | cat > /dev/null").redirectErrorStream(true).start();
        Machine.awaitListening(TARGET, port, listener);
        long cpuBefore = Machine.cpuNanos();
        long started = System.nanoTime();
        Process sender = new ProcessBuilder("sh", "-c", "head -c " + size + " /dev/zero | socat " + opts
                + " -u STDIN TCP:" + TARGET + ":" + port).redirectErrorStream(true).start();
        int sent = sender.waitFor();
        int received = listener.waitFor();
        long elapsed = System.nanoTime() - started;
        if (sent != 0 || received != 0) {
            throw new IllegalStateException(name + " failed: " + new String(sender.getInputStream().readAllBytes())
                    + new String(listener.getInputStream().readAllBytes()));
        }
        return new Result(name, size, elapsed, Machine.cpuNanos() - cpuBefore);
    }

    private SSLContext certificates() throws IOException, InterruptedException {
        Path pki = Files.createDirectories(work.resolve("pki"));
        Files.writeString(pki.resolve("agent.ext"), "subjectAltName=IP:" + TARGET + ",IP:" + SOURCE + "\n");
        openssl(pki, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=bench CA");
        openssl(pki, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "agent.key", "-out", "agent.csr", "-subj", "/CN=agent");
        openssl(pki, "x509", "-req", "-in", "agent.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "agent.pem", "-days", "1", "-extfile", "agent.ext");
        return PemTls.context(pki.resolve("agent.pem"), pki.resolve("agent.key"), Optional.of(pki.resolve("ca.pem")));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + output);
        }
    }

    private static Result best(List<Result> results) {
        return results.stream().max(Comparator.comparingDouble(Result::bytesPerSecond)).orElseThrow();
    }

    private static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " B";
    }

    /** One timed run. */
    private record Result(String name, long bytes, long nanos, long cpuNanos) {

        double bytesPerSecond() {
            return bytes / (nanos / 1e9);
        }

        /** CPU seconds (this JVM and every process it started) per GiB moved. */
        double cpuSecondsPerGib() {
            return cpuNanos / 1e9 / (bytes / (1024.0 * MIB));
        }

        Result named(String newName) {
            return new Result(newName, bytes, nanos, cpuNanos);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0f MiB/s (%.2f CPU-s/GiB)", name, bytesPerSecond() / MIB,
                    cpuSecondsPerGib());
        }
    }

    /** Facts about the machine for the record. */
    private static final class Machine {

        static String describe() throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
            String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
            return String.format(Locale.ROOT, "machine: %d CPUs (nproc), %s, Linux %s, Java %s",
                    Runtime.getRuntime().availableProcessors(), cpu, kernel, Runtime.version());
        }

        static String loadAverage() throws IOException {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        }

        static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /**
         * CPU time of this JVM plus that of its reaped children (and theirs: a shell counts its pipeline), from
         * /proc/self/stat fields cutime and cstime, in clock ticks of 10 ms.
         */
        static long cpuNanos() throws IOException {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return processCpuNanos() + childTicks * 10_000_000L;
        }

        /** Waits until the port is in LISTEN state (a probing connect would be taken as socat's one connection). */
        static void awaitListening(String address, int port, Process owner) throws IOException, InterruptedException {
            byte[] ip = InetAddress.getByName(address).getAddress();
            String local = String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], port);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                boolean listening = Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                        .map(String::strip).map(line -> line.split("\\s+"))
                        .anyMatch(fields -> fields.length > 3 && fields[1].equals(local) && fields[3].equals("0A"));
                if (listening) {
                    return;
                }
                if (!owner.isAlive()) {
                    throw new IOException("socat ended before listening: "
                            + new String(owner.getInputStream().readAllBytes()));
                }
                Thread.sleep(10);
            }
            throw new IOException("socat did not listen on " + address + ":" + port + " within 10s");
        }
    }

    /** The stage a seed engine would hand the plugin; never aborted here. */
    private static final class BenchStage implements StageContext {

        private final long seedId;
        private final Stage stage;
        private final CommandRunner commands;

        BenchStage(long seedId, Stage stage, ProcessCommandRunner runner) {
            this.seedId = seedId;
            this.stage = stage;
            this.commands = runner.newScope("seed " + seedId + " " + stage.wireName());
        }

        @Override
        public long seedId() {
            return seedId;
        }

        @Override
        public Stage stage() {
            return stage;
        }

        @Override
        public Side side() {
            return stage == Stage.PREPARE ? Side.TARGET : Side.SOURCE;
        }

        @Override
        public Optional<Peer> peer() {
            return Optional.empty();
        }

        @Override
        public CommandRunner commands() {
            return commands;
        }

        @Override
        public ProgressSink progress() {
            return new ProgressSink() {
                @Override
                public void step(String text) {
                }

                @Override
                public void bytes(long done, long total) {
                }
            };
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
