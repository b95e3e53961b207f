package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client on a real terminal (tmux): {@code --interactive} relays typed lines to {@code openssl s_server}
 * (which prints what it receives, and sends what is written to its stdin), with {@code --crlf} or without, and
 * the plain client keeps the seed's one exchange on a terminal. The --starttls relay runs against Dovecot in
 * DovecotStartTlsTest.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InteractiveClientTest extends OpenSslPeers {
    @ParameterizedTest(name = "--crlf {0}")
    @ValueSource(booleans = {true, false})
    void typedLinesGoToTheServerItsLinesArriveUnaskedAndCtrlDEnds(boolean crlf) throws Exception {
        Interop.Peer server = Interop.startWithOpenStdin(dir, List.of("openssl", "s_server", "-accept",
                "127.0.0.1:0", "-cert", "server.pem", "-key", "server.key"));
        cleanup.add(server);
        int port = Integer.parseInt(server.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));
        List<String> args = new java.util.ArrayList<>(List.of("client", "-p", String.valueOf(port), "-A",
                dir.resolve("ca.pem").toString(), "-x", "--interactive"));
        if (crlf) {
            args.add("--crlf");
        }
        try (Tmux tmux = new Tmux("relay", 120, 30, Interop.sh(Interop.tlskitCommand(args.toArray(String[]::new))))) {
            tmux.screen(s -> s.contains("SSL curve name is"), "the handshake");
            tmux.typeLine("hello over tls");
            server.await(Pattern.compile("hello over tls\r?\n"), Duration.ofSeconds(20));
            String received = server.output();
            assertTrue(received.contains(crlf ? "hello over tls\r\n" : "hello over tls\n"), received);
            if (!crlf) {
                assertFalse(received.contains("hello over tls\r"), received);
            }
            server.write("hi from s_server\n");
            tmux.screen(s -> s.contains("hi from s_server"), "the server's line, sent unasked");
            tmux.keys("C-d");
            String shown = tmux.screen(s -> s.contains("EXIT="), "the client ending at Ctrl-D");
            assertTrue(shown.contains("EXIT=0"), shown);
        }
    }

    @Test
    void thePlainClientKeepsTheSeedsOneExchangeOnATerminal() throws Exception {
        try (Interop.Background server = Interop.tlskitInBackground("server", "-p", "0")) {
            String client = Interop.sh(Interop.tlskitCommand("client", "-h", "127.0.0.1", "-p",
                    String.valueOf(server.port())));
            try (Tmux tmux = new Tmux("seed", 120, 30, client)) {
                String shown = tmux.screen(s -> s.contains("EXIT="), "the client ending by itself");
                assertTrue(shown.contains("I hear you fa shizzle!"), shown);
                assertTrue(shown.contains("EXIT=0"), shown);
            }
        }
    }
}
