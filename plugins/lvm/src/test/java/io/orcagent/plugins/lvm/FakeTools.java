package io.orcagent.plugins.lvm;

import io.orcagent.api.Command;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Recorded storage tools for hosts where the real ones cannot run (device-mapper does not work here):
 * small shell scripts in a {@code bin} directory that log their argv and print recorded output. Their
 * directory is put first on {@code PATH} of every process {@link #runner()} starts (through
 * {@code env PATH=…}, since Java resolves a program on the agent's own PATH), so the provider under test
 * runs unchanged, and an operator's {@code sh -c} line finds the fakes too.
 */
final class FakeTools {

    private final Path bin;
    private final Path log;
    private final Path outputs;
    private final List<Command> started = new CopyOnWriteArrayList<>();
    private int outputCount;

    private FakeTools(Path dir) throws IOException {
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.outputs = Files.createDirectories(dir.resolve("outputs"));
        this.log = dir.resolve("calls.log");
        Files.writeString(log, "");
    }

    static FakeTools in(Path dir) throws IOException {
        return new FakeTools(dir);
    }

    /**
     * Defines a tool that always prints the same output.
     *
     * @param name the program name
     * @param exitCode its exit code
     * @param stdout what it prints
     * @return this
     */
    FakeTools tool(String name, int exitCode, String stdout) throws IOException {
        return tool(name, List.of(), new Answer(exitCode, stdout));
    }

    /**
     * Defines a tool that fails with a message on stderr.
     *
     * @param name the program name
     * @param exitCode its exit code
     * @param stdout what it prints on stdout
     * @param stderr what it prints on stderr
     * @return this
     */
    FakeTools tool(String name, int exitCode, String stdout, String stderr) throws IOException {
        return tool(name, List.of(), new Answer(exitCode, stdout, stderr));
    }

    /**
     * Defines a tool whose output depends on its arguments.
     *
     * @param name the program name
     * @param cases shell {@code case} patterns matched against {@code "$*"}, with their answers, in order
     * @param otherwise the answer when no pattern matches
     * @return this
     */
    FakeTools tool(String name, List<Case> cases, Answer otherwise) throws IOException {
        StringBuilder script = new StringBuilder(header(name)).append("case \"$*\" in\n");
        for (Case c : cases) {
            script.append("  ").append(c.pattern()).append(") ").append(answer(c.answer())).append(" ;;\n");
        }
        script.append("  *) ").append(answer(otherwise)).append(" ;;\nesac\n");
        Path file = bin.resolve(name);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    /**
     * Defines a tool that logs its call and then runs a shell script body.
     *
     * @param name the program name
     * @param body shell commands
     * @return this
     */
    FakeTools script(String name, String body) throws IOException {
        String script = header(name) + body + "\n";
        Path file = bin.resolve(name);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    /**
     * Every call of a fake tool so far: program name, then its arguments.
     *
     * @return the calls in order
     */
    List<List<String>> calls() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                calls.add(List.of(line.split("\t", -1)));
            }
        }
        return calls;
    }

    /**
     * The commands the code under test started (before the PATH prefix), to check how they were asked for.
     *
     * @return the commands
     */
    List<Command> started() {
        return List.copyOf(started);
    }

    /**
     * The runtime's real process runner with the fakes first on PATH.
     *
     * @return the runner
     */
    CommandRunner runner() {
        return runner(new ProcessCommandRunner(new LocalCommandExecutor()));
    }

    /**
     * Another runner (a stage's, say) with the fakes first on PATH.
     *
     * @param real the runner that starts the processes
     * @return the runner
     */
    CommandRunner runner(CommandRunner real) {
        String path = bin + ":" + System.getenv("PATH");
        return new CommandRunner() {
            @Override
            public RunningCommand start(Command command) throws IOException {
                started.add(command);
                List<String> argv = new ArrayList<>(Arrays.asList("env", "PATH=" + path));
                argv.addAll(command.argv());
                return real.start(new Command(argv, command.workDir(), command.environment(), command.stdinFrom(),
                        command.stdoutTo(), command.appendStdout(), command.privileged(), command.timeout()));
            }
        };
    }

    /** The script's first lines: log the program name and each argument, TAB-separated, one call per line. */
    private String header(String name) {
        return "#!/bin/sh\n{ printf '%s' " + quote(name)
                + "; for a in \"$@\"; do printf '\\t%s' \"$a\"; done; printf '\\n'; } >> " + quote(log.toString()) + "\n";
    }

    private String answer(Answer answer) throws IOException {
        Path out = outputs.resolve("out-" + outputCount);
        Path err = outputs.resolve("err-" + outputCount);
        outputCount++;
        Files.writeString(out, answer.stdout(), StandardCharsets.UTF_8);
        Files.writeString(err, answer.stderr(), StandardCharsets.UTF_8);
        return "cat " + quote(out.toString()) + "; cat " + quote(err.toString()) + " >&2; exit " + answer.exitCode();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A recorded answer.
     *
     * @param exitCode the exit code
     * @param stdout the output
     * @param stderr the error output
     */
    record Answer(int exitCode, String stdout, String stderr) {

        Answer(int exitCode, String stdout) {
            this(exitCode, stdout, "");
        }
    }

    /**
     * An answer for arguments matching a shell pattern.
     *
     * @param pattern e.g. {@code *lv_path*}
     * @param answer the answer
     */
    record Case(String pattern, Answer answer) {
    }
}
