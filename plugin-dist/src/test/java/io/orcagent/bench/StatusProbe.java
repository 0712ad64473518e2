package io.orcagent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A polling client of {@code GET /api/status} at a fixed schedule (one request every {@code interval},
 * each on a new connection, as a monitor or load balancer would), recording for every request the
 * time from when it was due to when its whole answer had arrived. Unlike a closed-loop load generator,
 * the latencies are raw: nothing is extrapolated.
 */
final class StatusProbe {

    private final String address;
    private final int port;
    private final Duration interval;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Long> nanos = new ArrayList<>();
    private final Thread thread;
    private int failures;

    private StatusProbe(String address, int port, Duration interval) {
        this.address = address;
        this.port = port;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("status-probe").daemon().unstarted(this::run);
    }

    /**
     * Starts probing.
     *
     * @param address the agent's address
     * @param port its HTTP port
     * @param interval the schedule
     * @return the running probe
     */
    static StatusProbe start(String address, int port, Duration interval) {
        StatusProbe probe = new StatusProbe(address, port, interval);
        probe.thread.start();
        return probe;
    }

    /**
     * The figures of one probe run.
     *
     * @param requests answered requests
     * @param failures requests without an HTTP answer
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max the slowest
     */
    record Result(int requests, int failures, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {
    }

    /**
     * Stops probing.
     *
     * @return the latencies
     * @throws InterruptedException when interrupted
     */
    Result stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        List<Long> sorted = nanos.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return new Result(0, failures, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        return new Result(sorted.size(), failures, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                rank(sorted, 0.999), Duration.ofNanos(sorted.get(sorted.size() - 1)));
    }

    // nearest-rank percentile
    private static Duration rank(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return Duration.ofNanos(sorted.get(Math.max(0, index)));
    }

    private void run() {
        long start = System.nanoTime();
        for (long i = 0; !stop.get(); i++) {
            long due = start + i * interval.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (request()) {
                nanos.add(System.nanoTime() - due);
            } else {
                failures++;
            }
        }
    }

    // One request on a new connection; done when the status line, the headers and Content-Length bytes
    // of body have arrived (the server may keep the connection open despite "Connection: close").
    private boolean request() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/status HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).strip());
                }
            }
            if (!statusLine.startsWith("HTTP/1.1 ") || length < 0) {
                return false;
            }
            in.skipNBytes(length);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
