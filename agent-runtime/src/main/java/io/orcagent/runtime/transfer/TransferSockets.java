package io.orcagent.runtime.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Socket set-up shared by both ends: listening, options, addresses. */
final class TransferSockets {

    private TransferSockets() {
    }

    /**
     * Binds the one-shot listener. SO_REUSEADDR lets a new seed bind while connections of the previous
     * one linger in TIME_WAIT.
     */
    static ServerSocket listen(String bindAddress, int port) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address, port), 16);
            return listener;
        } catch (BindException e) {
            close(listener);
            throw new IOException("cannot listen on " + hostPort(bindAddress, port) + " for seed transfers: "
                    + e.getMessage() + " (is another program using seed-port?)", e);
        } catch (IOException e) {
            close(listener);
            throw e;
        }
    }

    /**
     * Options for bulk streaming. Nagle stays on (every write is large); the kernel's buffer auto-tuning
     * is left alone because a fixed SO_SNDBUF/SO_RCVBUF would switch it off and cap the buffers at
     * {@code net.core.[rw]mem_max}.
     */
    static void tune(Socket socket) throws IOException {
        socket.setTcpNoDelay(false);
        socket.setKeepAlive(true);
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static void close(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // closing to give up: nothing left to do with it
        }
    }
}
