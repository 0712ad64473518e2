package io.orcagent.runtime.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a blocking socket through an {@link SSLEngine}, with large network buffers: a write encrypts
 * many 16 KiB records into one buffer and sends them with one system call, and a read takes everything the
 * kernel has and decrypts as many records as fit, straight into the caller's array when it is big enough.
 * {@code SSLSocket} instead writes every record separately and reads each one with two calls, which costs
 * more than the encryption on a fast link.
 *
 * <p>One thread may read while another writes (the engine allows wrap and unwrap concurrently); writes,
 * including the replies the engine needs after a post-handshake message such as a key update, are
 * serialised on a lock.
 */
final class TlsStreams {

    private static final int NETWORK_BUFFER = 1 << 20;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Socket socket;
    private final SSLEngine engine;
    private final InputStream socketIn;
    private final OutputStream socketOut;
    private final int appRecord;
    private final Object writeLock = new Object();
    private final ByteBuffer netOut;
    private final ByteBuffer netIn;
    private final ByteBuffer appIn;
    private final Input input = new Input();
    private final Output output = new Output();
    private boolean inboundDone;

    TlsStreams(Socket socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.engine = engine;
        this.socketIn = socket.getInputStream();
        this.socketOut = socket.getOutputStream();
        SSLSession session = engine.getSession();
        this.appRecord = session.getApplicationBufferSize();
        int packet = session.getPacketBufferSize();
        this.netOut = ByteBuffer.allocate(NETWORK_BUFFER + packet);
        this.netIn = ByteBuffer.allocate(NETWORK_BUFFER + packet);
        this.appIn = ByteBuffer.allocate(Math.max(appRecord, 64 * 1024)).flip();
    }

    /** Runs the handshake to its end (the socket's read timeout bounds each wait). */
    void handshake() throws IOException {
        try {
            engine.beginHandshake();
            HandshakeStatus status = engine.getHandshakeStatus();
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                status = switch (status) {
                    case NEED_WRAP -> wrapAndSend(EMPTY).getHandshakeStatus();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapDuringHandshake();
                    case NEED_TASK -> runTasks();
                    default -> throw new SSLException("unexpected handshake state " + status);
                };
            }
        } catch (SSLException e) {
            sendAlertQuietly();
            throw e;
        }
    }

    SSLSession session() {
        return engine.getSession();
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    /** Sends close_notify; the peer reads end of stream. */
    void closeOutbound() throws IOException {
        synchronized (writeLock) {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                if (wrapAndSend(EMPTY).bytesProduced() == 0) {
                    break;
                }
            }
        }
    }

    private HandshakeStatus unwrapDuringHandshake() throws IOException {
        while (true) {
            appIn.compact();
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> fill(true);
                case CLOSED -> throw new EOFException("the peer closed the connection during the TLS handshake");
                case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than the engine announced");
                case OK -> {
                    return result.getHandshakeStatus();
                }
            }
        }
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** Encrypts (part of) {@code source} into records and sends them in one write. */
    private SSLEngineResult wrapAndSend(ByteBuffer source) throws IOException {
        synchronized (writeLock) {
            netOut.clear();
            SSLEngineResult result;
            do {
                result = engine.wrap(source, netOut);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0) {
                    break;
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            } while (source.hasRemaining() && netOut.remaining() >= engine.getSession().getPacketBufferSize()
                    && result.getStatus() == SSLEngineResult.Status.OK);
            socketOut.write(netOut.array(), 0, netOut.position());
            return result;
        }
    }

    /**
     * Reads from the socket into {@code netIn}.
     *
     * @param required whether end of stream is an error (mid-record, mid-handshake)
     * @return false on end of stream when not required
     */
    private boolean fill(boolean required) throws IOException {
        if (!netIn.hasRemaining()) {
            throw new SSLException("TLS record larger than the network buffer");
        }
        int n = socketIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            if (required) {
                throw new EOFException("the peer closed the connection in the middle of a TLS record");
            }
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    private void sendAlertQuietly() {
        try {
            closeOutbound();
        } catch (IOException | RuntimeException e) {
            // the handshake failed already; the alert is a courtesy
        }
    }

    /**
     * Decrypts into {@code b} when it can hold a whole record, else into {@code appIn}.
     *
     * @return bytes delivered into {@code b}, or -1 at the end of the stream
     */
    private int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (appIn.hasRemaining()) {
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            boolean direct = len >= appRecord;
            ByteBuffer target = direct ? ByteBuffer.wrap(b, off, len) : appIn.clear();
            netIn.flip();
            SSLEngineResult result;
            try {
                do {
                    result = engine.unwrap(netIn, target);
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                            || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        netIn.compact();
                        try {
                            wrapAndSend(EMPTY); // e.g. answering the peer's key update
                        } finally {
                            netIn.flip();
                        }
                    }
                } while (result.getStatus() == SSLEngineResult.Status.OK && netIn.hasRemaining()
                        && target.remaining() >= appRecord);
            } finally {
                netIn.compact();
                if (!direct) {
                    appIn.flip();
                }
            }
            int produced = direct ? target.position() - off : appIn.remaining();
            switch (result.getStatus()) {
                case CLOSED -> inboundDone = true;
                case BUFFER_UNDERFLOW -> {
                    if (produced == 0 && !fill(false)) {
                        inboundDone = true;
                        if (netIn.position() > 0) {
                            throw new EOFException("the peer closed the connection in the middle of a TLS record");
                        }
                    }
                }
                case BUFFER_OVERFLOW -> {
                    if (produced == 0 && !direct) {
                        throw new SSLException("TLS record larger than the engine announced");
                    }
                    if (produced == 0) {
                        len = Math.min(len, appRecord - 1); // decrypt into the internal buffer instead
                    }
                }
                case OK -> {
                    // deliver what was decrypted, or read more
                }
            }
            if (direct && produced > 0) {
                return produced;
            }
        }
    }

    private final class Input extends InputStream {

        private final Object readLock = new Object();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (readLock) {
                return TlsStreams.this.read(b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer source = ByteBuffer.wrap(b, off, len);
            synchronized (writeLock) {
                while (source.hasRemaining()) {
                    SSLEngineResult result = wrapAndSend(source);
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS connection is closed");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
