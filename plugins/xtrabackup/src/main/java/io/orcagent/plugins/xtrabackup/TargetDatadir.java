package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.plugins.seedsupport.StageCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The target's MySQL datadir, which the method empties and fills. Every change and every read inside it
 * runs as a privileged command (so {@code exec-with-sudo} applies, as in the Go agent), through the
 * stage's runner (so an abort kills it). The directory is checked when this is created: it must be an
 * absolute path other than {@code /}.
 */
final class TargetDatadir {

    /** Keeps the emptied datadir non-empty, so a distribution's start script does not re-initialise it. */
    static final String LOCK_FILE = "orchestrator-agent.lock";
    /** Files the backup tools compress to: qpress, zstd, lz4. */
    static final List<String> COMPRESSED_SUFFIXES = List.of(".qp", ".zst", ".lz4");
    /** What the tools write the binlog coordinates to (MariaDB 11 also uses the second name). */
    static final List<String> BINLOG_INFO_FILES = List.of("xtrabackup_binlog_info", "mariadb_backup_binlog_info");

    private static final int ERROR_LOG_LINES = 20;

    private final Path dir;

    private TargetDatadir(Path dir) {
        this.dir = dir;
    }

    /**
     * Checks the path the agent knows as the server's datadir.
     *
     * @param configured {@code AgentPaths.mysqlDatadir()}
     * @return the datadir
     * @throws UnsafeDatadirException when it is empty, relative or the root directory
     */
    static TargetDatadir of(Path configured) throws UnsafeDatadirException {
        Objects.requireNonNull(configured, "configured is null");
        if (configured.toString().isBlank()) {
            throw new UnsafeDatadirException("the agent knows no MySQL datadir: refusing to touch the filesystem");
        }
        if (!configured.isAbsolute()) {
            throw new UnsafeDatadirException("the MySQL datadir " + configured + " is not an absolute path: refusing to empty it");
        }
        Path normalized = configured.normalize();
        if (normalized.getNameCount() == 0) {
            throw new UnsafeDatadirException("the MySQL datadir is " + normalized + ": refusing to empty it");
        }
        return new TargetDatadir(normalized);
    }

    /**
     * The directory.
     *
     * @return its absolute, normalized path
     */
    Path path() {
        return dir;
    }

    /**
     * Requires the directory to be the one the running server reports.
     *
     * @param serverDatadir the server's {@code @@datadir}
     * @throws UnsafeDatadirException when they differ
     */
    void requireSameAs(Path serverDatadir) throws UnsafeDatadirException {
        if (!real(dir).equals(real(serverDatadir))) {
            throw new UnsafeDatadirException("the agent's MySQL datadir " + dir + " is not the running server's datadir "
                    + serverDatadir + ": refusing to empty it");
        }
    }

    /**
     * Requires the directory to look like a MySQL datadir (used when the server is down and cannot confirm
     * it): a {@code mysql} schema directory, InnoDB's {@code ibdata1}, the lock file of an earlier Prepare,
     * or nothing at all.
     *
     * @throws UnsafeDatadirException when it does not exist or holds something else
     */
    void requireLooksLikeDatadir() throws UnsafeDatadirException {
        if (!Files.isDirectory(dir)) {
            throw new UnsafeDatadirException("the MySQL datadir " + dir + " is not a directory");
        }
        boolean datadir = Files.isDirectory(dir.resolve("mysql")) || Files.exists(dir.resolve("ibdata1"))
                || Files.exists(dir.resolve(LOCK_FILE)) || isEmpty();
        if (!datadir) {
            throw new UnsafeDatadirException(dir + " does not look like a MySQL datadir (no mysql/, ibdata1 or "
                    + LOCK_FILE + ") and MySQL is not running to confirm it: refusing to empty it");
        }
    }

