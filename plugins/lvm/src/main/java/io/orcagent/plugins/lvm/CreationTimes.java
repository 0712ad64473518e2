package io.orcagent.plugins.lvm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the creation times storage tools print ({@code 2024-05-01 10:00:00 +0200} from {@code lvs}
 * and {@code btrfs subvolume show}), keeping the printed zone; a time printed without a zone is local
 * time.
 */
final class CreationTimes {

    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z"));
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CreationTimes() {
    }

    /**
     * Parses a creation time.
     *
     * @param text e.g. {@code 2024-05-01 10:00:00 +0200}
     * @param localZone the zone of a time printed without one
     * @return the instant, empty when the text is empty or not a time
     */
    static Optional<Instant> parse(String text, ZoneId localZone) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        for (DateTimeFormatter format : ZONED) {
            try {
                return Optional.of(format.parse(s, ZonedDateTime::from).toInstant());
            } catch (DateTimeParseException notThisLayout) {
                // try the next layout
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(s, LOCAL).atZone(localZone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
