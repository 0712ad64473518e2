package io.orcagent.dist;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the entry list of a {@code .tar.gz} (ustar, with PAX and GNU long names), enough to check what a
 * distribution holds and with which permissions.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * One archive entry.
     *
     * @param name the path inside the archive
     * @param mode the permission bits
     * @param directory whether it is a directory
     */
    record Entry(String name, int mode, boolean directory) {

        boolean executable() {
            return (mode & 0111) == 0111;
        }

        String fileName() {
            String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
    }

    static List<Entry> entries(Path tarGz) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(tarGz)))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                byte[] data = null;
                if (type == 'x' || type == 'L' || type == 'g') {
                    data = new byte[(int) size];
                    in.readFully(data);
                    skip(in, padding(size));
                } else {
                    skip(in, size + padding(size));
                }
                if (type == 'x') {
                    longName = paxPath(new String(data, StandardCharsets.UTF_8));
                    continue;
                }
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                entries.add(new Entry(name, (int) octal(header, 100, 8), type == '5' || name.endsWith("/")));
            }
        }
        return entries;
    }

    private static String ustarName(byte[] header) {
        String name = text(header, 0, 100);
        String magic = text(header, 257, 6);
        String prefix = magic.startsWith("ustar") ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(String records) {
        String path = null;
        int at = 0;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            int length = Integer.parseInt(records.substring(at, space));
            String record = records.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length());
            }
            at += length;
        }
        return path;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated tar");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
