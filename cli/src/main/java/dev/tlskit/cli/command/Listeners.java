package dev.tlskit.cli.command;

import dev.tlskit.engine.ListenAddresses;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * Blocking TCP listeners on one port and several addresses (127.0.0.1 and ::1 by default), accepted from as one:
 * a thread per listener hands each accepted socket over, one at a time, so no more connections are taken than
 * {@link #accept()} asks for, plus one waiting per listener.
 */
final class Listeners implements Closeable {
    private final List<ServerSocket> sockets;
    private final List<InetAddress> addresses;
    private final SynchronousQueue<Socket> accepted = new SynchronousQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private Listeners(List<ServerSocket> sockets, List<InetAddress> addresses) {
        this.sockets = sockets;
        this.addresses = addresses;
        for (ServerSocket s : sockets) {
            Thread t = new Thread(() -> acceptLoop(s), "tlskit-accept-" + s.getLocalSocketAddress());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** @throws java.net.BindException naming the address that could not be bound */
    static Listeners bind(List<InetAddress> addresses, int port, int backlog) throws IOException {
        List<ServerSocket> sockets = ListenAddresses.bindAll(addresses, port, a -> {
            ServerSocket s = new ServerSocket();
            try {
                s.setReuseAddress(true);
                s.bind(a, backlog);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }, ServerSocket::getLocalPort);
        return new Listeners(sockets, addresses);
    }

    /** The one port every address listens on. */
    int port() {
        return sockets.get(0).getLocalPort();
    }

    /** {@code [127.0.0.1:P, [::1]:P]}: each address with the port. */
    List<String> each() {
        return addresses.stream().map(a -> ListenAddresses.describe(List.of(a), port())).toList();
    }

    /** {@code 127.0.0.1:P and [::1]:P}. */
    String where() {
        return ListenAddresses.describe(addresses, port());
    }

    /** The next connection on any of the addresses. */
    Socket accept() throws InterruptedException {
        return accepted.take();
    }

    private void acceptLoop(ServerSocket s) {
        while (!closed) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                accepted.put(socket);
            } catch (InterruptedException e) {
                closeQuietly(socket); // closing: nobody takes it
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sockets.forEach(Listeners::closeQuietly);
        threads.forEach(Thread::interrupt);
        Socket left;
        while ((left = accepted.poll()) != null) {
            closeQuietly(left);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing more to do with a socket that will not close.
        }
    }
}
