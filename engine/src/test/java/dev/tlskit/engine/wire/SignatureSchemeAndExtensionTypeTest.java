package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureSchemeAndExtensionTypeTest {

    @Test
    void namesSignatureSchemesAndLegacyPairs() {
        assertEquals("rsa_pss_rsae_sha256", SignatureScheme.nameOf(0x0804));
        assertEquals("ecdsa_secp256r1_sha256", SignatureScheme.nameOf(0x0403));
        assertEquals("dsa_sha256", SignatureScheme.nameOf(0x0402));
        assertTrue(SignatureScheme.DSA_SHA256.legacy());
        assertFalse(SignatureScheme.ED25519.legacy());
        assertTrue(SignatureScheme.RSA_PKCS1_SHA1.weakHash());
        assertFalse(SignatureScheme.RSA_PKCS1_SHA256.weakHash());
        assertSame(SignatureScheme.ED448, SignatureScheme.named("ED448"));
        assertEquals("0x0A0A", SignatureScheme.nameOf(0x0A0A));
    }

    @Test
    void namesExtensions() {
        assertEquals("server_name", ExtensionType.nameOf(0));
        assertEquals("key_share", ExtensionType.nameOf(51));
        assertEquals("renegotiation_info", ExtensionType.nameOf(0xFF01));
        assertEquals("encrypted_client_hello", ExtensionType.nameOf(0xFE0D));
        assertEquals("GREASE 0x2A2A", ExtensionType.nameOf(0x2A2A));
        assertEquals("extension 17513", ExtensionType.nameOf(17513));
    }

    @Test
    void agreeWithBouncyCastlesRegistries() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Field f : org.bouncycastle.tls.SignatureScheme.class.getFields()) {
            if (isCodePoint(f) && !f.getName().startsWith("DRAFT_")) {
                SignatureScheme s = SignatureScheme.of(f.getInt(null));
                if (s == null || !s.ianaName().equals(f.getName())) {
                    wrong.add(f.getName());
                }
            }
        }
        for (Field f : org.bouncycastle.tls.ExtensionType.class.getFields()) {
            if (isCodePoint(f)) {
                ExtensionType t = ExtensionType.of(f.getInt(null));
                if (t == null || !t.ianaName().equals(f.getName())) {
                    wrong.add(f.getName());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static boolean isCodePoint(Field f) {
        return f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers());
    }
}
