/**
 * Agent-to-agent streaming for seed methods ({@link io.orcagent.api.TransferService}), replacing socat.
 *
 * <p>The target opens a one-shot listener on {@code seed-port} at the agent's {@code bind-address} and
 * starts the plugin's consumer; the source runs the plugin's producer and streams its stdout to the
 * listener; the receiver writes the bytes to the consumer's stdin. The listener belongs to the seed: it
 * stays open after the stage that opened it and is closed by
 * {@link io.orcagent.runtime.seed.SeedResources#release(long)}, by a new receiver, or as soon as the one
 * valid connection for its seed has been accepted.
 *
 * <h2>Wire protocol (version 1)</h2>
 *
 * <p>All integers are big-endian. Messages are {@link java.io.DataOutput#writeUTF(String) modified UTF-8
 * strings} (2-byte length, then the bytes), at most 2000 characters. With {@code transfer-use-tls} the
 * whole exchange runs inside TLS (the target presents the agent certificate; with
 * {@code transfer-mutual-tls} the source must present one too, verified against {@code ssl-ca-file}).
 *
 * <ol>
 *   <li>Source → target, the header (14 bytes): magic {@code 0x4F415846} ("OAXF", int32), protocol version
 *       ({@code 1}, int16), seed id (int64).</li>
 *   <li>Target → source, the answer: {@code 0} (accepted), or {@code 1} followed by a message (refused:
 *       another seed, an unknown version, not this protocol, or another connection already streams this
 *       seed). A refused connection is closed; the listener keeps waiting for the right one.</li>
 *   <li>Source → target, frames: an int32 length {@code n}, then
 *     <ul>
 *       <li>{@code n > 0} (at most 1 MiB): {@code n} payload bytes;</li>
 *       <li>{@code n == 0}: the end marker, followed by the payload byte count (int64) and the CRC32C of
 *           all payload bytes (int32);</li>
 *       <li>{@code n == -1}: the source gives up, followed by a message (its producer failed).</li>
 *     </ul></li>
 *   <li>Target → source, the reply, once: {@code 0} (every byte arrived, the checksum matched and the
 *       consumer exited with 0), or {@code 1} followed by a message (checksum mismatch, consumer failure,
 *       receiver closed). A consumer that exits with 0 before the end marker (tar stops reading at its
 *       end-of-archive blocks) is judged when the end marker arrives: the transfer fails only if payload
 *       followed its exit (counted and discarded, never written) or the checksum differs; a consumer that
 *       exits with another status fails the transfer at once.
 *       The target may send an error reply at any time during the stream; the source
 *       reads replies concurrently and stops sending when one arrives. The source's
 *       {@code send()} returns only after {@code 0}.</li>
 * </ol>
 *
 * <p>The checksum is CRC32C (hardware accelerated; a cryptographic hash would cap the throughput). It
 * detects accidental corruption and truncation end to end, including inside the producer's and
 * consumer's pipes on the agents; protection against deliberate tampering on the network is TLS's job.
 *
 * <p>The bandwidth cap ({@code transfer-bandwidth-limit}) is enforced by the sender, so it applies to
 * every streaming seed method.
 */
package io.orcagent.runtime.transfer;
