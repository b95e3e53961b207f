package dev.tlskit.cli.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits one connection's byte stream into what to echo and the control lines wolfSSL's echoserver knows:
 * {@code quit} (shut the server down), {@code break} (close this session), and a line starting {@code GET }
 * (answer a small HTTP page). Unlike wolfSSL, which looks only at the start of each record, it finds them at the
 * start of any line, however the bytes were split into records. Only the bytes of a line that could still become
 * a control line are held back (at most 6), so echoing stays a stream.
 */
final class EchoControl {
    /** What a chunk of input asks for besides the echo. */
    enum Command { NONE, QUIT, BREAK, GET }

    private static final byte[][] CONTROL = {
        "quit\n".getBytes(StandardCharsets.US_ASCII), "quit\r\n".getBytes(StandardCharsets.US_ASCII),
        "break\n".getBytes(StandardCharsets.US_ASCII), "break\r\n".getBytes(StandardCharsets.US_ASCII),
        "GET ".getBytes(StandardCharsets.US_ASCII),
    };

    /** The most bytes one feed() may append beyond its input: those held back from earlier calls, plus one. */
    static final int MAX_HELD = longest();

    /**
     * Room for the longest control line ({@code break\r\n}, 7 bytes): its last byte is stored before it matches.
     * Between calls at most 6 bytes stay held.
     */
    private final byte[] held = new byte[MAX_HELD];
    private int heldLength;
    /** Whether the current line is still a possible control line (true at the start of every line). */
    private boolean candidate = true;

    /**
     * Consumes {@code in}; appends the bytes to echo to {@code echo} and returns the first command found (the
     * bytes after a command are not consumed: the session ends there).
     */
    Command feed(ByteBuffer in, ByteBuffer echo) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (!candidate) {
                echo.put(b);
                if (b == '\n') {
                    candidate = true;
                }
                continue;
            }
            held[heldLength++] = b;
            Command c = match();
            if (c != Command.NONE) {
                heldLength = 0;
                return c;
            }
            if (!isPrefixOfControl()) {
                echo.put(held, 0, heldLength);
                heldLength = 0;
                candidate = b == '\n';
            }
        }
        return Command.NONE;
    }

    private static int longest() {
        int n = 0;
        for (byte[] c : CONTROL) {
            n = Math.max(n, c.length);
        }
        return n;
    }

    private Command match() {
        for (int i = 0; i < CONTROL.length; i++) {
            byte[] c = CONTROL[i];
            if (heldLength == c.length && startsWith(c)) {
                return i < 2 ? Command.QUIT : i < 4 ? Command.BREAK : Command.GET;
            }
        }
        return Command.NONE;
    }

    private boolean isPrefixOfControl() {
        for (byte[] c : CONTROL) {
            if (heldLength < c.length && startsWith(c)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWith(byte[] c) {
        for (int i = 0; i < heldLength; i++) {
            if (held[i] != c[i]) {
                return false;
            }
        }
        return true;
    }
}
