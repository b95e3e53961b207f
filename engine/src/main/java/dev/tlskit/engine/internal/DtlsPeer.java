package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.DtlsServerSettings;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngineResult;


/** One peer of a {@link DtlsServer}: its engine, timers and handler calls. The server's thread only. */
public final class DtlsPeer extends PeerSession {
    /** Where datagrams go: the server's shared channel. */
    public interface Output {
        void send(SocketAddress to, ByteBuffer datagram);
    }

    /** What the server learns from a peer. */
    public interface Events {
        void handshakeDone();

        void ended(DtlsPeer peer, boolean failed);

        /** Runs {@link DtlsPeer#closeNow()} on the server's thread. */
        void closeFromAnyThread(DtlsPeer peer);
    }

    private final DatagramCore core;
    private final TlsConfig config;
    private final DtlsServerSettings settings;
    private final SessionHandler handler;
    private final Events events;
    private final DatagramCore.Sender sender;
    private final RetransmitTimer timer = new RetransmitTimer();
    private final EngineDriver driver;
    private final long start = System.nanoTime();
    private final long handshakeDeadline;
    private long lastActivity = start;
    private boolean handshakeDone;
    private boolean ended;

    /** A peer whose first flight (ServerHello ...) has just been sent. */
    public DtlsPeer(Output output, InetSocketAddress remote, DatagramCore core, TlsConfig config,
            DtlsServerSettings settings, SessionHandler handler, Events events) {
        super(remote);
        this.core = core;
        this.config = config;
        this.settings = settings;
        this.handler = handler;
        this.events = events;
        this.sender = d -> output.send(remote, d);
        // The server's one thread wraps and unwraps: the wrap lock is never contended.
        this.driver = new EngineDriver(core.io(sender), this, timer::reset);
        this.handshakeDeadline = start + settings.handshakeTimeout().toNanos();
        timer.arm(start);
    }

    /** A datagram from this peer. */
    public void onDatagram(ByteBuffer datagram) {
        if (ended) {
            return;
        }
        lastActivity = System.nanoTime();
        core.received(datagram);
        try {
            core.answerRetransmission(sender);
            drive();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Fires what is due: a retransmission, the handshake timeout, the idle timeout.
     *
     * @return when this peer next needs the timer ({@link System#nanoTime()}), {@code Long.MAX_VALUE} for never
     */
    public long onTimer(long now) {
        if (ended) {
            return Long.MAX_VALUE;
        }
        try {
            if (!handshakeDone) {
                if (now - handshakeDeadline >= 0) {
                    throw new SocketTimeoutException("handshake timed out");
                }
                if (now - timer.due() >= 0) {
                    core.retransmit(sender);
                    timer.backOff(now);
                    drive(); // the rest of the flight
                }
                return Math.min(timer.due(), handshakeDeadline);
            }
            Duration idle = settings.idleTimeout();
            if (idle == null) {
                return Long.MAX_VALUE;
            }
            long idleDeadline = lastActivity + idle.toNanos();
            if (now - idleDeadline >= 0) {
                closeNow();
                return Long.MAX_VALUE;
            }
            return idleDeadline;
        } catch (IOException | RuntimeException e) {
            fail(e);
            return Long.MAX_VALUE;
        }
    }

    /** Runs the engine's driver until it needs the peer again. */
    private void drive() throws IOException {
        while (!ended) {
            EngineDriver.Need need = driver.advance();
            switch (need) {
                case FLUSH -> {
                    if (!handshakeDone) {
                        timer.arm(System.nanoTime());
                    }
                }
                case TASKS -> core.runDelegatedTasks();
                case HANDSHAKE_DONE -> opened();
                case DATA -> {
                    ByteBuffer appIn = core.appIn();
                    appIn.flip();
                    handler.received(this, appIn.asReadOnlyBuffer());
                    appIn.clear();
                }
                case PEER_CLOSED -> end(null); // its close_notify is answered: the driver wrapped ours
                case INPUT -> {
                    return;
                }
                default -> throw new IllegalStateException("unknown need " + need);
            }
        }
    }

    private void opened() {
        if (handshakeDone || ended) {
            return;
        }
        handshakeDone = true;
        timer.disarm();
        core.observer().handshakeDone();
        summary(core.summarize(config, Duration.ofNanos(System.nanoTime() - start)));
        events.handshakeDone();
        handler.opened(this);
    }

    @Override
    public void write(ByteBuffer data) {
        if (ended) {
            return;
        }
        try {
            do {
                if (core.wrap(data, sender).getStatus() == SSLEngineResult.Status.CLOSED) {
                    return;
                }
            } while (data.hasRemaining());
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        events.closeFromAnyThread(this);
    }

    /** Sends close_notify and ends the session; the server's thread only. */
    public void closeNow() {
        if (ended) {
            return;
        }
        sendCloseNotify();
        end(null);
    }

    private void sendCloseNotify() {
        try {
            core.sendClosingRecords(sender);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: UDP gives no guarantee the peer hears it anyway.
        }
    }

    private void fail(Throwable e) {
        if (ended) {
            return;
        }
        try {
            core.farewell(e, sender); // the alert telling the peer why
        } catch (RuntimeException ignored) {
            // Best effort: UDP gives no guarantee the peer hears it anyway.
        }
        end(Failures.classify(e, !handshakeDone, core.observer()));
    }

    private void end(TlsException failure) {
        ended = true;
        events.ended(this, failure != null);
        handler.closed(this, failure);
    }
}
