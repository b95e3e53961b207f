package dev.tlskit.cli.chat;

import dev.tlskit.cli.Tlskit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One in-process {@code tlskit chat} in line mode: its input is fed line by line, its output is waited on. */
final class Endpoint implements AutoCloseable {
    private final Feed input = new Feed();
    private final Tlskit.Background run;

    private Endpoint(String[] args) {
        run = Tlskit.start(input, args);
    }

    static Endpoint start(String... args) {
        return new Endpoint(args);
    }

    /** The port from the listener's "listening on" line. */
    int port() throws InterruptedException {
        return run.port();
    }

    /** Types a line (as if piped). */
    void type(String line) {
        input.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the input (EOF). */
    void endInput() {
        input.end();
    }

    boolean exited() {
        return run.exited();
    }

    int awaitExit() throws Exception {
        return run.await().exitCode();
    }

    String out() {
        return run.out();
    }

    String err() {
        return run.err();
    }

    Matcher awaitOut(String literal) throws InterruptedException {
        return run.awaitOut(Pattern.compile(Pattern.quote(literal)));
    }

    Matcher awaitOut(Pattern p) throws InterruptedException {
        return run.awaitOut(p);
    }

    Matcher awaitErr(String literal) throws InterruptedException {
        return run.awaitErr(Pattern.compile(Pattern.quote(literal)));
    }

    Matcher awaitErr(Pattern p) throws InterruptedException {
        return run.awaitErr(p);
    }

    String describe() {
        return "\n" + run.describe();
    }

    @Override
    public void close() throws InterruptedException {
        input.end(); // line mode ends at EOF: nothing keeps running after a test
        run.close();
    }

    /** A line-mode stdin fed by the test. */
    static final class Feed extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        void add(byte[] b) {
            chunks.add(b);
        }

        void end() {
            chunks.add(EOF);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            while (pos == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (current == EOF) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
