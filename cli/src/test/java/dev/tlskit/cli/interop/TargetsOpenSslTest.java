package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code client --targets} against OpenSSL servers: per-line flags meet real peers, each target its own outcome. */
class TargetsOpenSslTest extends OpenSslPeers {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void perLineFlagsAgainstATls13AndATls12Server() throws Exception {
        int tls13 = sServer("-tls1_3");
        int tls12 = sServer("-tls1_2");
        Path list = dir.resolve("openssl-targets.txt");
        Files.writeString(list, String.join("\n",
                "127.0.0.1:" + tls13 + " --expect-version 1.3",
                "127.0.0.1:" + tls12 + " --expect-version 1.3",
                "127.0.0.1:" + tls12 + " -v 1.3",
                "127.0.0.1:" + tls13 + " -g",
                ""), StandardCharsets.UTF_8);

        Run r = Interop.tlskit("client", "--targets", list.toString(), "-x", "-A", dir.resolve("ca.pem").toString(),
                "--json");

        assertEquals(3, r.exitCode(), r::describe);
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r::describe);
        List<Map<?, ?>> docs = lines.stream().<Map<?, ?>>map(l -> (Map<?, ?>) Interop.parseJson(l)).toList();
        assertEquals(List.of(0L, 5L, 3L, 0L), docs.stream().map(d -> ((Number) d.get("exitCode")).longValue())
                .toList(), r::describe);
        assertEquals("TLSv1.2", ((Map<?, ?>) docs.get(1).get("handshake")).get("protocol"), lines.get(1));
        assertEquals("handshake", ((Map<?, ?>) docs.get(2).get("error")).get("kind"), lines.get(2));
        assertTrue(docs.get(3).get("reply").toString().startsWith("HTTP/1.0 200 ok"), lines.get(3));
        assertTrue(r.err().contains("tlskit: 4 targets: 2 ok, 2 failed (exit 3: 1, exit 5: 1) in "), r.err());
    }

    /** An {@code openssl s_server -www} on loopback port 0, limited to one version; returns its port. */
    private int sServer(String version) throws Exception {
        Peer s = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", "server.pem",
                "-key", "server.key", version, "-www");
        cleanup.add(s);
        return Integer.parseInt(s.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));
    }
}
