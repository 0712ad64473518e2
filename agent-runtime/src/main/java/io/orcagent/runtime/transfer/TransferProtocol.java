package io.orcagent.runtime.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;

/** Constants and message encoding of the transfer wire protocol (see the package documentation). */
final class TransferProtocol {

    /** "OAXF": orchestrator-agent transfer. */
    static final int MAGIC = 0x4F415846;
    static final short VERSION = 1;
    static final int HEADER_BYTES = 4 + 2 + 8;
    /** Largest payload of one frame. */
    static final int MAX_FRAME = 1 << 20;
    static final int FRAME_HEADER_BYTES = 4;
    static final int END = 0;
    static final int ABORT = -1;
    static final int ACCEPTED = 0;
    static final int REFUSED = 1;
    static final int OK = 0;
    static final int ERROR = 1;
    private static final int MAX_MESSAGE_CHARS = 2000;

    private TransferProtocol() {
    }

    static byte[] header(long seedId) {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putShort(VERSION).putLong(seedId).array();
    }

    static byte[] endMarker(long bytes, int crc) {
        return ByteBuffer.allocate(4 + 8 + 4).putInt(END).putLong(bytes).putInt(crc).array();
    }

    /** A status byte followed, unless it is {@code 0}, by a message. */
    static void writeStatus(OutputStream out, int status, String message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeByte(status);
        if (status != 0) {
            data.writeUTF(bounded(message));
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    /** An abort frame: the source gives up with a reason. */
    static void writeAbort(OutputStream out, String reason) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(ABORT);
        data.writeUTF(bounded(reason));
        out.write(bytes.toByteArray());
        out.flush();
    }

    /**
     * Reads a status byte and its message.
     *
     * @return the message, or null for status {@code 0}
     * @throws java.io.EOFException when the peer closed the connection first
     * @throws ForeignAnswer when the status byte is neither 0 nor 1 (the peer speaks something else)
     */
    static String readStatus(DataInputStream in, String what) throws IOException {
        int status = in.readUnsignedByte();
        if (status == 0) {
            return null;
        }
        if (status != 1) {
            throw new ForeignAnswer("unexpected " + what + " byte " + status);
        }
        return in.readUTF();
    }

    /** The peer answered with something this protocol never sends: it speaks something else. */
    static final class ForeignAnswer extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        ForeignAnswer(String message) {
            super(message);
        }
    }

    /** A duration for messages: {@code 10s}, {@code 0.6s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0).replace(".0s", "s");
    }

    static String checksumText(int crc) {
        return String.format(Locale.ROOT, "crc32c:%08x", crc);
    }

    private static String bounded(String message) {
        String text = message == null ? "" : message;
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
