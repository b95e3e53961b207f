package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Result;
import dev.tlskit.cli.echo.Echo.Server;
import dev.tlskit.engine.ListenAddresses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The default echoserver listens on both loopback addresses, on one port. */
@Timeout(60)
class EchoLoopbackFamiliesTest {
    @TempDir
    Path dir;

    @Test
    void echoclientReachesTheDefaultEchoserverOverIpv4AndIpv6() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListenAddresses.loopback().size() == 2,
                "no IPv6 loopback (::1) on this machine");
        try (Server server = new Server("echoserver", "-p", "0", "--json")) {
            int port = server.port();
            assertTrue(server.err().contains("listening on 127.0.0.1:" + port + " and [::1]:" + port), server.err());

            Result v6 = Tlskit.run("echoclient", "-h", "::1", "-p", String.valueOf(port), "--file",
                    Echo.lines(dir, "v6.txt", "over six").toString());
            assertEquals(0, v6.exitCode(), v6::describe);
            assertEquals("over six\n", v6.out(), v6::describe);

            Result v4 = Tlskit.run("echoclient", "-h", "127.0.0.1", "-p", String.valueOf(port), "--file",
                    Echo.lines(dir, "v4.txt", "over four", "quit").toString());
            assertEquals(0, v4.exitCode(), v4::describe);
            Result s = server.await();
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("\"addresses\":[\"127.0.0.1:" + port + "\",\"[::1]:" + port + "\"]"),
                    s::describe);
        }
    }
}
