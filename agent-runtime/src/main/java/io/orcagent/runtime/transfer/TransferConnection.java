package io.orcagent.runtime.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/** One transfer connection: plain TCP, or TLS over it once the handshake has completed. */
final class TransferConnection implements Closeable {

    private static final List<String> FAST_FIRST = List.of("TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");

    private final Socket socket;
    private final TlsStreams tls;
    private final InputStream in;
    private final OutputStream out;

    private TransferConnection(Socket socket, TlsStreams tls) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.in = tls == null ? socket.getInputStream() : tls.input();
        this.out = tls == null ? socket.getOutputStream() : tls.output();
    }

    static TransferConnection plain(Socket socket) throws IOException {
        return new TransferConnection(socket, null);
    }

    /**
     * The target's side of the TLS handshake. With mutual TLS the source's certificate is <em>wanted</em>
     * rather than needed: a certificate that is presented is still verified in the handshake, but a missing
     * one is refused by the receiver with a message inside the protocol, which the source can show (a
     * failed TLS 1.3 handshake often reaches it only as a broken pipe).
     */
    static TransferConnection accepted(Socket socket, TransferTls settings) throws IOException {
        SSLEngine engine = settings.context().createSSLEngine(socket.getInetAddress().getHostAddress(),
                socket.getPort());
        engine.setUseClientMode(false);
        engine.setWantClientAuth(settings.mutual());
        preferFastCiphers(engine, false);
        return handshaken(socket, engine);
    }

    /** The source's side of the TLS handshake; the target's certificate must name {@code host}. */
    static TransferConnection connected(Socket socket, String host, int port, TransferTls settings)
            throws IOException {
        SSLEngine engine = settings.context().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        preferFastCiphers(engine, true);
        return handshaken(socket, engine);
    }

    private static TransferConnection handshaken(Socket socket, SSLEngine engine) throws IOException {
        TlsStreams streams = new TlsStreams(socket, engine);
        streams.handshake();
        return new TransferConnection(socket, streams);
    }

    /**
     * Puts AES-128-GCM first (AES-256-GCM, the JDK's first choice, costs 40% more per byte), then
     * ChaCha20-Poly1305; every other enabled suite stays enabled after them.
     */
    private static void preferFastCiphers(SSLEngine engine, boolean verifyHostName) {
        List<String> enabled = List.of(engine.getEnabledCipherSuites());
        List<String> ordered = new ArrayList<>();
        for (String fast : FAST_FIRST) {
            if (enabled.contains(fast)) {
                ordered.add(fast);
            }
        }
        enabled.stream().filter(suite -> !ordered.contains(suite)).forEach(ordered::add);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setCipherSuites(ordered.toArray(new String[0]));
        parameters.setUseCipherSuitesOrder(true);
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        engine.setSSLParameters(parameters);
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    void timeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    /** For log lines: {@code plain TCP} or the TLS protocol and cipher suite. */
    String describe() {
        return tls == null ? "plain TCP" : tls.session().getProtocol() + " " + tls.session().getCipherSuite();
    }

    /** Whether the TLS peer presented a certificate that the handshake verified. */
    boolean peerCertified() {
        if (tls == null) {
            return false;
        }
        try {
            return tls.session().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    /** Half-closes: the peer reads the end of the stream, this side can still read. */
    void endOutput() throws IOException {
        if (tls != null) {
            tls.closeOutbound();
        }
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        TransferSockets.close(socket);
    }
}
