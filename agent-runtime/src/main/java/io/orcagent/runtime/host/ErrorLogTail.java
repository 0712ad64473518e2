package io.orcagent.runtime.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The last lines of the MySQL error log, read by the agent itself (seeking from the end, so a huge log
 * costs no more than its tail). The file comes from {@link ErrorLogLocation}: {@code @@log_error}
 * (a relative value is resolved against the datadir, as the server does), the last known file while the
 * server is down, or the server's option files.
 */
public final class ErrorLogTail {

    /** Lines the seed API ({@code mysql-error-log-tail}, NEW) returns. */
    public static final int SEED_API_LINES = 40;
    /** Lines the legacy API returns. */
    public static final int LEGACY_API_LINES = 20;
    /** At most this much of the end of the file is read, however long its lines. */
    static final int MAX_TAIL_BYTES = 1024 * 1024;

    private static final int CHUNK = 8192;

    private final ErrorLogLocation location;

    /**
     * Creates it.
     *
     * @param location where the log is
     */
    public ErrorLogTail(ErrorLogLocation location) {
        this.location = Objects.requireNonNull(location, "location is null");
    }

    /**
     * The last lines exactly as {@code tail -n} prints them (the seed API's JSON string).
     *
     * @param lines how many lines
     * @return the text, newlines included
     * @throws IOException when there is no error log file or it cannot be read
     * @throws InterruptedException when interrupted
     */
    public String text(int lines) throws IOException, InterruptedException {
        return lastLines(location(), lines);
    }

    /**
     * The last lines as a list (the legacy API's JSON array): surrounding newlines trimmed, then
     * split; an empty log gives {@code [""]}.
     *
     * @param lines how many lines
     * @return the lines
     * @throws IOException when there is no error log file or it cannot be read
     * @throws InterruptedException when interrupted
     */
    public List<String> lines(int lines) throws IOException, InterruptedException {
        return splitLines(text(lines));
    }

    /**
     * Where the error log is.
     *
     * @return the absolute path
     * @throws IOException when errors go to stderr, or nothing names the file
     * @throws InterruptedException when interrupted
     */
    public Path location() throws IOException, InterruptedException {
        return location.current();
    }

    /**
     * The last {@code count} lines of a file, as {@code tail -n count} prints them.
     *
     * @param file the file
     * @param count how many lines, at least 1
     * @return the text (at most {@link #MAX_TAIL_BYTES} bytes of it)
     * @throws IOException when the file cannot be read
     */
    static String lastLines(Path file, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("line count must be positive, got " + count);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long floor = Math.max(0, size - MAX_TAIL_BYTES);
            // a newline that ends the file terminates the last line; it does not start another one
            long end = size > 0 && byteAt(channel, size - 1) == '\n' ? size - 1 : size;
            long start = floor;
            int newlines = 0;
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = end;
            search:
            while (position > floor) {
                int length = (int) Math.min(CHUNK, position - floor);
                position -= length;
                buffer.clear().limit(length);
                readFully(channel, buffer, position);
                for (int i = length - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n' && ++newlines == count) {
                        start = position + i + 1;
                        break search;
                    }
                }
            }
            ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
            readFully(channel, tail, start);
            return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        }
    }

    /** Go's outputLines: trim surrounding newlines, split on newline. */
    static List<String> splitLines(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == '\n') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == '\n') {
            to--;
        }
        return List.copyOf(Arrays.asList(text.substring(from, to).split("\n", -1)));
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(channel, one, position);
        return one.get(0);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                break; // the file shrank (log rotated) while reading: return what there is
            }
            at += n;
        }
    }
}
