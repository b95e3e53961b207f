package dev.tlskit.engine.starttls;

import java.io.IOException;
import java.util.List;

/**
 * A STARTTLS prelude failed before TLS began. The message is one line that quotes what the server said
 * ({@code smtp: the server does not offer STARTTLS: its EHLO reply was "250-mx.example.com | 250 SIZE 1024"}).
 */
public final class PreludeException extends IOException {
    /** The ways a plaintext prelude fails, which a user acts on differently. */
    public enum Reason {
        /** The server speaks the protocol but does not offer STARTTLS (or refuses it as unknown). */
        NOT_OFFERED,
        /** The server answered with an error (a 4xx/5xx reply, {@code NO}, {@code -ERR}, an LDAP result code). */
        ERROR_REPLY,
        /** The server closed the connection in the middle of the prelude. */
        CLOSED,
        /** What the server said is not this protocol (an SMTP greeting where IMAP was expected, a TLS record). */
        NOT_THIS_PROTOCOL,
        /** The server said nothing (more) before the deadline. */
        TIMED_OUT
    }

    private final Reason reason;
    private final List<PreludeLine> transcript;

    PreludeException(Reason reason, String message, List<PreludeLine> transcript, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.transcript = List.copyOf(transcript);
    }

    public Reason reason() {
        return reason;
    }

    /** What was said before the failure, both ways, in order. */
    public List<PreludeLine> transcript() {
        return transcript;
    }
}
