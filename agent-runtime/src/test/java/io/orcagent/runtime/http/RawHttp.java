package io.orcagent.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A byte-level HTTP/1.x client for tests that must see exactly what the server writes: raw requests
 * (malformed ones too), responses parsed one at a time from the stream, and whether the server closed.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    /**
     * Connects.
     *
     * @param socket a connected socket (plain or TLS)
     * @throws IOException when the socket cannot be used
     */
    RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(15_000);
        this.in = socket.getInputStream();
    }

    static RawHttp connect(int port) throws IOException {
        return new RawHttp(new Socket("127.0.0.1", port));
    }

    RawHttp send(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads one response; a HEAD response has no body whatever its Content-Length says.
     *
     * @param head whether the request was HEAD
     * @return the response
     * @throws IOException when the stream ends early or is not HTTP
     */
    Response read(boolean head) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        byte[] bytes = new byte[0];
        while (!endsWithBlankLine(bytes)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended inside a response head: " + header.toString(StandardCharsets.ISO_8859_1));
            }
            header.write(b);
            bytes = header.toByteArray();
        }
        String text = header.toString(StandardCharsets.ISO_8859_1);
        String[] lines = text.substring(0, text.length() - 4).split("\r\n");
        if (!lines[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length").get(0)) : 0;
        byte[] body = head ? new byte[0] : in.readNBytes(length);
        return new Response(lines[0], headers, new String(body, StandardCharsets.UTF_8), text);
    }

    /**
     * Waits for the server to close the connection (bytes still in flight are returned).
     *
     * @return whatever arrived before the end of the stream
     * @throws IOException when the server does not close within the socket timeout
     */
    String readToEnd() throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new IOException("the server kept the connection open", e);
        }
    }

    /**
     * Whether the server closed the connection, waiting at most the given time.
     *
     * @param millis how long to wait
     * @return true when the stream ended (or was reset), false when it stayed open and silent
     * @throws IOException when the server sent data instead
     */
    boolean closedWithin(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("the server sent data: " + (char) b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    private static boolean endsWithBlankLine(byte[] b) {
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * A parsed response.
     *
     * @param statusLine the status line
     * @param headers headers by lower-case name
     * @param body the body
     * @param head the raw head including the blank line
     */
    record Response(String statusLine, Map<String, List<String>> headers, String body, String head) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        int status() {
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
