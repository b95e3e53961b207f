package dev.tlskit.cli.console;

import dev.tlskit.cli.ExitCode;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.TlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * The seed's chat (section 4) on a TLS connection. The protocol: the client sends its name and a newline, the
 * server answers with its own, then UTF-8 lines flow both ways at once. A line {@code quit} (or close_notify) ends
 * the chat. The calling (main) thread owns the input and writes; a reader thread accepts peers, reads their lines
 * and reports them through the {@link ChatUi}, so typing never waits for the peer and the peer never waits for us.
 */
public final class Chat {
    public static final String QUIT = "quit";
    /** The longest line accepted from a peer; a longer one closes that chat. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_NAME_BYTES = 256;
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);

    private final ChatUi ui;
    private final String name;
    private final Duration nameTimeout;
    private final Object lock = new Object();
    private Session current; // guarded by lock
    private boolean networkDone; // guarded by lock
    private boolean inputDone; // guarded by lock
    private volatile boolean stopping;
    private volatile int networkCode;
    private Thread mainThread;

    /**
     * @param name this side's name, sent to the peer
     * @param nameTimeout how long a peer may take to send its name
     */
    public Chat(ChatUi ui, String name, Duration nameTimeout) {
        this.ui = ui;
        this.name = name;
        this.nameTimeout = nameTimeout;
    }

    /**
     * The client side: exchanges names on {@code c} (failures are thrown before any thread starts), then chats until
     * either side ends it. Returns the exit code: 0 when the chat ended by {@code quit}, Ctrl-D or the peer leaving.
     */
    public int talk(TlsConnection c, String address) throws TlsException {
        Session s;
        try {
            s = Session.open(c, true, name, nameTimeout, address);
        } catch (TlsException e) {
            throw e.withContext("the server ");
        } catch (IOException e) {
            throw new TlsException(TlsException.Kind.NETWORK, "the server " + e.getMessage(), e);
        }
        return run(() -> {
            converse(s);
        }, null);
    }

    /**
     * The listening side: serves one peer at a time on {@code server}, and the next after each chat, until this
     * side says {@code quit}, ends its input or presses Ctrl-C on an empty line. A peer that fails the handshake,
     * sends no name in time or misbehaves is reported and dropped; serving goes on.
     */
    public int listen(ServerSocket server, TlsContext context) {
        return run(() -> {
            while (!stopping) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    if (!stopping) {
                        ui.notice("cannot accept connections: " + e.getMessage());
                        networkCode = ExitCode.NETWORK;
                    }
                    return;
                }
                String address = hostPort((InetSocketAddress) socket.getRemoteSocketAddress());
                TlsConnection c;
                try {
                    c = TlsConnection.accept(context, socket);
                } catch (TlsException e) {
                    ui.notice(address + ": handshake failed: " + e.getMessage());
                    continue;
                }
                Session s;
                try {
                    s = Session.open(c, false, name, nameTimeout, address);
                } catch (IOException e) {
                    ui.notice(address + ": " + e.getMessage() + "; closed, waiting for the next peer");
                    continue;
                }
                converse(s);
            }
        }, server);
    }

    /** Runs the network side on a reader thread and the input loop here. */
    private int run(Runnable network, ServerSocket server) {
        mainThread = Thread.currentThread();
        Thread reader = new Thread(() -> {
            try {
                network.run();
            } catch (RuntimeException bug) {
                ui.notice(dev.tlskit.cli.Errors.bugNotice(bug));
                networkCode = ExitCode.INTERNAL;
            } finally {
                synchronized (lock) {
                    networkDone = true;
                    lock.notifyAll();
                    if (!inputDone) {
                        ui.wake(mainThread);
                    }
                }
            }
        }, "tlskit-chat-reader");
        reader.setDaemon(true);
        // Ctrl-C outside the line editor (line mode) ends the JVM: still say goodbye with close_notify.
        Thread hook = new Thread(this::stopQuietly, "tlskit-chat-shutdown");
        boolean hooked = addShutdownHook(hook);
        reader.start();
        int code;
        try {
            code = inputLoop();
        } finally {
            synchronized (lock) {
                inputDone = true;
            }
            Thread.interrupted(); // a wake-up that came after the loop ended
            stop(server);
            try {
                reader.join(JOIN_LIMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or ran; nothing to remove.
                }
            }
            ui.close();
        }
        return code != ExitCode.OK ? code : networkCode;
    }

    /** Reads typed lines and sends them, until quit, end of input, Ctrl-C on an empty line, or the chat ends. */
    private int inputLoop() {
        while (true) {
            String line;
            try {
                line = ui.readLine();
            } catch (InterruptedException e) {
                if (isNetworkDone()) {
                    return ExitCode.OK;
                }
                continue;
            } catch (ChatUi.Cancelled c) {
                if (c.lineWasEmpty()) {
                    return ExitCode.INTERRUPTED;
                }
                continue;
            }
            if (line == null || line.equals(QUIT)) {
                return ExitCode.OK;
            }
            Session s = currentSession(ui.holdsLinesUntilConnected());
            if (s == null) {
                if (isNetworkDone()) {
                    return ExitCode.OK;
                }
                ui.notice("nobody is connected yet; not sent: " + Text.printable(line));
                continue;
            }
            try {
                s.send(line);
                ui.sent(name, line);
            } catch (TlsException e) {
                ui.notice("not sent to " + s.peer + ": " + e.getMessage());
            }
        }
    }

    /** The reader thread's part of one chat: publish it, read it to the end, report how it ended. */
    private void converse(Session s) {
        synchronized (lock) {
            if (stopping) {
                s.quit();
                return;
            }
            current = s;
            lock.notifyAll();
        }
        ui.connected(s.peer, s.address, s.connection.summary());
        Session.Outcome o = s.readLoop(ui);
        synchronized (lock) {
            current = null;
        }
        networkCode = o.exitCode();
        ui.closed(s.peer, o.reason(), o.detail());
    }

    /** The peer being chatted with; if {@code wait}, waits for one (or for the network side to end). */
    private Session currentSession(boolean wait) {
        synchronized (lock) {
            while (wait && current == null && !networkDone) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // woken because the network side ended: the loop condition says so
                }
            }
            return current;
        }
    }

    private boolean isNetworkDone() {
        synchronized (lock) {
            return networkDone;
        }
    }

    private void stop(ServerSocket server) {
        Session s;
        synchronized (lock) {
            stopping = true;
            s = current;
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing a listener that will not close: the reader thread is a daemon
            }
        }
        if (s != null) {
            s.quit();
        }
    }

    private void stopQuietly() {
        try {
            stop(null);
        } catch (RuntimeException ignored) {
            // the JVM is going down
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }

    static String hostPort(InetSocketAddress a) {
        return dev.tlskit.engine.model.IpLiteral.hostPort(a.getAddress(), a.getPort());
    }
}
