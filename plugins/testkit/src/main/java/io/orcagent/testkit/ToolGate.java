package io.orcagent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * A point in a fake tool's shell script where the tool stops until the test lets it on, so a fault test
 * knows where the tool is instead of guessing with a timer. The script runs {@link #shellLine()}: it
 * creates a marker file ({@link #awaitArrival}) and then blocks opening a FIFO that only {@link #open()}
 * (or {@link #close()}) ever opens for writing. Between the two the tool can neither finish nor go back.
 *
 * <pre>{@code
 * try (ToolGate gate = ToolGate.in(tempDir)) {
 *     fakes.script("lvcreate", gate.shellLine());
 *     // start the stage in the background
 *     gate.awaitArrival(Duration.ofSeconds(60));
 *     // abort now: the tool is running and blocked
 * }
 * }</pre>
 */
public final class ToolGate implements AutoCloseable {

    private final Path fifo;
    private final Path arrived;

    private ToolGate(Path fifo, Path arrived) {
        this.fifo = fifo;
        this.arrived = arrived;
    }

    /**
     * Creates a closed gate (a FIFO, via {@code mkfifo}) in a new directory under {@code dir}.
     *
     * @param dir where the gate's files go
     * @return the gate
     * @throws IOException when the FIFO cannot be made
     * @throws InterruptedException when interrupted
     */
    public static ToolGate in(Path dir) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(Objects.requireNonNull(dir, "dir is null"), "gate");
        Path fifo = home.resolve("gate.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        String output = new String(mkfifo.getInputStream().readAllBytes());
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: " + output);
        }
        return new ToolGate(fifo, home.resolve("arrived"));
    }

    /**
     * The shell commands that stop at the gate: mark the arrival, then wait for the gate to open.
     *
     * @return a line for {@code sh}
     */
    public String shellLine() {
        return ": > " + quote(arrived) + "; read _ < " + quote(fifo);
    }

    /**
     * Whether a tool has reached the gate.
     *
     * @return true once the marker exists
     */
    public boolean arrived() {
        return Files.exists(arrived);
    }

    /**
     * Waits until a tool has reached the gate. The limit only bounds a failure.
     *
     * @param limit how long at most
     * @throws InterruptedException when interrupted
     * @throws AssertionError when no tool arrived in time
     */
    public void awaitArrival(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!arrived()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no tool reached the gate " + fifo + " within " + limit);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Lets a tool waiting at the gate through (one that arrives later waits again). Opening the FIFO
     * read-write never blocks, whether or not a tool waits.
     */
    public void open() {
        try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the gate " + fifo, e);
        }
    }

    /** Opens the gate, so no tool stays blocked on it, and deletes its files (a later arrival fails to open it). */
    @Override
    public void close() {
        try {
            if (Files.exists(fifo)) {
                open();
            }
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(arrived);
            Files.deleteIfExists(fifo.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the gate " + fifo, e);
        }
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
