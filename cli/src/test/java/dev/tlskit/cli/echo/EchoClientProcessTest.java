package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Result;
import dev.tlskit.cli.echo.Echo.Server;
import dev.tlskit.cli.interop.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** echoclient as a real process reading a pipe on stdin, as scripts run it. */
class EchoClientProcessTest {
    @TempDir
    Path dir;

    /** The first "It must show": {@code printf 'hello\nquit\n' | tlskit echoclient}. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void pipedHelloAndQuitEchoesThenShutsTheServerDown() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0");
                Interop.Peer client = echoclient(server, "hello\nquit\n")) {
            int code = client.waitFor(Echo.LIMIT).exitCode();
            Result s = server.await();

            assertEquals(0, code, client.stderr());
            assertEquals("hello\nsending server shutdown command: quit!\n", client.output());
            assertEquals(0, s.exitCode(), s::describe);
            assertEquals(List.of("hello", "client sent quit command: shutting down!"), s.out().lines().toList());
        }
    }

    /** At end of stdin it closes and exits 0 on its own: the server need not quit, and stdout is only the echoes. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void atEndOfStdinItPrintsOnlyTheEchoesAndExitsZero() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0");
                Interop.Peer client = echoclient(server, "a\nb b\n\nc\n")) {
            int code = client.waitFor(Echo.LIMIT).exitCode();

            assertEquals(0, code, client.stderr());
            assertEquals("a\nb b\n\nc\n", client.output());
            assertEquals("", client.stderr());
            assertFalse(server.exited(), "the server keeps running after a client left");
        }
    }

    /** {@code tlskit echoclient -p PORT} as a process of its own, {@code stdin} piped in, stderr kept apart. */
    private Interop.Peer echoclient(Server server, String stdin) throws Exception {
        return Interop.start(dir, stdin.getBytes(StandardCharsets.UTF_8), false,
                Interop.tlskitCommand("echoclient", "-p", String.valueOf(server.port())));
    }
}
