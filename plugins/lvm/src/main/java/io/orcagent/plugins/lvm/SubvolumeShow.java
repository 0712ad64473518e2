package io.orcagent.plugins.lvm;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code btrfs subvolume show <path>} says about one subvolume.
 *
 * @param name its name ({@code Name:})
 * @param uuid its UUID
 * @param parentUuid the UUID of the subvolume it is a snapshot of, empty when it is not a snapshot
 * @param createdAt its creation time, with the printed zone
 * @param readOnly whether its flags say {@code readonly}
 * @param generationAtCreation the filesystem generation it was created in: orders subvolumes created
 *     within the same second (creation times have one-second resolution)
 */
record SubvolumeShow(String name, String uuid, Optional<String> parentUuid, Optional<Instant> createdAt,
                     boolean readOnly, long generationAtCreation) {

    SubvolumeShow {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(uuid, "uuid is null");
        Objects.requireNonNull(parentUuid, "parentUuid is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
    }

    /**
     * Parses the output ({@code Key: value} lines after the path line; {@code -} means none).
     *
     * @param text the output
     * @param localZone the zone of a time printed without one
     * @return the subvolume, empty when the output has no {@code Name:} or {@code UUID:} line
     */
    static Optional<SubvolumeShow> parse(String text, ZoneId localZone) {
        String name = null;
        String uuid = null;
        String parent = "-";
        String created = "";
        String flags = "";
        String generation = "";
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Name" -> name = value;
                case "UUID" -> uuid = value;
                case "Parent UUID" -> parent = value;
                case "Creation time" -> created = value;
                case "Flags" -> flags = value;
                case "Gen at creation" -> generation = value;
                default -> {
                    // other facts are not needed
                }
            }
        }
        if (name == null || name.isEmpty() || uuid == null || uuid.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> parentUuid = parent.isEmpty() || parent.equals("-") ? Optional.empty() : Optional.of(parent);
        return Optional.of(new SubvolumeShow(name, uuid, parentUuid, CreationTimes.parse(created, localZone),
                flags.contains("readonly"), number(generation)));
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
