package io.orcagent.runtime.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the processes the agent started and has not yet seen end, one small file per process
 * ({@code <pid>} holding its start time and program), so that the next agent can stop what a crashed
 * one left running. A JVM killed with SIGKILL (or by the OOM killer) cannot kill its children, and Java
 * has no parent-death signal: a tool that writes to a file ({@code mysqldump}, {@code mydumper},
 * {@code mariabackup --prepare}) would run on, holding a transaction on the source for hours.
 *
 * <p>A process is recognised by its pid and its start time, so a pid reused by an unrelated process is
 * never signalled. Only the processes the agent started directly are recorded; their descendants are
 * stopped with them while they still have them.
 */
public final class ProcessLedger {

    /** A ledger that records nothing (for runners whose processes need no crash recovery). */
    public static final ProcessLedger NONE = new ProcessLedger(null);

    private static final Logger LOG = LoggerFactory.getLogger(ProcessLedger.class);

    private final Path directory;

    private ProcessLedger(Path directory) {
        this.directory = directory;
    }

    /**
     * A ledger kept in a directory (created 0700 when missing), e.g. {@code <state-dir>/processes}.
     *
     * @param directory the directory; only this agent may write there
     * @return the ledger
     * @throws IOException when the directory cannot be created
     */
    public static ProcessLedger in(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory is null");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return new ProcessLedger(directory);
    }

    /**
     * Records a started process.
     *
     * @param process the process
     * @param program its program, for the log line that reports it stopped
     */
    void started(ProcessHandle process, String program) {
        if (directory == null) {
            return;
        }
        Optional<Instant> start = process.info().startInstant();
        if (start.isEmpty()) {
            return; // cannot be told apart from a later process with the same pid: never signal it
        }
        try {
            Files.writeString(directory.resolve(Long.toString(process.pid())),
                    start.get().toEpochMilli() + " " + program.replaceAll("\\s", "_") + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot record process {} (pid {}) in {}: {}", program, process.pid(), directory, e.toString());
        }
    }

    /**
     * Forgets a process that has ended.
     *
     * @param pid its pid
     */
    void ended(long pid) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(Long.toString(pid)));
        } catch (IOException e) {
            LOG.warn("cannot forget process {} in {}: {}", pid, directory, e.toString());
        }
    }

    /**
     * Stops every recorded process that still runs (with its process tree: SIGTERM, then SIGKILL after
     * {@code grace}) and empties the ledger. Call once at startup, before the agent starts any process.
     *
     * @param grace time between SIGTERM and SIGKILL
     * @return {@code "program (pid N)"} of each process that was stopped
     */
    public List<String> stopLeftovers(Duration grace) {
        Objects.requireNonNull(grace, "grace is null");
        List<String> stopped = new ArrayList<>();
        if (directory == null) {
            return stopped;
        }
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.toList();
        } catch (IOException e) {
            LOG.warn("cannot read the process ledger {}: {}", directory, e.toString());
            return stopped;
        }
        for (Path entry : entries) {
            leftover(entry).ifPresent(found -> {
                String what = found.program() + " (pid " + found.process().pid() + ")";
                LOG.warn("stopping {}, left running by an earlier agent", what);
                if (!ProcessTree.kill(found.process(), grace)) {
                    LOG.warn("{} did not end after SIGKILL", what);
                }
                stopped.add(what);
            });
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                LOG.warn("cannot remove {} from the process ledger: {}", entry, e.toString());
            }
        }
        return stopped;
    }

    /** The recorded process if it still runs and is the same process (same start time). */
    private static Optional<Leftover> leftover(Path entry) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || name.isEmpty() || name.length() > 10) {
            return Optional.empty();
        }
        try {
            String[] fields = Files.readString(entry, StandardCharsets.UTF_8).strip().split(" ", 2);
            long startMillis = Long.parseLong(fields[0]);
            String program = fields.length > 1 ? fields[1] : "?";
            return ProcessHandle.of(Long.parseLong(name))
                    .filter(ProcessTree::running)
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startMillis)
                    .map(p -> new Leftover(p, program));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: nothing we can safely signal
        }
    }

    private record Leftover(ProcessHandle process, String program) {
    }

    @Override
    public String toString() {
        return "ProcessLedger[" + (directory == null ? "none" : directory) + "]";
    }
}
