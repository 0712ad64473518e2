package io.orcagent.runtime.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy between a source and a target that flips one bit of the byte at a given offset of the
 * source-to-target direction, standing in for corruption on the way.
 */
final class CorruptingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long corruptAt;
    private volatile Socket client;
    private volatile Socket server;

    CorruptingProxy(String address, int port, InetSocketAddress upstream, long corruptAt) throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        this.upstream = upstream;
        this.corruptAt = corruptAt;
        Thread.ofVirtual().name("corrupting-proxy").start(this::serveOne);
    }

    private void serveOne() {
        try {
            client = listener.accept();
            server = new Socket();
            server.connect(upstream, 5000);
            Thread.ofVirtual().start(() -> copy(client, server, corruptAt));
            copy(server, client, -1);
        } catch (IOException e) {
            close();
        }
    }

    private void copy(Socket from, Socket to, long flipAt) {
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (flipAt >= offset && flipAt < offset + n) {
                    buffer[(int) (flipAt - offset)] ^= 0x01;
                }
                offset += n;
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {listener, client, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // tearing down the test proxy
            }
        }
    }
}
