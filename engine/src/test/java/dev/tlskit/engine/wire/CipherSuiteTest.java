package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class CipherSuiteTest {

    @Test
    void findsASuiteByCodeIanaNameAndOpensslNameInAnyCase() {
        CipherSuite s = CipherSuite.of(0xC02F);
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", s.ianaName());
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", s.opensslName());
        assertSame(s, CipherSuite.named("tls_ecdhe_rsa_with_aes_128_gcm_sha256"));
        assertSame(s, CipherSuite.named(" ecdhe-rsa-aes128-gcm-sha256 "));
        assertSame(CipherSuite.of(0x000A), CipherSuite.named("SSL_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertNull(CipherSuite.named("NOT-A-SUITE"));
        assertNull(CipherSuite.of(0x0A0A), "GREASE is no suite");
    }

    @Test
    void describesTheKeyExchangeCipherAndMacOfASuite() {
        CipherSuite s = CipherSuite.named("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");
        assertEquals(CipherSuite.KeyExchange.ECDHE, s.keyExchange());
        assertEquals(CipherSuite.Authentication.ECDSA, s.authentication());
        assertEquals(CipherSuite.BulkCipher.AES_CBC, s.cipher());
        assertEquals(256, s.keyBits());
        assertEquals(CipherSuite.Mac.SHA384, s.mac());
        assertEquals(ProtocolVersion.TLS12, s.minVersion());
        assertTrue(s.forwardSecrecy());
        assertFalse(s.isAead());

        CipherSuite t13 = CipherSuite.of(0x1303);
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", t13.opensslName(), "OpenSSL keeps the IANA names for 1.3");
        assertTrue(t13.isTls13() && t13.isAead() && t13.forwardSecrecy());
        assertEquals(CipherSuite.KeyExchange.ANY, t13.keyExchange());
    }

    @Test
    void flagsWhatAScannerReports() {
        assertTrue(CipherSuite.named("TLS_RSA_EXPORT_WITH_RC4_40_MD5").isExport());
        assertEquals(40, CipherSuite.named("EXP-RC4-MD5").keyBits());
        assertTrue(CipherSuite.named("RC4-SHA").isRc4());
        assertTrue(CipherSuite.named("DES-CBC-SHA").isDes());
        assertTrue(CipherSuite.named("DES-CBC3-SHA").isTripleDes());
        assertEquals(168, CipherSuite.named("DES-CBC3-SHA").keyBits());
        assertTrue(CipherSuite.named("TLS_RSA_WITH_NULL_SHA256").isNullCipher());
        assertTrue(CipherSuite.named("ADH-AES128-SHA").isAnonymous());
        assertTrue(CipherSuite.named("TLS_ECDH_anon_WITH_AES_128_CBC_SHA").isAnonymous());
        assertFalse(CipherSuite.named("AES128-GCM-SHA256").forwardSecrecy(), "static RSA key exchange");
        assertTrue(CipherSuite.named("AES128-GCM-SHA256").isAead());
        assertEquals(ProtocolVersion.SSL3, CipherSuite.named("RC4-MD5").minVersion());
        assertEquals(ProtocolVersion.TLS10, CipherSuite.named("AES128-SHA").minVersion());
    }

    @Test
    void holdsTheSignallingValuesAndTheRarerFamilies() {
        assertTrue(CipherSuite.of(0x00FF).isSignalling());
        assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", CipherSuite.of(0x00FF).ianaName());
        assertEquals("TLS_FALLBACK_SCSV", CipherSuite.of(0x5600).ianaName());
        assertNull(CipherSuite.of(0x5600).minVersion());
        assertEquals(CipherSuite.KeyExchange.KRB5, CipherSuite.of(0x001E).keyExchange());
        assertEquals(CipherSuite.KeyExchange.SRP, CipherSuite.named("TLS_SRP_SHA_WITH_AES_128_CBC_SHA").keyExchange());
        assertEquals(CipherSuite.KeyExchange.DHE_PSK, CipherSuite.of(0xC0AA).keyExchange()); // TLS_PSK_DHE_...
        assertEquals(CipherSuite.BulkCipher.ARIA_GCM, CipherSuite.of(0xC05C).cipher());
        assertEquals(CipherSuite.BulkCipher.CAMELLIA_CBC, CipherSuite.of(0x0041).cipher());
        assertEquals(CipherSuite.BulkCipher.KUZNYECHIK_CTR, CipherSuite.of(0xC100).cipher());
        assertEquals(CipherSuite.BulkCipher.AES_CCM_8, CipherSuite.of(0x1305).cipher());
        assertEquals("0x0A0A", CipherSuite.nameOf(0x0A0A));
    }

    @Test
    void listsEveryCodePointOnceInOrder() {
        List<CipherSuite> all = CipherSuite.all();
        assertTrue(all.size() > 340, "entries: " + all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).code() < all.get(i).code(), all.get(i).ianaName());
        }
    }

    @Test
    void turnsAnySpellingIntoTheNameJsseTakes() {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuite.jsseNameOf("ECDHE-RSA-AES256-GCM-SHA384"));
        assertEquals("TLS_AES_128_GCM_SHA256", CipherSuite.jsseNameOf("tls_aes_128_gcm_sha256"));
        assertEquals("SSL_RSA_WITH_3DES_EDE_CBC_SHA", CipherSuite.jsseNameOf("DES-CBC3-SHA"));
        assertEquals("TLS_DH_anon_WITH_AES_128_CBC_SHA", CipherSuite.jsseNameOf("TLS_DH_ANON_WITH_AES_128_CBC_SHA"));
        assertEquals("TLS_NOT_IN_THE_REGISTRY", CipherSuite.jsseNameOf("tls_not_in_the_registry"),
                "a TLS_ name is the provider's to judge");
        assertNull(CipherSuite.jsseNameOf("NOT-A-SUITE"));
    }

    @Test
    void hasEverySuiteBouncyCastleDefinesUnderTheSameName() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Field f : org.bouncycastle.tls.CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                CipherSuite s = CipherSuite.of(f.getInt(null));
                if (s == null || !s.ianaName().equals(f.getName())) {
                    missing.add(f.getName());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void namesEverySuiteTheJsseProvidersSupport() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (TlsProvider provider : TlsProvider.values()) {
            SSLEngine engine = TlsContext.create(TestPki.client(provider, TlsVersion.TLS_1_3).build())
                    .newEngine("localhost", 1);
            for (String name : engine.getSupportedCipherSuites()) {
                CipherSuite s = CipherSuite.named(name);
                if (s == null) {
                    unknown.add(provider + " " + name);
                } else {
                    assertNotNull(s.jsseName());
                }
            }
        }
        assertEquals(List.of(), unknown);
    }
}
