package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.engine.Connection;
import dev.tlskit.engine.model.TlsException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * A protocol's polite goodbye after STARTTLS, spoken inside TLS: what to send, and when the server's answer is
 * complete. Servers close the connection after it, so reading also ends at the end of the stream.
 *
 * @param sent what is sent, as a transcript shows it ({@code QUIT}; empty when the protocol has no goodbye at this
 *     point and closing is the polite way out)
 * @param bytes the bytes on the wire
 * @param complete whether the text received so far is the whole answer; null: the server answers by closing
 */
public record Goodbye(String sent, byte[] bytes, Predicate<String> complete) {
    private static final int MAX_REPLY = 64 * 1024;

    public Goodbye {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A line command ({@code QUIT}) sent with CR LF, whose answer is complete when its last line {@code ends}. */
    static Goodbye line(String command, Predicate<String> lastLine) {
        return new Goodbye(command, (command + "\r\n").getBytes(UTF_8), text -> text.endsWith("\n")
                && lastLine.test(lastLine(text)));
    }

    /**
     * Sends the goodbye on {@code c} and reads the answer until it is complete or the server closes (bounded by
     * the connection's read timeout).
     *
     * @return the answer's lines, without their line ends (the text as one line for XML)
     * @throws TlsException the connection failed, or the server said nothing more within the read timeout
     */
    public List<String> say(Connection c) throws TlsException {
        if (bytes.length == 0) {
            return List.of(); // nothing to say: the caller's close is the goodbye
        }
        c.write(bytes);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (received.size() < MAX_REPLY) {
            if (complete != null && received.size() > 0 && complete.test(received.toString(UTF_8))) {
                break;
            }
            int n = c.read(buf, 0, buf.length);
            if (n < 0) {
                break;
            }
            received.write(buf, 0, n);
        }
        String text = received.toString(UTF_8);
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    private static String lastLine(String text) {
        String t = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.substring(0, text.length() - 1);
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
