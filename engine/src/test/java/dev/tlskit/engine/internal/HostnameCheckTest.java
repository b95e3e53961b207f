package dev.tlskit.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.HeldCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameCheckTest {
    private static final X509Certificate CERT = HeldCertificate.builder()
            .commonName("ignored.example")
            .addDnsName("localhost").addDnsName("*.example.org").addDnsName("*.org")
            .addIpAddress("127.0.0.1").addIpAddress("::1")
            .build().certificate();

    @ParameterizedTest
    @CsvSource({
        "localhost, true", "LOCALHOST, true", "localhost., true", "www.example.org, true", "example.org, false",
        "a.b.example.org, false", "other.org, false", "127.0.0.1, true", "::1, true", "0:0:0:0:0:0:0:1, true",
        "[::1], true", "127.0.0.2, false", "ignored.example, false",
    })
    void matchesAsRfc6125Says(String name, boolean expected) {
        assertEquals(expected, HostnameCheck.matches(CERT, name), name);
    }

    @Test
    void fallsBackToTheCommonNameOnlyWithoutDnsNames() {
        X509Certificate cnOnly = HeldCertificate.builder().commonName("legacy.example").build().certificate();
        assertTrue(HostnameCheck.matches(cnOnly, "legacy.example"));
        assertEquals(List.of("legacy.example (CN)"), HostnameCheck.names(cnOnly));
    }

    @Test
    void mismatchListsTheNamesAndTheNameChecked() {
        HostnameCheck.Mismatch e = assertThrows(HostnameCheck.Mismatch.class,
                () -> HostnameCheck.verify(CERT, "example.net"));
        assertEquals("certificate names localhost, *.example.org, *.org, 127.0.0.1, ::1; none matches example.net",
                e.getMessage());
    }
}
