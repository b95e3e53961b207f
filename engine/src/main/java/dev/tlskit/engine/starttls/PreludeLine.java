package dev.tlskit.engine.starttls;

import dev.tlskit.engine.model.Direction;

/**
 * One line of a plaintext prelude as it crossed the wire, without its line end. Binary preludes (PostgreSQL,
 * MySQL, LDAP) describe their messages in words ({@code SSLRequest}, {@code 'S' (TLS accepted)}).
 */
public record PreludeLine(Direction direction, String text) {
    /** {@code C: EHLO localhost} / {@code S: 220 mx.example.com ESMTP}, as mail people write transcripts. */
    @Override
    public String toString() {
        return (direction == Direction.SENT ? "C: " : "S: ") + text;
    }
}
