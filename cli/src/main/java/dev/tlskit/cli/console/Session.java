package dev.tlskit.cli.console;

import dev.tlskit.cli.ExitCode;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.model.TlsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** One chat on one connection, after the names are exchanged. The reader thread reads; the main thread writes. */
final class Session {
    /** How a chat ended: an exit code, a word for scripts and a sentence for people. */
    record Outcome(int exitCode, String reason, String detail) {}

    private static final int MAX_NAME_CHARS = 32;

    final TlsConnection connection;
    final String peer;
    final String address;
    private final BoundedLines lines;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean localQuit;

    private Session(TlsConnection connection, String peer, String address, BoundedLines lines) {
        this.connection = connection;
        this.peer = peer;
        this.address = address;
        this.lines = lines;
    }

    /**
     * Exchanges names: the client sends its name first, the server answers with its own. The peer has
     * {@code nameTimeout} to send its name; on any failure the connection is closed and an IOException says why.
     */
    static Session open(TlsConnection c, boolean clientSide, String localName, Duration nameTimeout, String address)
            throws IOException {
        try {
            BoundedLines lines = new BoundedLines(c.inputStream());
            c.readTimeout(nameTimeout);
            if (clientSide) {
                c.write((localName + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String name;
            try {
                name = lines.next(Chat.MAX_NAME_BYTES);
            } catch (BoundedLines.TooLongException e) {
                throw new IOException("sent a name longer than " + Chat.MAX_NAME_BYTES + " bytes");
            } catch (TlsException e) {
                if (e.reason() == TlsException.Reason.TIMED_OUT) {
                    throw e.withMessage("sent no name within " + seconds(nameTimeout));
                }
                throw e;
            }
            if (name == null) {
                throw new TlsException(TlsException.Kind.NETWORK, "closed the connection before sending a name",
                        null);
            }
            if (!clientSide) {
                c.write((localName + "\n").getBytes(StandardCharsets.UTF_8));
            }
            c.readTimeout(Duration.ZERO); // a person may stay silent for as long as they like
            return new Session(c, cleanName(name), address, lines);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Reads until the chat ends, reporting each line; closes the connection (close_notify) before returning. */
    Outcome readLoop(ChatUi ui) {
        Outcome outcome;
        try {
            while (true) {
                String line = lines.next(Chat.MAX_LINE_BYTES);
                if (line == null) {
                    if (localQuit) {
                        outcome = new Outcome(ExitCode.OK, "quit", "you left the chat with " + peer);
                    } else if (connection.truncated()) {
                        outcome = new Outcome(ExitCode.NETWORK, "eof", peer + " disconnected without close_notify");
                    } else {
                        outcome = new Outcome(ExitCode.OK, "left", peer + " left the chat");
                    }
                    break;
                }
                if (line.equals(Chat.QUIT)) {
                    outcome = new Outcome(ExitCode.OK, "quit", peer + " left the chat (quit)");
                    break;
                }
                ui.message(peer, line);
            }
        } catch (BoundedLines.TooLongException e) {
            outcome = new Outcome(ExitCode.NETWORK, "too-long", peer + " sent a line longer than " + Chat.MAX_LINE_BYTES / 1024
                    + " KiB (the limit); chat closed");
        } catch (IOException e) {
            outcome = localQuit ? new Outcome(ExitCode.OK, "quit", "you left the chat with " + peer)
                    : new Outcome(ExitCode.NETWORK, "error", "connection to " + peer + " failed: " + e.getMessage());
        }
        close();
        return outcome;
    }

    void send(String line) throws TlsException {
        connection.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Says {@code quit}, then close_notify: the reader thread sees the end and reports it. */
    void quit() {
        localQuit = true;
        try {
            send(Chat.QUIT);
        } catch (TlsException e) {
            // The peer is gone already; closing still tidies up.
        }
        close();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }

    private static String cleanName(String raw) {
        String name = Text.printable(raw.strip());
        if (name.isEmpty()) {
            return "anonymous";
        }
        return name.codePointCount(0, name.length()) <= MAX_NAME_CHARS ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS)) + "\u2026";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }
}
