package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.ContentType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * The one failure path of every transport (blocking TLS, the event loop, DTLS): what a failed connection tells its
 * peer before it closes. RFC 8446 section 6.2 and RFC 5246 section 7.2 prescribe a fatal alert for every protocol
 * failure; the providers do not always write it:
 * <ul>
 *   <li>SunJSSE queues no alert when a delegated task fails (a ClientHello whose lengths do not add up), and closing
 *       its engine mid-handshake then says a <em>warning</em> {@code user_canceled} and {@code close_notify};</li>
 *   <li>BCJSSE names the alert in its exception but never hands the record out through {@code wrap}.</li>
 * </ul>
 * So: whatever alert the provider produced is sent first; if it produced none and no keys protect this endpoint's
 * records yet, the alert the failure calls for is written here, in plaintext; once keys are in use the connection
 * closes without a misleading plaintext alert. During the handshake the engine's outbound side is closed without
 * wrapping again, so a protocol failure never turns into {@code user_canceled} or a bare {@code close_notify}; after
 * it, the provider's own (encrypted) alert goes out as the engine closes.
 */
public final class Farewell {
    /** A provider's pending alert is a record or two; more wraps than this means it has nothing to say. */
    private static final int MAX_WRAPS = 4;
    /** Netty's exception for a record it refused before BoringSSL read it (named: see neverReachedTheProvider). */
    private static final String NOT_SSL_RECORD = "io.netty.handler.ssl.NotSslRecordException";
    private static final int DTLS_1_2 = 0xFEFD;
    private static final int TLS_1_2 = 0x0303;
    /** SunJSSE's words for a message that does not parse. */
    private static final Pattern UNPARSABLE = Pattern.compile(
            "insufficient|unexpected end|invalid|malformed|too (long|short|large|big)|length|decode|incomplete");

    /** Where the farewell goes: the transport's core. */
    public interface Output {
        /** Wraps nothing once (the provider's pending records); returns the bytes produced. */
        int wrapOnce() throws SSLException;

        /** Sends {@code record}, made here, as if the engine had wrapped it (the observer sees it too). */
        void writeOwn(ByteBuffer record) throws IOException;
    }

    private Farewell() {}

    /**
     * Says goodbye after {@code cause} ended the connection: sends the provider's alert, or the prescribed one.
     *
     * @return the alert this endpoint sent, as far as the wire shows it (null: none, or an encrypted one)
     */
    public static Alert after(Throwable cause, SSLEngine engine, WireObserver observer, boolean datagram,
            Output out) {
        try {
            if (!isLocalProtocolFailure(cause, observer)) {
                return null;
            }
            if (observer.handshakeComplete()) {
                if (neverReachedTheProvider(cause)) {
                    // Netty refused the record before BoringSSL read it: BoringSSL has no alert to encrypt, and
                    // what its wrap would say now is a close_notify, which tells of an orderly end. Just close.
                    return null;
                }
                // Every record is protected now: the provider's pending alert (bad_record_mac, record_overflow...)
                // is all there is to say, and SunJSSE hands it out only once its outbound side is closed.
                engine.closeOutbound();
                for (int i = 0; i < MAX_WRAPS && !engine.isOutboundDone(); i++) {
                    if (out.wrapOnce() == 0) {
                        break;
                    }
                }
                return null;
            }
            Alert before = observer.sentAlert();
            if (before != null && before.isFatal()) {
                // The provider's alert is out already (Netty's engine hands it out before it throws the failure,
                // and the driver wrapped it as the unwrap asked): a second one of ours would contradict it.
                return before;
            }
            int produced = 0;
            for (int i = 0; i < MAX_WRAPS; i++) {
                int n;
                try {
                    n = out.wrapOnce();
                } catch (SSLException | RuntimeException repeated) {
                    break; // SunJSSE rethrows the failure instead of wrapping: it has no alert
                }
                if (n == 0) {
                    break;
                }
                produced += n;
            }
            Alert now = observer.sentAlert();
            if (produced > 0 && now != before && now != null && now.isFatal()) {
                return now; // the provider's own plaintext alert went out
            }
            if (observer.sendingProtected()) {
                return null; // keys are in use: whatever the provider encrypted is all the peer gets
            }
            Alert ours = Alert.fatal(descriptionFor(cause));
            out.writeOwn(record(ours, datagram, observer.nextPlainSequence()));
            return ours;
        } catch (IOException | RuntimeException e) {
            return null; // best effort: the peer may be gone; the first failure is the one reported
        } finally {
            // Closed without another wrap: mid-handshake SunJSSE would answer it with user_canceled.
            engine.closeOutbound();
        }
    }

    /**
     * Whether this endpoint detected the failure (and owes the peer an alert): not a network failure, not the peer
     * closing or sending a fatal alert of its own.
     */
    static boolean isLocalProtocolFailure(Throwable cause, WireObserver observer) {
        if (!(cause instanceof SSLException) || cause instanceof PeerClosed) {
            return false;
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TlsFatalAlertReceived || String.valueOf(c.getMessage()).contains("Received fatal alert")) {
                return false;
            }
        }
        Alert received = observer.receivedAlert();
        return received == null || !received.isFatal();
    }

    /**
     * Whether the failure is Netty's refusal of a record BoringSSL never read: a content type TLS does not have, a
     * zero length or a version not 3.x in the record header ({@code NotSslRecordException}).
     */
    static boolean neverReachedTheProvider(Throwable cause) {
        // By name: an instanceof would load Netty's classes on every provider's failure path
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c.getClass().getName().equals(NOT_SSL_RECORD)) {
                return true;
            }
        }
        return false;
    }

    /** The alert RFC 8446 section 6.2 calls for after {@code cause}. */
    static AlertDescription descriptionFor(Throwable cause) {
        if (neverReachedTheProvider(cause)) {
            return AlertDescription.UNEXPECTED_MESSAGE; // RFC 8446 section 5: a record not expected here
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof ProtocolViolation v) {
                return v.alert();
            }
            if (c instanceof TlsFatalAlert f) {
                AlertDescription d = AlertDescription.of(f.getAlertDescription());
                if (d != null) {
                    return d;
                }
            }
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            AlertDescription named = Failures.alertNamedIn(c.getMessage());
            if (named != null && named != AlertDescription.CLOSE_NOTIFY && named != AlertDescription.USER_CANCELED) {
                return named;
            }
        }
        String m = String.valueOf(Failures.message(cause)).toLowerCase(Locale.ROOT);
        return UNPARSABLE.matcher(m).find() ? AlertDescription.DECODE_ERROR : AlertDescription.HANDSHAKE_FAILURE;
    }

    /** A plaintext alert record: TLS (5-byte header) or DTLS (13 bytes: epoch 0 and a sequence number). */
    static ByteBuffer record(Alert alert, boolean datagram, long sequence) {
        ByteBuffer b = ByteBuffer.allocate(datagram ? 15 : 7);
        b.put((byte) ContentType.ALERT.code());
        b.putShort((short) (datagram ? DTLS_1_2 : TLS_1_2));
        if (datagram) {
            b.putShort((short) 0); // epoch 0
            b.putShort((short) (sequence >>> 32));
            b.putInt((int) sequence);
        }
        b.putShort((short) 2);
        b.put(alert.body());
        return b.flip();
    }
}
