package io.orcagent.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} HTTP load generator (Debian package {@code wrk}) against one route until told to
 * stop, and reads its {@code --latency} report. The route's path and query (which may carry the agent
 * token) go into a 0600 Lua script, never onto wrk's command line.
 */
final class Wrk {

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern THREAD_LATENCY = Pattern.compile(
            "^\\s*Latency\\s+([0-9.]+)(us|ms|s|m|h)\\s+([0-9.]+)(us|ms|s|m|h)\\s+([0-9.]+)(us|ms|s|m|h)\\s+.*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m|h),.*$");
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([0-9.]+)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("^\\s*Non-2xx or 3xx responses:\\s+(\\d+)\\s*$");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");

    private Wrk() {
    }

    /**
     * Whether {@code wrk} is on the PATH.
     *
     * @return true when an executable {@code wrk} is found
     */
    static boolean available() {
        return onPath("wrk");
    }

    /**
     * Whether {@code taskset} (util-linux) is on the PATH, for pinning wrk.
     *
     * @return true when found
     */
    static boolean tasksetAvailable() {
        return onPath("taskset");
    }

    private static boolean onPath(String program) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What to run.
     *
     * @param route a label for the report, e.g. {@code GET /api/status}
     * @param baseUrl scheme, host and port, e.g. {@code http://127.0.0.211:4567}
     * @param pathAndQuery the request target (may hold the token; it stays in the script file)
     * @param threads wrk threads ({@code -t})
     * @param connections open connections ({@code -c}), each a closed loop
     * @param delayMillis pause of each connection after a response, 0 for none (the Lua {@code delay()} hook)
     * @param cpus a {@code taskset -c} CPU list to pin wrk to, or empty for no pinning
     */
    record Plan(String route, String baseUrl, String pathAndQuery, int threads, int connections, int delayMillis,
                String cpus) {

        /** Validates. */
        Plan {
            Objects.requireNonNull(route, "route is null");
            Objects.requireNonNull(baseUrl, "baseUrl is null");
            Objects.requireNonNull(pathAndQuery, "pathAndQuery is null");
            Objects.requireNonNull(cpus, "cpus is null");
            if (threads < 1 || connections < threads || delayMillis < 0) {
                throw new IllegalArgumentException("need 1 <= threads <= connections and delay >= 0");
            }
        }

        /**
         * The command line, as printed in reports (no token: the path is in the script).
         *
         * @param script the Lua script
         * @return argv
         */
        List<String> argv(Path script) {
            List<String> argv = new ArrayList<>();
            if (!cpus.isEmpty()) {
                argv.addAll(List.of("taskset", "-c", cpus));
            }
            // a long -d: the run is ended with SIGINT when the seed ends, and wrk then prints its report
            argv.addAll(List.of("wrk", "-t" + threads, "-c" + connections, "-d3600s", "--latency", "--timeout", "30s",
                    "-s", script.toString(), baseUrl + "/"));
            return argv;
        }
    }

    /**
     * Starts wrk.
     *
     * @param plan what to run
     * @param work a directory for the script and the output
     * @return the running load
     * @throws IOException when wrk cannot start
     */
    static Running start(Plan plan, Path work) throws IOException {
        Files.createDirectories(work);
        String stem = plan.route().replaceAll("[^A-Za-z0-9]+", "-");
        Path script = work.resolve(stem + ".lua");
        Files.deleteIfExists(script);
        Files.createFile(script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder lua = new StringBuilder("wrk.path = \"" + luaString(plan.pathAndQuery()) + "\"\n");
        if (plan.delayMillis() > 0) {
            lua.append("function delay()\n  return ").append(plan.delayMillis()).append("\nend\n");
        }
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        Path output = work.resolve(stem + ".out");
        List<String> argv = plan.argv(script);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        return new Running(plan, process, output, String.join(" ", argv));
    }

    private static String luaString(String value) {
        if (!value.matches("[A-Za-z0-9/?=&._~%-]+")) {
            throw new IllegalArgumentException("unexpected characters in a request target");
        }
        return value;
    }

    /** A wrk process generating load until {@link #stop()}. */
    static final class Running {
        private final Plan plan;
        private final Process process;
        private final Path output;
        private final String command;

        private Running(Plan plan, Process process, Path output, String command) {
            this.plan = plan;
            this.process = process;
            this.output = output;
            this.command = command;
        }

        /**
         * Stops wrk with SIGINT (which makes it print its report) and reads the report.
         *
         * @return the figures
         * @throws IOException when wrk failed or printed no report
         * @throws InterruptedException when interrupted
         */
        Result stop() throws IOException, InterruptedException {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("wrk did not stop on SIGINT: " + Files.readString(output));
            }
            return parse(plan, command, Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    /**
     * One wrk report.
     *
     * @param route the route label
     * @param command the wrk command line
     * @param connections open connections
     * @param delayMillis pause after each response per connection
     * @param requests completed requests
     * @param seconds how long wrk ran
     * @param requestsPerSecond wrk's Requests/sec
     * @param p50 median latency
     * @param p75 75th percentile
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param max the slowest request
     * @param non2xx responses other than 2xx/3xx (the status route answers 500 "BAD" when orchestrator is not heard)
     * @param socketErrors connect, read, write errors and timeouts, summed
     */
    record Result(String route, String command, int connections, int delayMillis, long requests, double seconds,
                  double requestsPerSecond, Duration p50, Duration p75, Duration p90, Duration p99, Duration max,
                  long non2xx, long socketErrors) {
    }

    /**
     * Reads a {@code wrk --latency} report.
     *
     * @param plan what ran
     * @param command its command line
     * @param text wrk's output
     * @return the figures
     * @throws IOException when the report is incomplete
     */
    static Result parse(Plan plan, String command, String text) throws IOException {
        Duration[] percentiles = new Duration[4];
        Duration max = null;
        long requests = -1;
        double seconds = 0;
        double rate = -1;
        long non2xx = 0;
        long socketErrors = 0;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = PERCENTILE.matcher(line)).matches()) {
                int index = switch (m.group(1)) {
                    case "50" -> 0;
                    case "75" -> 1;
                    case "90" -> 2;
                    default -> 3;
                };
                percentiles[index] = duration(m.group(2), m.group(3));
            } else if ((m = THREAD_LATENCY.matcher(line)).matches()) {
                max = duration(m.group(5), m.group(6));
            } else if ((m = TOTAL.matcher(line)).matches()) {
                requests = Long.parseLong(m.group(1));
                seconds = duration(m.group(2), m.group(3)).toNanos() / 1e9;
            } else if ((m = RATE.matcher(line)).matches()) {
                rate = Double.parseDouble(m.group(1));
            } else if ((m = NON_2XX.matcher(line)).matches()) {
                non2xx = Long.parseLong(m.group(1));
            } else if ((m = SOCKET_ERRORS.matcher(line)).matches()) {
                for (int g = 1; g <= 4; g++) {
                    socketErrors += Long.parseLong(m.group(g));
                }
            }
        }
        for (Duration d : percentiles) {
            if (d == null) {
                throw new IOException("wrk printed no latency distribution:\n" + text);
            }
        }
        if (max == null || requests < 0 || rate < 0) {
            throw new IOException("wrk printed an incomplete report:\n" + text);
        }
        return new Result(plan.route(), command, plan.connections(), plan.delayMillis(), requests, seconds, rate,
                percentiles[0], percentiles[1], percentiles[2], percentiles[3], max, non2xx, socketErrors);
    }

    private static Duration duration(String number, String unit) {
        double value = Double.parseDouble(number);
        double nanos = switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value * 1e3;
            case "ms" -> value * 1e6;
            case "s" -> value * 1e9;
            case "m" -> value * 60e9;
            default -> value * 3600e9;
        };
        return Duration.ofNanos(Math.round(nanos));
    }
}
