package dev.tlskit.engine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay between one client and a server that drops the datagrams a policy names: a client talks to
 * {@link #port()}, the relay talks to the server from a second socket.
 */
final class LossyRelay implements AutoCloseable {
    /** Decides per datagram; {@code index} counts datagrams per direction from 0. */
    interface Policy {
        boolean drop(boolean fromClient, int index, byte[] datagram);
    }

    private final DatagramSocket clientSide;
    private final DatagramSocket serverSide;
    private final InetSocketAddress server;
    private final Policy policy;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile SocketAddress client;

    LossyRelay(InetSocketAddress server, Policy policy) throws IOException {
        this.server = server;
        this.policy = policy;
        this.clientSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.serverSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        start(true);
        start(false);
    }

    int port() {
        return clientSide.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    private void start(boolean fromClient) {
        Thread t = new Thread(() -> {
            DatagramSocket in = fromClient ? clientSide : serverSide;
            DatagramSocket out = fromClient ? serverSide : clientSide;
            byte[] buf = new byte[65_536];
            int index = 0;
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    in.receive(p);
                    if (fromClient) {
                        client = p.getSocketAddress();
                    }
                    if (policy.drop(fromClient, index++, java.util.Arrays.copyOf(buf, p.getLength()))) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    SocketAddress to = fromClient ? server : client;
                    if (to != null) {
                        out.send(new DatagramPacket(buf, p.getLength(), to));
                    }
                }
            } catch (IOException closed) {
                // The relay was closed.
            }
        }, "lossy-relay-" + (fromClient ? "c2s" : "s2c"));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        clientSide.close();
        serverSide.close();
    }
}
