package dev.tlskit.engine;

import dev.tlskit.engine.model.IpLiteral;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a server listens when it listens on more than one address: "loopback" is 127.0.0.1 <em>and</em> ::1 (a
 * client told {@code -h ::1}, or resolving {@code localhost} to ::1 first, must find the server too), bound on one
 * port so that {@code -p 0} still names a single port.
 */
public final class ListenAddresses {
    /** How often a free port picked for the first address is tried again when it is taken on another. */
    private static final int PORT_ATTEMPTS = 16;

    private ListenAddresses() {}

    /** A bind that failed, with the address it failed on (of several). */
    public static final class BindFailed extends BindException {
        private static final long serialVersionUID = 1L;
        private final transient InetSocketAddress address;

        BindFailed(InetSocketAddress address, BindException cause) {
            super(cause.getMessage());
            initCause(cause);
            this.address = address;
        }

        public InetSocketAddress address() {
            return address;
        }
    }

    /** Binds one listener on one address. */
    public interface Binder<T extends Closeable> {
        T bind(InetSocketAddress address) throws IOException;
    }

    /** Reads the port a listener was bound to. */
    public interface Port<T> {
        int of(T listener) throws IOException;
    }

    /** 127.0.0.1, then ::1 when this machine has an IPv6 loopback interface. */
    public static List<InetAddress> loopback() {
        List<InetAddress> out = new ArrayList<>();
        out.add(address(new byte[] {127, 0, 0, 1}));
        InetAddress v6 = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        if (v6 instanceof Inet6Address && canBind(v6)) {
            out.add(v6);
        }
        return List.copyOf(out);
    }

    /**
     * Binds a listener on each address, all on the same port: {@code port}, or, for 0, one the system picks for
     * the first address and that is free on the others too (tried anew a few times when it is not).
     *
     * @throws BindFailed naming the address that could not be bound; every listener bound so far is closed then
     */
    public static <T extends Closeable> List<T> bindAll(List<InetAddress> addresses, int port, Binder<T> binder,
            Port<T> portOf) throws IOException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
        for (int attempt = 1; ; attempt++) {
            List<T> bound = new ArrayList<>();
            int p = port;
            try {
                for (InetAddress a : addresses) {
                    InetSocketAddress where = new InetSocketAddress(a, p);
                    try {
                        bound.add(binder.bind(where));
                    } catch (BindException e) {
                        throw new BindFailed(where, e);
                    }
                    p = portOf.of(bound.get(bound.size() - 1));
                }
                return List.copyOf(bound);
            } catch (BindFailed e) {
                closeAll(bound);
                if (port != 0 || bound.isEmpty() || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
                // The port picked for the first address is taken on another one: pick again.
            } catch (IOException | RuntimeException e) {
                closeAll(bound);
                throw e;
            }
        }
    }

    /** {@code 127.0.0.1:P and [::1]:P}: how a message names where a server listens. */
    public static String describe(List<InetAddress> addresses, int port) {
        List<String> each = new ArrayList<>();
        for (InetAddress a : addresses) {
            each.add(a == null || a.isAnyLocalAddress() ? "*:" + port : IpLiteral.hostPort(a, port));
        }
        return String.join(" and ", each);
    }

    private static void closeAll(List<? extends Closeable> listeners) {
        for (Closeable c : listeners) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Closing what was just bound.
            }
        }
    }

    private static boolean canBind(InetAddress a) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(a, 0));
            return true;
        } catch (IOException e) {
            return false; // no IPv6 loopback here (disabled, or no IPv6 at all)
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
    }
}
