package io.orcagent.api;

/**
 * A process could not start or exited non-zero.
 */
public final class CommandFailedException extends Exception {

    private final String program;
    private final int exitCode;
    private final String stderrTail;

    /**
     * Creates the exception.
     *
     * @param program the program name
     * @param exitCode the exit code, or -1 when it did not start
     * @param stderrTail the end of its stderr
     */
    public CommandFailedException(String program, int exitCode, String stderrTail) {
        super(program + (exitCode < 0 ? " could not start" : " exited with " + exitCode)
                + (stderrTail == null || stderrTail.isBlank() ? "" : ": " + stderrTail.strip()));
        this.program = program;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /**
     * The program name.
     *
     * @return program
     */
    public String program() {
        return program;
    }

    /**
     * The exit code.
     *
     * @return exit code, -1 when it did not start
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The end of stderr.
     *
     * @return stderr tail
     */
    public String stderrTail() {
        return stderrTail;
    }
}
