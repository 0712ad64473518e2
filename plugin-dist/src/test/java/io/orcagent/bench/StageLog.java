package io.orcagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a lab agent's log for one seed: when a stage started and completed (the engine's
 * {@code seed=N starting stage S} and {@code seed=N stage S completed} lines, millisecond timestamps),
 * and how many bytes the transfer service streamed.
 *
 * <p>Why the log and not {@code /metrics}: the runtime's {@code seed_stage_duration_seconds} measures
 * from the stage's last state update (a progress update moves it), not from the stage's start.
 *
 * @param lines the log's lines
 */
record StageLog(List<String> lines) {

    private static final Pattern SENT = Pattern.compile(".* seed=(\\d+) sent (\\d+) bytes to .*");

    /**
     * Reads a log now.
     *
     * @param log the agent's output file
     * @return its lines
     * @throws IOException when unreadable
     */
    static StageLog read(Path log) throws IOException {
        return new StageLog(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /**
     * How long a stage ran, from its start line to its completion line.
     *
     * @param seedId the seed
     * @param stage the stage's wire name, e.g. {@code Backup}
     * @return the duration
     * @throws IOException when either line is missing
     */
    Duration stage(long seedId, String stage) throws IOException {
        Instant start = timeOf("seed=" + seedId + " starting stage " + stage + " ");
        Instant end = timeOf("seed=" + seedId + " stage " + stage + " completed");
        return Duration.between(start, end);
    }

    /**
     * Bytes the transfer service sent for a seed.
     *
     * @param seedId the seed
     * @return the byte count
     * @throws IOException when the line is missing
     */
    long bytesSent(long seedId) throws IOException {
        for (String line : lines) {
            Matcher m = SENT.matcher(line);
            if (m.matches() && Long.parseLong(m.group(1)) == seedId) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new IOException("no 'sent N bytes' line for seed " + seedId);
    }

    private Instant timeOf(String fragment) throws IOException {
        for (String line : lines) {
            if (line.contains(fragment)) {
                return Instant.parse(line.substring(0, line.indexOf(' ')));
            }
        }
        throw new IOException("no log line with '" + fragment + "'");
    }
}
