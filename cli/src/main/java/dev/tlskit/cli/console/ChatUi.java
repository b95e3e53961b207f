package dev.tlskit.cli.console;

import dev.tlskit.engine.model.HandshakeSummary;

/**
 * Where a chat meets its person: the main thread reads typed lines from it, the reader thread reports what arrives.
 * Every report is a whole line, safe to call from any thread while the main thread sits in {@link #readLine()}.
 */
public interface ChatUi extends AutoCloseable {
    /** Ctrl-C on the terminal: the typed line was dropped. */
    final class Cancelled extends Exception {
        private final boolean lineWasEmpty;

        public Cancelled(boolean lineWasEmpty) {
            super(null, null, false, false);
            this.lineWasEmpty = lineWasEmpty;
        }

        public boolean lineWasEmpty() {
            return lineWasEmpty;
        }
    }

    /**
     * The next line typed (or piped); null at end of input (Ctrl-D, EOF).
     *
     * @throws InterruptedException when another thread called {@link #wake(Thread)} (the chat ended)
     * @throws Cancelled on Ctrl-C
     */
    String readLine() throws InterruptedException, Cancelled;

    /** Makes {@code reader}'s {@link #readLine()} return by throwing InterruptedException. */
    default void wake(Thread reader) {
        reader.interrupt();
    }

    /** Whether lines typed while nobody is connected wait for the next peer (pipes) or are refused (a person). */
    boolean holdsLinesUntilConnected();

    /** A peer joined. */
    void connected(String peer, String address, HandshakeSummary summary);

    /** A line from the peer. */
    void message(String from, String text);

    /** A line this side sent. */
    void sent(String from, String text);

    /** A system line: listening, a failed peer, a notice. */
    void notice(String text);

    /** A chat ended: {@code reason} is a word for scripts (quit, left, eof, too-long, timeout, error). */
    void closed(String peer, String reason, String detail);

    @Override
    void close();
}
