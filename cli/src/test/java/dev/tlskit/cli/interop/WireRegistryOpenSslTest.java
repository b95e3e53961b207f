package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.KeyShareEntry;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.Record;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire registries and hello reader checked against what OpenSSL knows and sends. */
class WireRegistryOpenSslTest {
    /** {@code 0xC0,0x2F - IANA_NAME - OPENSSL-NAME TLSv1.2 Kx=...} (with -stdname) or {@code 0xC0,0x2F - NAME ...}. */
    private static final Pattern LINE = Pattern.compile(
            "^\\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\\S+)(?:\\s+-\\s+(\\S+))?\\s+(\\S+)\\s+Kx=");

    @TempDir
    Path dir;

    /** (code, first name, second name or null) for every line of {@code openssl ciphers -V ...}. */
    private List<String[]> opensslCiphers(String... options) throws Exception {
        Interop.requireBinary("openssl");
        List<String> command = new ArrayList<>(List.of("openssl", "ciphers"));
        command.addAll(List.of(options));
        command.add("ALL:COMPLEMENTOFALL:@SECLEVEL=0");
        Interop.Result r = Interop.run(dir, null, Duration.ofSeconds(10), command);
        assertEquals(0, r.exitCode(), r.output());
        List<String[]> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                out.add(new String[] {m.group(1) + m.group(2), m.group(3), m.group(4)});
            }
        }
        assertTrue(out.size() > 2, "no cipher lines in: " + r.output());
        return out;
    }

    @ParameterizedTest(name = "openssl ciphers {0}")
    @ValueSource(strings = {"-V -stdname", "-V -stdname -s -tls1_3", "-V -stdname -s -tls1_2"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void knowsEverySuiteOpensslKnowsByTheSameNames(String options) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String[] c : opensslCiphers(options.split(" "))) {
            int code = Integer.parseInt(c[0], 16);
            CipherSuite s = CipherSuite.of(code);
            String iana = c[1];
            String openssl = c[2];
            if (s == null) {
                wrong.add(c[0] + " missing (" + iana + ")");
            } else if (!s.ianaName().equals(iana) || !openssl.equals(s.opensslName())) {
                wrong.add(c[0] + ": ours " + s.ianaName() + " / " + s.opensslName() + ", OpenSSL's " + iana + " / "
                        + openssl);
            } else if (CipherSuite.named(openssl) != s || CipherSuite.named(iana) != s) {
                wrong.add(c[0] + ": lookup by name fails");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void readsOpensslNamesWithoutStdname() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String[] c : opensslCiphers("-V")) {
            CipherSuite s = CipherSuite.named(c[1]);
            if (s == null || s.code() != Integer.parseInt(c[0], 16)) {
                wrong.add(c[0] + " " + c[1]);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void parsesTheClientHelloOfOpensslSClient() throws Exception {
        Interop.requireBinary("openssl");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Interop.Peer peer = Interop.start(dir, null, "openssl", "s_client", "-connect",
                        "127.0.0.1:" + listener.getLocalPort(), "-servername", "www.tlskit.test",
                        "-alpn", "h2,http/1.1", "-groups", "X25519:P-256:ffdhe2048");
                Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            Record first = Record.read(s.getInputStream());
            assertEquals(ContentType.HANDSHAKE.code(), first.contentType());
            byte[] record = first.body();
            assertEquals(HandshakeType.CLIENT_HELLO.code(), record[0]);
            int length = ((record[1] & 0xFF) << 16) | ((record[2] & 0xFF) << 8) | (record[3] & 0xFF);
            ClientHello hello = ClientHello.parse(ByteBuffer.wrap(record, 4, length), false);

            assertEquals("www.tlskit.test", hello.serverName());
            assertEquals(List.of("h2", "http/1.1"), hello.applicationProtocols());
            assertEquals(List.of(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(), NamedGroup.FFDHE2048.code()),
                    hello.supportedGroups());
            KeyShareEntry share = hello.keyShares().get(0);
            assertEquals(NamedGroup.X25519.code(), share.group());
            assertEquals(NamedGroup.X25519.clientShareLength(), share.keyLength());
            assertTrue(hello.supportedVersions().contains(ProtocolVersion.TLS13.code()));
            assertTrue(hello.cipherSuites().contains(CipherSuite.named("TLS_AES_256_GCM_SHA384").code()));
            assertTrue(hello.cipherSuites().contains(CipherSuite.named("TLS_EMPTY_RENEGOTIATION_INFO_SCSV").code()));
        }
    }
}
