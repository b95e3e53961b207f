package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.ContentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DTLS: our last handshake flight, kept after the handshake so that it goes out again when the peer shows it was
 * lost. The side that sends the last flight (the server in a full handshake, the client in an abbreviated one) has
 * no timer for it: when the peer resends its own final flight, ours was lost, and RFC 6347 section 4.2.4 has it
 * resent. SunJSSE (17 and 25) does not: an engine whose handshake is over unwraps the peer's retransmission and
 * stays NOT_HANDSHAKING; it only sends its last flight twice at once. With the same record lost from both copies
 * the handshake never completes. Seen on Java 25, whose server flight (NewSessionTicket, ChangeCipherSpec, Finished)
 * is three datagrams where 17's is four (its ticket takes two): losing every third datagram lost the Finished twice.
 *
 * <p>A flight is the datagrams wrapped between two records from the peer; SunJSSE's second copy (wrapped right
 * after a Finished) starts a new one, so what is resent is the last copy. The peer's flight shows up as a
 * ChangeCipherSpec record after the handshake (one per flight); its application data means it has ours, and the
 * copy is dropped. Wraps and {@link #received} are serialised by the caller, as {@link DatagramCore}'s are.
 */
final class LastFlight {
    /** A DTLS record header: its length field ends at byte 13. */
    private static final int HEADER = RecordStream.DTLS_RECORD_HEADER;
    /** Resends at most: a peer that keeps repeating its flight is not answered forever. */
    private static final int MAX_RESENDS = 8;

    private final List<ByteBuffer> building = new ArrayList<>();
    private List<ByteBuffer> kept = List.of();
    private boolean startNew;
    private int resends;

    /** A record from the peer moved the handshake on, or our timer resends a flight: the next wrap starts anew. */
    void flightEnded() {
        startNew = true;
    }

    /**
     * A handshake datagram we sent ({@code datagram}'s position..limit, copied).
     *
     * @param finishedHandshake whether this wrap completed the handshake: we sent the last flight
     */
    void wrapped(ByteBuffer datagram, boolean finishedHandshake) {
        if (startNew) {
            building.clear();
            startNew = false;
        }
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
        copy.put(datagram.duplicate()).flip();
        building.add(copy);
        if (holdsProtectedHandshake(datagram)) {
            startNew = true; // a Finished ends a copy of the flight; SunJSSE may wrap a second one
        }
        if (finishedHandshake) {
            kept = List.copyOf(building);
            building.clear();
        }
    }

    /** A datagram from the peer after the handshake: resends our flight if it is the peer's retransmission. */
    void received(ByteBuffer datagram, DatagramCore.Sender sender, WireObserver observer) throws IOException {
        if (kept.isEmpty()) {
            return;
        }
        if (holds(datagram, ContentType.APPLICATION_DATA)) {
            kept = List.of(); // the peer finished its handshake, so it has our flight
            return;
        }
        if (holds(datagram, ContentType.CHANGE_CIPHER_SPEC) && resends++ < MAX_RESENDS) {
            for (ByteBuffer d : kept) {
                ByteBuffer again = d.duplicate();
                observer.sent(again.duplicate());
                sender.send(again);
            }
        }
    }

    private static boolean holds(ByteBuffer datagram, ContentType type) {
        for (int i = datagram.position(); i + HEADER <= datagram.limit(); i = next(datagram, i)) {
            if ((datagram.get(i) & 0xff) == type.code()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record of epoch 1 or later carries handshake bytes: in DTLS 1.2, a Finished. */
    private static boolean holdsProtectedHandshake(ByteBuffer datagram) {
        for (int i = datagram.position(); i + HEADER <= datagram.limit(); i = next(datagram, i)) {
            int epoch = datagram.getShort(i + 3) & 0xffff;
            if ((datagram.get(i) & 0xff) == ContentType.HANDSHAKE.code() && epoch != 0) {
                return true;
            }
        }
        return false;
    }

    /** The offset of the record after the one at {@code i}. */
    private static int next(ByteBuffer datagram, int i) {
        return i + HEADER + (datagram.getShort(i + 11) & 0xffff);
    }
}
