package io.orcagent.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.orcagent.runtime.exec.ProcessTree;

/**
 * What a failed seed can leave behind on a lab host, looked up the way a DBA would: by the whole
 * process table (an agent killed with SIGKILL no longer has children to list), by connecting to
 * the seed port, in {@code /proc/self/mounts}, and in the directories.
 */
final class Leftovers {

    /** Programs the seed methods run; the MariaDB servers themselves ({@code mariadbd}) are not among them. */
    static final Set<String> SEED_TOOLS = Set.of("mariadb-dump", "mysqldump", "mariadb", "mysql", "mariabackup",
            "xtrabackup", "mbstream", "xbstream", "mydumper", "myloader", "tar", "find", "socat");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash");

    private Leftovers() {
    }

    /**
     * Running seed tools anywhere on the machine whose command line mentions the lab directory.
     *
     * @param lab the lab's directory
     * @return {@code "pid: argv"} of each
     */
    static List<String> toolProcesses(Path lab) {
        String marker = real(lab).toString();
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String[] argv = argv(proc);
                if (argv.length == 0 || !String.join(" ", argv).contains(marker) || !isSeedTool(argv)) {
                    continue;
                }
                long pid = Long.parseLong(proc.getFileName().toString());
                if (ProcessHandle.of(pid).map(ProcessTree::running).orElse(false)) {
                    found.add(pid + ": " + String.join(" ", argv));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /**
     * Waits until no seed tool of the lab runs (a killed tree takes a moment to go).
     *
     * @param lab the lab's directory
     * @param limit how long to wait
     * @return what still runs after the wait (empty when all are gone)
     * @throws InterruptedException when interrupted
     */
    static List<String> awaitNoToolProcesses(Path lab, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        List<String> running = toolProcesses(lab);
        while (!running.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            running = toolProcesses(lab);
        }
        return running;
    }

    /**
     * Waits until a seed tool of the lab runs.
     *
     * @param lab the lab's directory
     * @param program the tool's program name, e.g. {@code mariabackup}
     * @param fragment a text its command line contains
     * @return its {@code "pid: argv"}
     * @throws InterruptedException when interrupted
     */
    static String awaitToolProcess(Path lab, String program, String fragment) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            for (String process : toolProcesses(lab)) {
                String argv = process.substring(process.indexOf(':') + 2);
                if (argv.contains(program) && argv.contains(fragment)) {
                    return process;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + program + " with \"" + fragment + "\" started in " + lab);
    }

    /**
     * Whether something accepts connections there.
     *
     * @param host address
     * @param port port
     * @return true when a connection succeeds
     */
    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Mount points under a directory.
     *
     * @param dir the directory
     * @return the mount points
     */
    static List<String> mountsUnder(Path dir) {
        String root = real(dir).toString();
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8).stream()
                    .map(line -> line.split(" "))
                    .filter(f -> f.length > 1)
                    .map(f -> f[1].replace("\\040", " "))
                    .filter(point -> point.equals(root) || point.startsWith(root + "/"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/mounts", e);
        }
    }

    /**
     * The names in a directory (none when it does not exist).
     *
     * @param dir the directory
     * @return its entries' names
     */
    static List<String> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /**
     * Deletes a file or directory tree a test made, unless something is mounted inside it.
     *
     * @param path the file or directory
     * @throws IOException when it cannot be deleted
     */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path) || !mountsUnder(path).isEmpty()) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean isSeedTool(String[] argv) {
        String program = base(argv[0]);
        if (SHELLS.contains(program) && argv.length > 1 && !argv[1].startsWith("-")) {
            program = base(argv[1]);
        }
        return SEED_TOOLS.contains(program);
    }

    private static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String[] argv(Path proc) {
        try {
            String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
            return cmdline.isEmpty() ? new String[0] : cmdline.split("\0");
        } catch (IOException | RuntimeException gone) {
            return new String[0];
        }
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
