package io.orcagent.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Agent-to-agent streaming for one seed, replacing socat. The plugin names the commands that produce
 * and consume the bytes; the runtime owns everything in between: a one-shot listener on the target's
 * {@code seed-port}, a handshake naming the seed (connections for another seed are refused), optional
 * TLS with the agents' certificates, an end-to-end checksum, byte counting for progress, the configured
 * bandwidth cap, and cancellation.
 *
 * <p>The receiving side belongs to the <em>seed</em>, not to a stage: it is opened in Prepare on the
 * target, keeps consuming while the source runs Backup, and is awaited in Restore. The runtime closes it
 * (killing its consumer) when the seed is aborted on this agent, when Cleanup ends, or when another seed
 * starts.
 */
public interface TransferService {

    /**
     * Target side (usually in Prepare): opens the listener for this seed and starts the consumer in the
     * background; the received bytes become the consumer's stdin. A receiver this agent still holds for
     * the same seed is closed first (a retried Prepare).
     *
     * @param stage the stage opening it (its seed id names the transfer)
     * @param consumer e.g. {@code mbstream -x -C <datadir>} or {@code tar -x -C <datadir>}
     * @return the receiver
     * @throws IOException when the port cannot be bound or the consumer cannot start
     */
    Receiver receive(StageContext stage, Command consumer) throws IOException;

    /**
     * The receiver this agent holds for a seed (Restore looks it up).
     *
     * @param seedId the seed
     * @return the receiver, if one is open or finished and not yet closed
     */
    Optional<Receiver> receiver(long seedId);

    /**
     * Source side (in Backup): runs the producer and streams its stdout to the target's receiver,
     * reporting bytes to {@code stage.progress()}; returns once the target confirmed it received every
     * byte with a matching checksum.
     *
     * @param stage the Backup stage (cancellation stops the producer and the connection)
     * @param targetHost the target agent's host (validated)
     * @param producer e.g. {@code mariabackup --backup --stream=xbstream …}
     * @return what was sent
     * @throws IOException when the target cannot be reached, refuses, or reports a checksum mismatch
     * @throws CommandFailedException when the producer fails (its stderr tail in the message)
     * @throws InterruptedException when interrupted
     * @throws StageAbortedException when the stage was aborted
     */
    TransferResult send(StageContext stage, String targetHost, Command producer)
            throws IOException, CommandFailedException, InterruptedException, StageAbortedException;

    /**
     * The receiving end of one seed's transfer.
     */
    interface Receiver extends AutoCloseable {

        /**
         * The seed it belongs to.
         *
         * @return the seed id
         */
        long seedId();

        /**
         * Bytes received so far.
         *
         * @return bytes
         */
        long bytesReceived();

        /**
         * Waits until the sender finished, the checksum was verified and the consumer exited.
         *
         * @param timeout how long to wait at most
         * @return what was received
         * @throws IOException on a checksum mismatch, a broken connection, a consumer failure (with its
         *     stderr tail), a timeout, or when the receiver was closed
         * @throws InterruptedException when interrupted
         */
        TransferResult await(Duration timeout) throws IOException, InterruptedException;

        /** Closes the listener and connection and kills the consumer if it still runs. */
        @Override
        void close();
    }

    /**
     * A finished transfer.
     *
     * @param bytes payload bytes transferred
     * @param checksum the verified end-to-end checksum, as text
     */
    record TransferResult(long bytes, String checksum) {
    }
}
