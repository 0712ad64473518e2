package io.orcagent.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * A seed tool behind a gate the test holds, so a fault lands at a point the test can prove instead of a
 * moment it guesses. The gate is a wrapper script that the agent is configured to run in place of the
 * tool. Unarmed, it simply {@code exec}s the real tool. Armed, the next invocation whose command line
 * contains the marker lets the first {@code bytes} of the tool's stream through (its stdout, or its
 * stdin), then reports {@link #awaitHeld held} and passes nothing more until the test {@link #open opens}
 * it. While the gate is held the stage is provably mid-stream and cannot finish.
 *
 * <p>The wrapper stays the parent of the real tool, so the agent's kill of the process tree (abort,
 * shutdown, or the next agent's clean-up after a crash) takes the tool, the wrapper and its helpers.
 */
final class ToolGate implements AutoCloseable {

    /** Which of the tool's streams the gate holds. */
    enum Held {
        /** What the tool writes (a backup stream). */
        STDOUT,
        /** What the tool reads (a dump being restored). */
        STDIN
    }

    private final Path dir;
    private final Path program;

    private ToolGate(Path dir, Path program) {
        this.dir = dir;
        this.program = program;
    }

    /**
     * Writes a gate for a tool.
     *
     * @param dir a directory of the test's for the wrapper and its state files
     * @param realProgram the real tool
     * @param held which stream the gate holds
     * @param marker an argument the gated invocation has (e.g. {@code --backup}); others pass straight through
     * @param bytes how much passes before the gate holds
     * @return the gate
     * @throws IOException when the script cannot be written
     */
    static ToolGate install(Path dir, String realProgram, Held held, String marker, long bytes) throws IOException {
        Files.createDirectories(dir);
        Path program = dir.resolve(Path.of(realProgram).getFileName().toString());
        String hold = "hold() { head -c " + bytes + "; : > '" + dir + "/held'; "
                + "until [ -e '" + dir + "/open' ]; do sleep 0.05; done; exec cat; }";
        String run = held == Held.STDOUT ? "'" + realProgram + "' \"$@\" | hold" : "hold | '" + realProgram + "' \"$@\"";
        String script = String.join("\n",
                "#!/bin/bash",
                "# a test's gate around " + realProgram + " (see ToolGate)",
                "case \" $* \" in *' " + marker + "'*) ;; *) exec '" + realProgram + "' \"$@\" ;; esac",
                "mv '" + dir + "/armed' '" + dir + "/taken' 2>/dev/null || exec '" + realProgram + "' \"$@\"",
                "set -o pipefail",
                hold,
                run,
                "");
        Files.writeString(program, script);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ToolGate(dir, program);
    }

    /** The wrapper, to configure as the plugin's command. */
    Path program() {
        return program;
    }

    /**
     * Arms the gate: the next invocation with the marker is held.
     *
     * @throws IOException when the state files cannot be written
     */
    void arm() throws IOException {
        Files.deleteIfExists(dir.resolve("open"));
        Files.deleteIfExists(dir.resolve("held"));
        Files.deleteIfExists(dir.resolve("taken"));
        Files.writeString(dir.resolve("armed"), "");
    }

    /**
     * Waits until the gated invocation has passed its bytes and holds the rest.
     *
     * @param limit how long to wait before failing
     * @throws InterruptedException when interrupted
     */
    void awaitHeld(Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!Files.exists(dir.resolve("held"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the gate around " + program + " was not reached within " + limit
                        + (Files.exists(dir.resolve("taken")) ? " (the tool started)" : " (the tool never started)"));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Lets the rest of the stream through (and every later invocation straight through).
     *
     * @throws IOException when the state file cannot be written
     */
    void open() throws IOException {
        Files.deleteIfExists(dir.resolve("armed"));
        Files.writeString(dir.resolve("open"), "");
    }

    /** Opens the gate, so nothing waits on it after the test, whatever happened. */
    @Override
    public void close() throws IOException {
        open();
    }
}
