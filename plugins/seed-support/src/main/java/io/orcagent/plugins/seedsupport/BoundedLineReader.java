package io.orcagent.plugins.seedsupport;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads lines from the head of a possibly huge file without ever holding more than a bounded amount
 * of it: a line longer than the line limit is cut there (the rest of it is skipped), and reading stops
 * with {@link MetadataException} once the total limit is consumed.
 */
final class BoundedLineReader {

    private final Reader reader;
    private final String source;
    private final long totalLimit;
    private final int lineLimit;
    private long consumed;

    /**
     * Creates the reader.
     *
     * @param reader the characters (buffer it)
     * @param source what is being read, for messages
     * @param totalLimit how many characters may be read at most
     * @param lineLimit how many characters of one line are kept
     */
    BoundedLineReader(Reader reader, String source, long totalLimit, int lineLimit) {
        this.reader = Objects.requireNonNull(reader, "reader is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.totalLimit = totalLimit;
        this.lineLimit = lineLimit;
    }

    /**
     * The next line without its line terminator ({@code \n} or {@code \r\n}).
     *
     * @return the line, or null at the end of input
     * @throws IOException when reading fails
     * @throws MetadataException when the total limit is exceeded
     */
    String readLine() throws IOException, MetadataException {
        StringBuilder line = new StringBuilder();
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (++consumed > totalLimit) {
                throw new MetadataException(source + ": no replication coordinates in the first "
                        + totalLimit / (1024 * 1024) + " MiB");
            }
            if (line.length() < lineLimit) {
                line.append((char) c);
            }
            c = reader.read();
        }
        consumed++;
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
        }
        return line.toString();
    }
}