    /**
     * Deletes everything inside the directory, keeping the directory itself.
     *
     * @param stage the stage
     * @throws CommandFailedException when {@code find} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    void empty(StageContext stage) throws CommandFailedException, StageAbortedException, InterruptedException {
        run(stage, Command.of("find", dir.toString(), "-mindepth", "1", "-delete"));
    }

    /**
     * Creates the lock file.
     *
     * @param stage the stage
     * @throws CommandFailedException when {@code touch} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    void createLock(StageContext stage) throws CommandFailedException, StageAbortedException, InterruptedException {
        run(stage, Command.of("touch", lockFile().toString()));
    }

    /**
     * Removes the lock file if it is there.
     *
     * @param stage the stage
     * @throws CommandFailedException when {@code rm} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    void removeLock(StageContext stage) throws CommandFailedException, StageAbortedException, InterruptedException {
        run(stage, Command.of("rm", "-f", lockFile().toString()));
    }

    /**
     * Finds a file the backup tool compressed, which tells that the stream was taken with
     * {@code --compress}.
     *
     * @param stage the stage
     * @return its path relative to the datadir, or empty when nothing received is compressed
     * @throws CommandFailedException when {@code find} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    Optional<String> firstCompressedFile(StageContext stage)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        List<String> argv = findCompressed();
        argv.addAll(List.of("-print", "-quit"));
        String found = run(stage, Command.of(argv)).stdout().strip();
        return found.isEmpty() ? Optional.empty() : Optional.of(dir.relativize(Path.of(found)).toString());
    }

    /**
     * Deletes compressed files left after decompression.
     *
     * @param stage the stage
     * @throws CommandFailedException when {@code find} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    void removeCompressedFiles(StageContext stage) throws CommandFailedException, StageAbortedException, InterruptedException {
        List<String> argv = findCompressed();
        argv.add("-delete");
        run(stage, Command.of(argv));
    }

    /**
     * Gives the whole tree to the MySQL account.
     *
     * @param stage the stage
     * @param owner {@code user[:group]}, validated
     * @throws CommandFailedException when {@code chown} fails
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    void changeOwner(StageContext stage, String owner) throws CommandFailedException, StageAbortedException, InterruptedException {
        run(stage, Command.of("chown", "-R", owner, dir.toString()));
    }

    /**
     * Reads the binlog coordinates file the backup tool wrote.
     *
     * @param stage the stage
     * @return the file's name and text, or empty when there is none
     * @throws CommandFailedException when it exists but cannot be read
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    Optional<NamedText> readBinlogInfo(StageContext stage)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        for (String name : BINLOG_INFO_FILES) {
            Path file = dir.resolve(name);
            // test -f runs privileged too: after chown the agent's user may not see inside the datadir
            CommandResult exists = runUnchecked(stage, Command.of("test", "-f", file.toString()));
            if (exists.exitCode() == 0) {
                return Optional.of(new NamedText(name, run(stage, Command.of("cat", file.toString())).stdout()));
            }
        }
        return Optional.empty();
    }

    /**
     * The last lines of a log file, for an error message.
     *
     * @param stage the stage
     * @param log the file
     * @return its tail, or a sentence saying why it cannot be shown
     * @throws StageAbortedException when aborted
     * @throws InterruptedException when interrupted
     */
    static String tailOf(StageContext stage, Path log) throws StageAbortedException, InterruptedException {
        CommandResult tail = runUnchecked(stage, Command.of("tail", "-n", Integer.toString(ERROR_LOG_LINES),
                log.toString()));
        if (tail.exitCode() != 0) {
            return "(cannot read " + log + ": " + tail.stderrTail().strip() + ")";
        }
        return tail.stdout().strip();
    }

    /**
     * The lock file's path.
     *
     * @return {@code <datadir>/orchestrator-agent.lock}
     */
    Path lockFile() {
        return dir.resolve(LOCK_FILE);
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    private List<String> findCompressed() {
        List<String> argv = new ArrayList<>(List.of("find", dir.toString(), "-type", "f", "("));
        for (int i = 0; i < COMPRESSED_SUFFIXES.size(); i++) {
            if (i > 0) {
                argv.add("-o");
            }
            argv.add("-name");
            argv.add("*" + COMPRESSED_SUFFIXES.get(i));
        }
        argv.add(")");
        return argv;
    }

    private boolean isEmpty() {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static CommandResult run(StageContext stage, Command command)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        try (RunningCommand running = StageCommands.start(stage, command.asPrivileged())) {
            return StageCommands.requireSuccess(stage, command.program(), running.await());
        }
    }

    private static CommandResult runUnchecked(StageContext stage, Command command)
            throws StageAbortedException, InterruptedException {
        try (RunningCommand running = StageCommands.start(stage, command.asPrivileged())) {
            return running.await();
        } catch (CommandFailedException e) {
            return new CommandResult(-1, "", e.getMessage(), false);
        }
    }

    /**
     * A small file's name and content.
     *
     * @param name the file name
     * @param text its content
     */
    record NamedText(String name, String text) {
    }
}
