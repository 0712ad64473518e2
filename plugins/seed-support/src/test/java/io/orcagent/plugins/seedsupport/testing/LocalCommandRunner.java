package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A test-only {@link CommandRunner} on {@link ProcessBuilder}: argument lists, file redirections,
 * time limits, a stderr tail, and kill of the whole process tree. It stands in for the runtime's
 * runner, which plugin tests cannot depend on yet.
 */
public final class LocalCommandRunner implements CommandRunner {

    private static final int STDERR_TAIL_BYTES = 4096;

    private final Set<Running> live = ConcurrentHashMap.newKeySet();

    @Override
    public RunningCommand start(Command command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        command.workDir().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(command.environment());
        command.stdinFrom().ifPresent(file -> builder.redirectInput(file.toFile()));
        command.stdoutTo().ifPresent(file -> builder.redirectOutput(command.appendStdout()
                ? ProcessBuilder.Redirect.appendTo(file.toFile())
                : ProcessBuilder.Redirect.to(file.toFile())));
        Running running = new Running(command, builder.start());
        live.add(running);
        return running;
    }

    /** Kills every process this runner started that still runs (what the runtime does on abort). */
    public void killAll() {
        for (Running running : List.copyOf(live)) {
            running.kill();
        }
    }

    private final class Running implements RunningCommand {
        private final Command command;
        private final Process process;
        private final Thread stderrPump;
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private volatile boolean stdinClaimed;
        private volatile boolean stdoutClaimed;
        private volatile boolean killed;

        Running(Command command, Process process) {
            this.command = command;
            this.process = process;
            this.stderrPump = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), stderr));
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public OutputStream stdin() {
            stdinClaimed = true;
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            stdoutClaimed = true;
            return process.getInputStream();
        }

        @Override
        public CommandResult await() throws InterruptedException {
            try {
                if (!stdinClaimed) {
                    // nobody will write to it: EOF, so a tool that reads stdin does not wait forever
                    closeQuietly(process.getOutputStream());
                }
                String stdout = "";
                if (command.stdoutTo().isEmpty() && !stdoutClaimed) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Thread stdoutPump = Thread.ofVirtual().start(() -> pump(process.getInputStream(), out));
                    waitOrKill();
                    stdoutPump.join();
                    stdout = out.toString(StandardCharsets.UTF_8);
                } else {
                    waitOrKill();
                }
                stderrPump.join();
                return new CommandResult(process.exitValue(), stdout, tail(), killed);
            } catch (InterruptedException e) {
                kill();
                throw e;
            } finally {
                live.remove(this);
            }
        }

        private void waitOrKill() throws InterruptedException {
            if (command.timeout().isPresent()) {
                if (!process.waitFor(command.timeout().get().toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                    process.waitFor();
                }
            } else {
                process.waitFor();
            }
        }

        private String tail() {
            byte[] bytes;
            synchronized (stderr) {
                bytes = stderr.toByteArray();
            }
            int from = Math.max(0, bytes.length - STDERR_TAIL_BYTES);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }

        @Override
        public void kill() {
            if (!process.isAlive()) {
                return;
            }
            killed = true;
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        @Override
        public void close() {
            kill();
            closeQuietly(process.getOutputStream());
            live.remove(this);
        }
    }

    private static void pump(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (sink) {
                    sink.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed by the process ending
        }
    }
}
