package io.orcagent.runtime.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows a running seed: a live one-line progress bar on a terminal, or a line per change (at most every
 * few seconds) when the output is a log.
 */
public final class ProgressDisplay {

    private static final int WIDTH = 30;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean live;
    private String lastLine = "";
    private Instant lastPrinted = Instant.MIN;

    /**
     * Creates the display.
     *
     * @param out where to write
     * @param live whether to redraw one line in place (a terminal)
     */
    public ProgressDisplay(PrintStream out, boolean live) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.live = live;
    }

    /**
     * Shows a stage's progress.
     *
     * @param agent which agent
     * @param stage the stage
     * @param done bytes done
     * @param total bytes expected, negative when unknown
     * @param rate bytes per second
     * @param details the agent's details text
     */
    public synchronized void progress(String agent, String stage, long done, long total, double rate, String details) {
        String line;
        if (total > 0 || done > 0) {
            double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
            int filled = (int) Math.round(fraction * WIDTH);
            line = String.format(Locale.ROOT, "%-8s [%s%s] %s %s%s %s/s  %s", stage, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), total > 0 ? String.format(Locale.ROOT, "%3.0f%%", fraction * 100) : " ?%",
                    bytes(done), total > 0 ? " of " + bytes(total) : "", bytes(rate), agent);
        } else {
            line = String.format(Locale.ROOT, "%-8s %s  %s", stage, details, agent);
        }
        if (live) {
            out.print("\r" + pad(line));
            out.flush();
        } else if (!line.equals(lastLine) && Duration.between(lastPrinted, Instant.now()).compareTo(LOG_EVERY) >= 0) {
            out.println(line);
            lastPrinted = Instant.now();
        }
        lastLine = line;
    }

    /**
     * Prints a finished step on its own line.
     *
     * @param text the text
     */
    public synchronized void step(String text) {
        if (live && !lastLine.isEmpty()) {
            out.print("\r" + pad("") + "\r");
        }
        out.println(text);
        lastLine = "";
        lastPrinted = Instant.MIN;
    }

    private String pad(String line) {
        int width = Math.max(lastLine.length(), line.length());
        return line + " ".repeat(Math.max(0, width - line.length()));
    }

    static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", value) : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
