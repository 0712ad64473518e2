package io.orcagent.runtime.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the last bytes written to it (a ring buffer) and renders them as at most a given number of
 * lines; used for stderr, whose end is what explains a failure.
 */
final class TailBuffer {

    private final byte[] ring;
    private final int maxLines;
    private long written;

    TailBuffer(int maxBytes, int maxLines) {
        this.ring = new byte[maxBytes];
        this.maxLines = maxLines;
    }

    synchronized void write(byte[] buffer, int offset, int length) {
        int start = Math.max(0, length - ring.length);
        written += start;
        for (int i = start; i < length; i++) {
            ring[(int) (written++ % ring.length)] = buffer[offset + i];
        }
    }

    /** The kept bytes as text: the last {@code maxLines} lines, without a trailing newline. */
    synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] bytes = new byte[size];
        long first = written - size;
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(int) ((first + i) % ring.length)];
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (written > ring.length) {
            // the first line was cut somewhere in the middle: drop it rather than show a fragment
            int newline = text.indexOf('\n');
            text = newline < 0 ? text : text.substring(newline + 1);
        }
        String[] lines = text.stripTrailing().split("\n", -1);
        int from = Math.max(0, lines.length - maxLines);
        return String.join("\n", Arrays.asList(lines).subList(from, lines.length));
    }
}
