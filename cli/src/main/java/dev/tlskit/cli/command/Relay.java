package dev.tlskit.cli.command;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.cli.Report;
import dev.tlskit.engine.Connection;
import dev.tlskit.engine.model.TlsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Interactive use after the handshake, as {@code openssl s_client}: the handshake's lines first (they cannot wait
 * for the end, as the client's output otherwise does), then each line of stdin goes to the server (with
 * CR LF for the line protocols, else LF), and what the server sends goes to stdout as it arrives. Ends when
 * stdin ends (we close: close_notify) or the server closes. The server's side is read on the calling thread,
 * stdin on a daemon thread (a blocked read of a terminal cannot be interrupted, and must not keep the JVM alive).
 * An idle server is no failure here: the read timeout only bounds each wait, and the relay waits again.
 */
final class Relay {
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean crlf;

    /**
     * @param verbose print the verbose handshake lines to {@code err} too
     * @param crlf end each line sent with CR LF (SMTP, IMAP, ...; {@code --crlf}), else LF
     */
    Relay(InputStream in, PrintWriter out, PrintWriter err, boolean verbose, boolean crlf) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.crlf = crlf;
    }

    /**
     * Relays until stdin or the server ends, and closes {@code c}.
     *
     * @return what broke the connection (a reset, an alert, a failed write), or null when it ended cleanly
     */
    TlsException run(Connection c) {
        Report.seedLines(out, c.summary());
        out.flush();
        if (verbose) {
            Report.verboseLines(err, c.summary());
        }
        AtomicBoolean stdinEnded = new AtomicBoolean();
        AtomicReference<TlsException> writeFailure = new AtomicReference<>();
        Thread pump = new Thread(() -> pump(c, stdinEnded, writeFailure), "tlskit-stdin");
        pump.setDaemon(true);
        pump.start();
        TlsException failure = null;
        try (Reader r = new InputStreamReader(serverStream(c, stdinEnded), UTF_8)) {
            char[] chars = new char[8192];
            for (int n; (n = r.read(chars)) >= 0; ) {
                out.write(chars, 0, n);
                out.flush();
            }
        } catch (TlsException e) {
            failure = stdinEnded.get() ? null : e; // our own close, from the stdin side, ends the read too
        } catch (IOException e) {
            failure = new TlsException(TlsException.Kind.NETWORK, e.getMessage(), e);
        } finally {
            c.close();
        }
        return writeFailure.get() != null ? writeFailure.get() : failure;
    }

    /** stdin's lines to the server; at the end of stdin, or when a write fails, closes the connection. */
    private void pump(Connection c, AtomicBoolean stdinEnded, AtomicReference<TlsException> writeFailure) {
        String end = crlf ? "\r\n" : "\n";
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                c.write((line + end).getBytes(UTF_8));
            }
        } catch (TlsException e) {
            writeFailure.set(e);
        } catch (IOException e) {
            // stdin failed: as its end
        } finally {
            stdinEnded.set(true);
            c.close();
        }
    }

    /** The server's bytes; a read that times out is waited again (a person is typing, the server is idle). */
    private static InputStream serverStream(Connection c, AtomicBoolean stdinEnded) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    try {
                        return c.read(b, off, len);
                    } catch (TlsException e) {
                        if (e.reason() != TlsException.Reason.TIMED_OUT || stdinEnded.get()) {
                            throw e;
                        }
                    }
                }
            }
        };
    }
}
