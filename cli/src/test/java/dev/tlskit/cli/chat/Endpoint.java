package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.cli.command.ChatHooks;
import dev.tlskit.cli.interop.Interop;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One in-process {@code tlskit chat} in line mode: its input is fed line by line, its output is waited on. */
final class Endpoint implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*:(\\d+)");

    final Capture out = new Capture();
    final Capture err = new Capture();
    private final Feed input = new Feed();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final String[] args;

    private Endpoint(String[] args) {
        this.args = args;
        Thread t = new Thread(() -> {
            try {
                exit.complete(ChatHooks.run(input, new PrintWriter(out, true), new PrintWriter(err, true), args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "chat-test-" + String.join("-", args));
        t.setDaemon(true);
        t.start();
    }

    static Endpoint start(String... args) {
        return new Endpoint(args);
    }

    /** The port from the listener's "listening on" line. */
    int port() throws InterruptedException {
        return Integer.parseInt(err.await(LISTENING, this).group(1));
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
        return exit.isDone();
    }

    int awaitExit() throws Exception {
        try {
            return exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("tlskit " + String.join(" ", args) + " did not end" + describe(), e);
        }
    }

    String describe() {
        return "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }

    @Override
    public void close() {
        input.end(); // line mode ends at EOF: nothing keeps running after a test
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

    /** Text the chat writes; tests wait for a pattern in it, and fail with the endpoint's story if it never comes. */
    static final class Capture extends Interop.Capture {
        /** Waits for {@code p}; fails with everything {@code e} printed if it does not come. */
        Matcher await(Pattern p, Endpoint e) throws InterruptedException {
            Matcher m = await(p, WAIT, e::exited);
            if (m == null) {
                fail("no /" + p + "/ within " + WAIT + (e.exited() ? " (it exited)" : "") + e.describe());
            }
            return m;
        }

        Matcher await(String literal, Endpoint e) throws InterruptedException {
            return await(Pattern.compile(Pattern.quote(literal)), e);
        }
    }
}
