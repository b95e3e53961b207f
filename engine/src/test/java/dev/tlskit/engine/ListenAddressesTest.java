package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ListenAddressesTest {
    private static ServerSocket listen(java.net.InetSocketAddress a) throws java.io.IOException {
        ServerSocket s = new ServerSocket();
        s.bind(a);
        return s;
    }

    @Test
    @Timeout(10)
    void portZeroGivesOnePortOnEveryAddress() throws Exception {
        List<InetAddress> loopback = ListenAddresses.loopback();
        assumeTrue(loopback.size() == 2, "no IPv6 loopback here");

        List<ServerSocket> bound = ListenAddresses.bindAll(loopback, 0, ListenAddressesTest::listen,
                ServerSocket::getLocalPort);
        try {
            assertEquals(2, bound.size());
            assertEquals(bound.get(0).getLocalPort(), bound.get(1).getLocalPort());
            assertEquals("127.0.0.1:" + bound.get(0).getLocalPort() + " and [::1]:" + bound.get(0).getLocalPort(),
                    ListenAddresses.describe(loopback, bound.get(0).getLocalPort()));
        } finally {
            for (ServerSocket s : bound) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(10)
    void aTakenExplicitPortNamesTheAddressAndLeavesNothingBound() throws Exception {
        List<InetAddress> loopback = ListenAddresses.loopback();
        try (ServerSocket taken = listen(new java.net.InetSocketAddress(loopback.get(0), 0))) {
            int port = taken.getLocalPort();
            ListenAddresses.BindFailed e = assertThrows(ListenAddresses.BindFailed.class,
                    () -> ListenAddresses.bindAll(loopback, port, ListenAddressesTest::listen,
                            ServerSocket::getLocalPort));
            assertEquals(new java.net.InetSocketAddress(loopback.get(0), port), e.address());
        }
    }
}
