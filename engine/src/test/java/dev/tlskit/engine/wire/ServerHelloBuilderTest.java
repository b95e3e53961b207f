package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ServerHelloBuilderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void tls12HelloIsLaidOutAsRfc5246Says() {
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0xAA);
        byte[] record = ServerHelloBuilder.tls12(0xC02B)
                .random(random)
                .sessionId(new byte[] {1, 2, 3})
                .extension(0xFF01, new byte[] {0})
                .record();

        String expected = "16" + "0303" + "0034" // handshake record, 52 bytes
                + "02" + "000030" // server_hello, 48 bytes
                + "0303" + "aa".repeat(32) + "03" + "010203" + "c02b" + "00" // version, random, sid, suite, null
                + "0005" + "ff01" + "0001" + "00"; // extensions: renegotiation_info, empty
        assertEquals(expected, HEX.formatHex(record));
    }

    @Test
    void tls13HelloCarriesSupportedVersionsThenTheKeyShare() {
        byte[] message = ServerHelloBuilder.tls13(0x1301).keyShare(0x001D, new byte[] {9, 9}).message();

        byte[] tail = Arrays.copyOfRange(message, message.length - 18, message.length);
        assertEquals("0010" + "002b0002" + "0304" + "0033" + "0006" + "001d" + "0002" + "0909",
                HEX.formatHex(tail));
        assertEquals(HandshakeType.SERVER_HELLO.code(), message[0]);
        assertEquals(message.length - 4, (message[1] & 0xFF) << 16 | (message[2] & 0xFF) << 8 | message[3] & 0xFF);
    }

    @Test
    void helloRetryRequestHasTheRandomOfRfc8446() {
        byte[] message = ServerHelloBuilder.tls13(0x1301).helloRetryRequest().keyShareRequest(0x0017).message();

        assertArrayEquals(HEX.parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"),
                Arrays.copyOfRange(message, 6, 38));
        assertEquals("0033" + "0002" + "0017",
                HEX.formatHex(Arrays.copyOfRange(message, message.length - 6, message.length)));
    }

    @Test
    void omittedEmptyExtensionsEndTheHelloAtTheCompressionMethod() {
        byte[] message = ServerHelloBuilder.tls12(0x002F).omitEmptyExtensions().message();

        assertEquals(4 + 2 + 32 + 1 + 2 + 1, message.length);
    }

    @Test
    void rejectsFieldsThatDoNotFitTheirLengths() {
        assertThrows(IllegalArgumentException.class, () -> ServerHelloBuilder.tls12(0x10000));
        assertThrows(IllegalArgumentException.class, () -> ServerHelloBuilder.tls12(1).random(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> ServerHelloBuilder.tls12(1).sessionId(new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> ServerHelloBuilder.tls12(1).compressionMethod(256));
    }
}
