package io.orcagent.plugins.lvm;

import io.orcagent.api.Snapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code lvs --noheadings --separator=| -o lv_name,vg_name,lv_path,snap_percent,lv_time,origin}.
 * A row is a snapshot when it has a snapshot percentage (classic snapshots) or an origin (thin
 * snapshots, which have no percentage). The creation time keeps the zone {@code lvs} prints (the Go agent
 * read it from {@code lvdisplay} and dropped the zone). Rows with too few fields, an empty name or
 * path are skipped with a debug log: nothing here can throw on odd output.
 */
final class LvsOutput {

    /** The columns asked for, in order. */
    static final String COLUMNS = "lv_name,vg_name,lv_path,snap_percent,lv_time,origin";
    static final String SEPARATOR = "|";

    private static final Logger LOG = LoggerFactory.getLogger(LvsOutput.class);
    private static final int MIN_FIELDS = 5;

    private LvsOutput() {
    }

    /**
     * Parses the output.
     *
     * @param text what {@code lvs} printed
     * @param nameFilter substring of the LV name to keep; empty keeps all
     * @param localZone the zone for a time printed without one ({@code lvs} prints local time then)
     * @return the volumes, in the order printed
     */
    static List<Snapshot> parse(String text, String nameFilter, ZoneId localZone) {
        List<Snapshot> volumes = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\\" + SEPARATOR, -1);
            if (fields.length < MIN_FIELDS) {
                LOG.debug("lvs: skipping a row with {} fields (want {}): {}", fields.length, MIN_FIELDS, line.strip());
                continue;
            }
            String name = fields[0].strip();
            String group = fields[1].strip();
            String path = fields[2].strip();
            if (name.isEmpty() || path.isEmpty()) {
                LOG.debug("lvs: skipping a row without name or path: {}", line.strip());
                continue;
            }
            if (!name.contains(nameFilter)) {
                continue;
            }
            Optional<Double> percent = percent(fields[3].strip());
            boolean thinSnapshot = fields.length > MIN_FIELDS && !fields[MIN_FIELDS].isBlank();
            volumes.add(new Snapshot(name, group, path, percent.isPresent() || thinSnapshot, percent.orElse(0.0),
                    createdAt(fields[4].strip(), localZone, name)));
        }
        return List.copyOf(volumes);
    }

    /** 32-bit precision, as the Go agent's {@code ParseFloat(…, 32)}: the wire carries that value. */
    private static Optional<Double> percent(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((double) Float.parseFloat(text.replace(',', '.')));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> createdAt(String text, ZoneId localZone, String name) {
        Optional<Instant> time = CreationTimes.parse(text, localZone);
        if (time.isEmpty() && !text.isEmpty()) {
            LOG.debug("lvs: LV {} has an unreadable creation time: {}", name, text);
        }
        return time;
    }
}
