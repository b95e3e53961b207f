package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plaintext side of a socket during a prelude: lines and bytes with a deadline, a transcript of both
 * directions, and the bytes read past the last line kept for TLS. Reads are buffered (one byte at a time would be
 * a system call each), so a server that sends its first TLS bytes right behind its last line loses nothing.
 */
final class PlainChannel {
    /** Longer than any greeting or capability line a real server sends; a stream without line ends is not one. */
    private static final int MAX_LINE = 16 * 1024;

    private final String protocol;
    private final Socket socket;
    private final Instant deadline;
    private final InputStream in;
    private final OutputStream out;
    private final List<PreludeLine> transcript = new ArrayList<>();
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    PlainChannel(String protocol, Socket socket, Instant deadline) throws PreludeException {
        this.protocol = protocol;
        this.socket = socket;
        this.deadline = deadline;
        try {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new PreludeException(Reason.CLOSED, protocol + ": the connection is closed", transcript, e);
        }
    }

    /** Sends {@code line} and CRLF. */
    void sendLine(String line) throws PreludeException {
        send((line + "\r\n").getBytes(UTF_8), line);
    }

    /** Sends raw bytes, written in the transcript as {@code description}. */
    void send(byte[] bytes, String description) throws PreludeException {
        transcript.add(new PreludeLine(Direction.SENT, description));
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw fail(Reason.CLOSED, "the server closed the connection before reading \"" + description + "\"", e);
        }
    }

    /**
     * The next line, without CR LF (a bare LF ends one too), recorded in the transcript.
     *
     * @param waitingFor what the prelude expects, for the failure messages ({@code its greeting})
     */
    String readLine(String waitingFor) throws PreludeException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte(waitingFor, () -> line.size() > 0 ? line.toString(UTF_8) : null);
            if (b == '\n') {
                break;
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw fail(Reason.NOT_THIS_PROTOCOL, "no line end in " + MAX_LINE + " bytes while waiting for "
                        + waitingFor + ": " + quote(line.toString(UTF_8)), null);
            }
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text = new String(bytes, 0, n, UTF_8);
        transcript.add(new PreludeLine(Direction.RECEIVED, text));
        return text;
    }

    /** Exactly {@code n} bytes (a binary protocol's header or body); not recorded, the prelude describes them. */
    byte[] readBytes(int n, String waitingFor) throws PreludeException {
        byte[] r = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) readByte(waitingFor, () -> null);
        }
        return r;
    }

    /**
     * Text up to and including the first of {@code markers} to appear (XML, which has no lines), recorded as
     * received; {@code null} markers never match.
     */
    String readUntil(String waitingFor, String... markers) throws PreludeException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        StringBuilder tail = new StringBuilder(); // the bytes as Latin-1, to match the ASCII markers cheaply
        while (true) {
            int b = readByte(waitingFor, () -> text.size() > 0 ? text.toString(UTF_8) : null);
            text.write(b);
            tail.append((char) b);
            for (String m : markers) {
                int from = tail.length() - m.length();
                if (from >= 0 && tail.indexOf(m, from) == from) {
                    String s = text.toString(UTF_8);
                    transcript.add(new PreludeLine(Direction.RECEIVED, s.strip()));
                    return s;
                }
            }
            if (text.size() > 4 * MAX_LINE) {
                throw fail(Reason.NOT_THIS_PROTOCOL, "no end of " + waitingFor + " in " + 4 * MAX_LINE + " bytes: "
                        + quote(text.toString(UTF_8)), null);
            }
        }
    }

    /** Records a line the prelude composed itself (a binary message, described). */
    void record(Direction direction, String text) {
        transcript.add(new PreludeLine(direction, text));
    }

    /** The bytes read past the prelude, then the result. */
    PreludeResult done() {
        return new PreludeResult(transcript, Arrays.copyOfRange(buf, pos, limit));
    }

    PreludeException fail(Reason reason, String message, Throwable cause) {
        return new PreludeException(reason, protocol + ": " + message, transcript, cause);
    }

    /** {@code "250 ok"}, control characters shown as escapes, long text cut. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= 200) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    /** @param partial what the server sent of the awaited text so far (null: nothing), for the failure message */
    private int readByte(String waitingFor, Supplier<String> partial) throws PreludeException {
        if (pos < limit) {
            return buf[pos++] & 0xff;
        }
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            throw fail(Reason.TIMED_OUT, "timed out waiting for " + waitingFor + after(partial), null);
        }
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw fail(Reason.CLOSED, "the server closed the connection while we waited for " + waitingFor
                        + after(partial), null);
            }
            pos = 0;
            limit = n;
            return buf[pos++] & 0xff;
        } catch (SocketTimeoutException e) {
            throw fail(Reason.TIMED_OUT, "timed out waiting for " + waitingFor + after(partial), e);
        } catch (PreludeException e) {
            throw e;
        } catch (IOException e) {
            throw fail(Reason.CLOSED, "the connection failed while we waited for " + waitingFor + ": "
                    + e.getMessage(), e);
        }
    }

    private static String after(Supplier<String> partial) {
        String p = partial.get();
        return p == null ? "" : " (it had sent " + quote(p) + ")";
    }
}
