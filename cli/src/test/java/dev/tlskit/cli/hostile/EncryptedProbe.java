package dev.tlskit.cli.hostile;

import dev.tlskit.engine.wire.Record;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The attacking side once keys are in use: a SunJSSE client {@code SSLEngine} completes a real handshake over the
 * probe's socket, wraps one application message, and the case's tamper function changes that record's bytes
 * before they go out (a flipped bit, a cut, a plaintext record instead). The server's answer is decrypted with the
 * same engine: {@code fatal bad_record_mac}, {@code closed}, or {@value #CARRIES_ON} (application data came back,
 * or nothing and no alert within the limit: tlskit's servers answer a message, {@code s_server} prints it).
 */
final class EncryptedProbe {
    private static final Pattern RECEIVED_ALERT = Pattern.compile("Received (fatal|warning) alert: (\\w+)");
    private static final byte[] MESSAGE = "hello\n".getBytes(StandardCharsets.US_ASCII);
    /** Application data back, or nothing and no alert within the limit: the server took the record. */
    static final String CARRIES_ON = "carries on";

    private EncryptedProbe() {}

    /** What to send once keys are in use, made from the records the client engine protects on demand. */
    @FunctionalInterface
    interface Tamper {
        byte[] apply(Protected records) throws SSLException;
    }

    /** The client engine's records, wrapped in the order they are asked for (header included). */
    static final class Protected {
        private final SSLEngine engine;
        private final ByteBuffer net;

        private Protected(SSLEngine engine, ByteBuffer net) {
            this.engine = engine;
            this.net = net;
        }

        /** One application-data record carrying a short line. */
        byte[] message() throws SSLException {
            net.clear();
            engine.wrap(ByteBuffer.wrap(MESSAGE), net);
            return Arrays.copyOf(net.array(), net.position());
        }

        /** A TLS 1.3 KeyUpdate (update_requested): SunJSSE sends one when asked to handshake again on 1.3. */
        byte[] keyUpdate() throws SSLException {
            engine.beginHandshake();
            net.clear();
            engine.wrap(ByteBuffer.allocate(0), net);
            if (net.position() == 0) {
                throw new SSLException("the client engine wrote no KeyUpdate");
            }
            return Arrays.copyOf(net.array(), net.position());
        }
    }

    static String run(Socket s, InputStream in, OutputStream out, String protocol, Tamper tamper, long deadline)
            throws IOException {
        SSLEngine engine = insecure().createSSLEngine("localhost", s.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 1024);
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + 1024);
        engine.beginHandshake();
        try {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        net.clear();
                        engine.wrap(ByteBuffer.allocate(0), net);
                        out.write(net.array(), 0, net.position());
                    }
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        Object next = next(s, in, deadline);
                        if (next instanceof String word) {
                            return "handshake: " + word;
                        }
                        unwrapAll(engine, ByteBuffer.wrap(((Record) next).encode()), app);
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        return attack(s, in, out, engine, tamper, app, net, deadline);
                    }
                    default -> throw new IllegalStateException("handshake status " + engine.getHandshakeStatus());
                }
            }
        } catch (SSLException e) {
            return "handshake: " + alertOf(e);
        }
    }

    private static String attack(Socket s, InputStream in, OutputStream out, SSLEngine engine, Tamper tamper,
            ByteBuffer app, ByteBuffer net, long deadline) throws IOException {
        byte[] attack;
        try {
            attack = tamper.apply(new Protected(engine, net));
        } catch (SSLException e) {
            return "client engine failed: " + e.getMessage();
        }
        try {
            out.write(attack);
            out.flush();
        } catch (IOException e) {
            // the server may have closed already: read what it said
        }
        while (true) {
            Object next = next(s, in, deadline);
            if (next instanceof String word) {
                // The servers' modes differ: tlskit's answer, s_server prints; no alert within the limit is fine.
                return word.equals(Probe.SILENCE) ? CARRIES_ON : word;
            }
            app.clear();
            try {
                unwrapAll(engine, ByteBuffer.wrap(((Record) next).encode()), app);
            } catch (SSLException e) {
                return alertOf(e);
            }
            if (engine.isInboundDone()) {
                return "warning close_notify";
            }
            if (app.position() > 0) {
                return CARRIES_ON;
            }
            // a NewSessionTicket or a KeyUpdate: read on
        }
    }

    private static void unwrapAll(SSLEngine engine, ByteBuffer in, ByteBuffer app) throws SSLException {
        while (in.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(in, app);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("unwrap " + r.getStatus());
            }
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }

    private static Object next(Socket s, InputStream in, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return Probe.SILENCE;
        }
        s.setSoTimeout((int) left);
        try {
            Record r = Record.read(in);
            return r == null ? Probe.CLOSED : r;
        } catch (SocketTimeoutException e) {
            return Probe.SILENCE;
        } catch (Record.MalformedRecordException e) {
            return e.getMessage();
        } catch (EOFException | SocketException e) {
            return Probe.CLOSED;
        }
    }

    /** {@code fatal bad_record_mac} from SunJSSE's "Received fatal alert: bad_record_mac", else the message. */
    private static String alertOf(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : RECEIVED_ALERT.matcher(t.getMessage());
            if (m != null && m.find()) {
                return m.group(1) + " " + m.group(2);
            }
        }
        return "client engine failed: " + e.getMessage();
    }

    /** A client context that trusts any server: the suite is about the server's answers, not its name. */
    static SSLContext insecure() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
