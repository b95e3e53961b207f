package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlskit.certs.internal.KeyCodec;
import dev.tlskit.certs.internal.PemText;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDK-only PEM reader of certificate files reads every input as Bouncy Castle's PemReader does. */
class PemTextTest {
    private static final String BODY = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der()) + "\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\n" + BODY + "-----END CERTIFICATE-----\n";

    private static byte[] der() {
        try {
            return DemoMaterial.ca().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> inputs() {
        String b = "-----BEGIN CERTIFICATE-----\n";
        String e = "-----END CERTIFICATE-----\n";
        return Stream.of(CERT, CERT + CERT, CERT.replace("\n", "\r\n"), "junk\n" + CERT + "trailing\n",
                b + "MIIB!!!\n" + e, b + BODY, b + "Proc-Type: 4,ENCRYPTED\n" + BODY + e,
                b + "  " + BODY.replace("\n", "  \n") + "-----END CERTIFICATE-----  \n",
                b + "QUJD\n" + e, b + "QUI=\n" + e, b + "QUI\n" + e, b + "Q===\n" + e, b + "QU=I\n" + e,
                b + "QUJD QUJD\n" + e, b + "\tQUJD\t\n\n" + e, b + e, "-----BEGIN X-----\nQUJD\n-----END Y-----\n",
                "-----BEGIN BAD\nQUJD\n-----END BAD-----\n" + CERT, "-----BEGIN -----\nQUJD\n-----END -----\n",
                "  " + b + "QUJD\n" + e, b + "QUJD\n   " + e + "QUJD\n" + e,
                b + "QUJD\n-----END CERTIFICATE-----trailing\n", b + "QUJD====\n" + e, b + "QUJDQQ==QUJD\n" + e,
                b + "QUJD\u00e9\n" + e, "");
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void readsBlocksAsBouncyCastlesPemReaderDoes(String text) {
        assertEquals(bouncyCastle(text), jdk(text));
    }

    private static String bouncyCastle(String text) {
        try {
            List<String> out = new ArrayList<>();
            for (KeyCodec.PemBlock block : KeyCodec.pemBlocks(text)) {
                out.add(block.type() + ":" + Base64.getEncoder().encodeToString(block.content()));
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return "malformed";
        }
    }

    private static String jdk(String text) {
        try {
            List<String> out = new ArrayList<>();
            for (PemText.Block block : PemText.blocks(text)) {
                out.add(block.type() + ":" + Base64.getEncoder().encodeToString(block.content()));
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return "malformed";
        }
    }
}
