package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.engine.ListenAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** "Loopback" is 127.0.0.1 and ::1: a default server is reachable from either, on one printed port. */
@Timeout(60)
class LoopbackFamiliesTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @BeforeEach
    void ipv6Loopback() {
        assumeTrue(ListenAddresses.loopback().size() == 2, "no IPv6 loopback (::1) on this machine");
    }

    @Test
    void clientReachesTheDefaultServerOverIpv6AndIpv4() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "2", "--json");
        int port = server.port();
        Tlskit.Result v6 = Tlskit.run("client", "-h", "::1", "-p", String.valueOf(port), "--json");
        Tlskit.Result v4 = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(port));
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, v6.exitCode(), v6.err());
        assertTrue(v6.out().contains("\"address\":\"[::1]:" + port + "\""), v6.out());
        assertEquals(0, v4.exitCode(), v4.err());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.err().contains("listening on 127.0.0.1:" + port + " and [::1]:" + port), s.err());
        assertTrue(s.out().contains("\"peer\":\"[::1]:"), "IPv6 peers are printed compressed: " + s.out());
    }

    @Test
    void explicitPortTakenOnIpv6IsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = taken.getLocalPort();
            assumeTrue(isFree("127.0.0.1", port), "the port is taken on 127.0.0.1 too");

            Tlskit.Result s = Tlskit.run("server", "-p", String.valueOf(port));

            assertEquals(1, s.exitCode(), s.err());
            assertTrue(s.err().contains("cannot listen on [::1]:" + port), s.err());
        }
    }

    @Test
    void bindStillListensOnTheOneAddressGiven() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--bind", "::1", "-d");
        int port = server.port();
        Tlskit.Result v6 = Tlskit.run("client", "-h", "::1", "-p", String.valueOf(port), "-x");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, v6.exitCode(), v6.err());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.err().lines().anyMatch(l -> l.equals("tlskit server: listening on [::1]:" + port)), s.err());
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
