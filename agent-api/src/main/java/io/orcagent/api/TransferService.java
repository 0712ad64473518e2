package io.orcagent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Agent-to-agent streaming for one seed: the target opens a one-shot receiver on the agent's
 * {@code seed-port}, the source connects and streams. The runtime adds TLS, an end-to-end checksum,
 * byte counting for progress, the bandwidth cap and cancellation; the plugin only produces or
 * consumes bytes.
 */
public interface TransferService {

    /**
     * Opens the receiving end for a seed (target side, Prepare stage). The listener accepts one
     * connection that names this seed id.
     *
     * @param seedId the seed
     * @return the receiver; closing it closes the listener
     * @throws IOException when the port cannot be bound
     */
    Receiver receive(long seedId) throws IOException;

    /**
     * Connects to the target's receiver (source side, Backup stage).
     *
     * @param seedId the seed
     * @param targetHost the target host
     * @return a stream to write the data to; closing it completes the transfer (checksum trailer)
     * @throws IOException when the receiver cannot be reached
     */
    OutputStream send(long seedId, String targetHost) throws IOException;

    /**
     * The receiving end of a transfer.
     */
    interface Receiver extends AutoCloseable {

        /**
         * Waits for the sender and returns the data stream; it ends at the sender's end of data and
         * throws {@link IOException} if the checksum does not match.
         *
         * @return the data
         * @throws IOException on failure or abort
         */
        InputStream await() throws IOException;

        /** Closes the listener and any connection. */
        @Override
        void close();
    }
}
