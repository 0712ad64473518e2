package io.orcagent.plugins.lvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kernel's mount table ({@code /proc/self/mounts}), matched on exact mount points: {@code /backup}
 * never matches {@code /backup2} (the Go agent grepped {@code /etc/mtab} for a substring).
 */
final class MountTable {

    /** Where Linux publishes the mounts of this process's namespace. */
    static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");

    private final List<MountEntry> entries;

    private MountTable(List<MountEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a mount table file.
     *
     * @param file normally {@link #PROC_MOUNTS}
     * @return the table
     * @throws IOException when it cannot be read
     */
    static MountTable read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /**
     * Parses the text of a mount table: device, mount point, type, options, with {@code \040}-style
     * octal escapes; malformed lines are skipped.
     *
     * @param text the table
     * @return the table
     */
    static MountTable parse(String text) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            entries.add(new MountEntry(unescape(fields[0]), unescape(fields[1]), unescape(fields[2]), unescape(fields[3])));
        }
        return new MountTable(entries);
    }

    /**
     * What is mounted at a directory: the last (topmost) entry whose mount point is exactly it.
     *
     * @param mountPoint an absolute path; symbolic links are resolved when it exists
     * @return the entry, or empty when nothing is mounted there
     */
    Optional<MountEntry> at(Path mountPoint) {
        String wanted = canonical(mountPoint);
        MountEntry found = null;
        for (MountEntry entry : entries) {
            if (entry.mountPoint().equals(wanted)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The mount whose mount point is the longest prefix of a path, i.e. the filesystem the path is on.
     *
     * @param path an absolute path
     * @return the entry, or empty when none matches
     */
    Optional<MountEntry> containing(Path path) {
        Path wanted = Path.of(canonical(path));
        MountEntry found = null;
        for (MountEntry entry : entries) {
            Path point = Path.of(entry.mountPoint());
            if (wanted.startsWith(point) && (found == null || point.getNameCount() >= Path.of(found.mountPoint()).getNameCount())) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    static String canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath().toString();
        } catch (IOException e) {
            return absolute.toString();
        }
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }

    /**
     * One mounted filesystem.
     *
     * @param device the mounted device ({@code /dev/mapper/vg-snap}, {@code /dev/loop0}, {@code tmpfs})
     * @param mountPoint where it is mounted
     * @param fileSystem its type
     * @param options its mount options, comma-separated
     */
    record MountEntry(String device, String mountPoint, String fileSystem, String options) {

        MountEntry {
            Objects.requireNonNull(device, "device is null");
            Objects.requireNonNull(mountPoint, "mountPoint is null");
            Objects.requireNonNull(fileSystem, "fileSystem is null");
            Objects.requireNonNull(options, "options is null");
        }

        /**
         * A mount option's value.
         *
         * @param name e.g. {@code subvol}
         * @return its value, empty when absent
         */
        Optional<String> option(String name) {
            for (String option : options.split(",")) {
                if (option.startsWith(name + "=")) {
                    return Optional.of(option.substring(name.length() + 1));
                }
            }
            return Optional.empty();
        }
    }
}
