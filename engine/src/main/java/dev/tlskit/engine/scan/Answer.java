package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.ServerKeyExchange;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server's first answer to one probe.
 *
 * @param kind what came back
 * @param hello the ServerHello or HelloRetryRequest ({@link Kind#SERVER_HELLO}, {@link Kind#HELLO_RETRY_REQUEST})
 * @param alert the alert ({@link Kind#ALERT}), else null
 * @param keyExchange the TLS 1.2-and-older ServerKeyExchange's group or DH size, when the probe asked for the
 *     server's flight and one came; else null
 * @param keyExchangeSignature the signature scheme of a TLS 1.2 ServerKeyExchange's signature, else -1
 * @param chain the plaintext Certificate message of a TLS 1.2-and-older flight, when asked for; else empty
 * @param detail a short human note: the I/O error, the first bytes of a non-TLS answer
 * @param millis from connect to the answer
 */
public record Answer(Kind kind, ServerHello hello, Alert alert, ServerKeyExchange keyExchange,
        int keyExchangeSignature, List<X509Certificate> chain, String detail, long millis) {

    /** What a probe's answer was. */
    public enum Kind {
        /** A ServerHello: the offer was accepted. */
        SERVER_HELLO,
        /** A TLS 1.3 HelloRetryRequest: the offer is acceptable once the client sends the named key share. */
        HELLO_RETRY_REQUEST,
        /** An SSL 2.0 SERVER-HELLO. */
        SSL2_SERVER_HELLO,
        /** An alert record: the offer was refused. */
        ALERT,
        /** The connection ended (FIN) before any answer. */
        CLOSED,
        /** The connection was reset before any answer. */
        RESET,
        /** Nothing within the probe's timeout. */
        TIMEOUT,
        /** Bytes that are not TLS records. */
        NOT_TLS,
        /** The STARTTLS prelude failed: the server refused, does not offer it, or spoke another protocol. */
        STARTTLS_FAILED,
        /** The TCP connection was refused: nothing listening. */
        REFUSED,
        /** No TCP connection for another reason (unreachable, connect timeout). */
        UNREACHABLE;

        /** {@code server-hello}, as JSON spells it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Answer {
        chain = List.copyOf(chain);
    }

    static Answer of(Kind kind, String detail, long millis) {
        return new Answer(kind, null, null, null, -1, List.of(), detail, millis);
    }

    /** Whether the server accepted the offer: a ServerHello or a HelloRetryRequest. */
    public boolean accepted() {
        return kind == Kind.SERVER_HELLO || kind == Kind.HELLO_RETRY_REQUEST || kind == Kind.SSL2_SERVER_HELLO;
    }

    /** Whether the server answered at all in TLS (an acceptance or an alert). */
    public boolean spoke() {
        return accepted() || kind == Kind.ALERT;
    }

    /** Whether no TCP connection could be made. */
    public boolean unreachable() {
        return kind == Kind.REFUSED || kind == Kind.UNREACHABLE;
    }

    /** {@code ServerHello TLS 1.2 TLS_...}, {@code alert fatal handshake_failure}, {@code timeout}. */
    public String summary() {
        return switch (kind) {
            case SERVER_HELLO, HELLO_RETRY_REQUEST -> (kind == Kind.SERVER_HELLO ? "ServerHello " : "HelloRetryRequest ")
                    + dev.tlskit.engine.wire.ProtocolVersion.nameOf(hello.negotiatedVersion()) + " "
                    + dev.tlskit.engine.wire.CipherSuite.nameOf(hello.cipherSuite());
            case ALERT -> "alert " + alert;
            default -> kind.label() + (detail != null ? ": " + detail : "");
        };
    }
}
