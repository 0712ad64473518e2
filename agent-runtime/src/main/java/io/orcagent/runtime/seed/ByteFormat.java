package io.orcagent.runtime.seed;

import java.util.Locale;

/**
 * Human-readable byte counts for stage details.
 */
final class ByteFormat {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteFormat() {
    }

    static String bytes(double value) {
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", value)
                : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
