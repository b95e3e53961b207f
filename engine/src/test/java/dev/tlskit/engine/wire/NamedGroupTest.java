package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedGroupTest {

    @Test
    void printsGroupsAsTheSeedDoes() {
        assertEquals("X25519", NamedGroup.nameOf(0x001D));
        assertEquals("SECP256R1", NamedGroup.nameOf(0x0017));
        assertEquals("FFDHE2048", NamedGroup.nameOf(0x0100));
        assertEquals("X25519MLKEM768", NamedGroup.nameOf(0x11EC));
        assertEquals("SECP256R1MLKEM768", NamedGroup.nameOf(0x11EB));
        assertEquals("0x0A0A", NamedGroup.nameOf(0x0A0A));
    }

    @Test
    void readsAGroupFromAnyOfItsNamesInAnyCase() {
        for (String name : List.of("secp256r1", "SECP256R1", "P-256", "p256", "prime256v1")) {
            assertSame(NamedGroup.SECP256R1, NamedGroup.named(name), name);
        }
        assertSame(NamedGroup.X25519, NamedGroup.named("X25519"));
        assertSame(NamedGroup.X25519MLKEM768, NamedGroup.named("x25519mlkem768"));
        assertSame(NamedGroup.SECP384R1MLKEM1024, NamedGroup.named("SecP384r1MLKEM1024"));
        assertSame(NamedGroup.BRAINPOOLP256R1TLS13, NamedGroup.named("brainpoolp256r1tls13"));
        assertNull(NamedGroup.named("curve9"));
    }

    @Test
    void givesJsseAndOpensslNames() {
        assertEquals("secp256r1", NamedGroup.SECP256R1.jsseName());
        assertEquals("P-256", NamedGroup.SECP256R1.opensslName());
        assertEquals("X25519", NamedGroup.X25519.opensslName());
        assertEquals("ffdhe2048", NamedGroup.FFDHE2048.opensslName());
        assertEquals("X25519MLKEM768", NamedGroup.X25519MLKEM768.jsseName());
        assertEquals(List.of("x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "ffdhe3072",
                "ffdhe4096", "ffdhe6144", "ffdhe8192"), NamedGroup.usualNames());
    }

    @Test
    void knowsTheKindAndKeyShareSizes() {
        assertEquals(NamedGroup.Kind.HYBRID_KEM, NamedGroup.X25519MLKEM768.kind());
        assertEquals(1216, NamedGroup.X25519MLKEM768.clientShareLength());
        assertEquals(1120, NamedGroup.X25519MLKEM768.serverShareLength());
        assertEquals(32, NamedGroup.X25519.clientShareLength());
        assertEquals(65, NamedGroup.SECP256R1.clientShareLength());
        assertEquals(256, NamedGroup.FFDHE2048.clientShareLength());
        assertEquals(NamedGroup.Kind.KEM, NamedGroup.MLKEM768.kind());
        assertTrue(NamedGroup.MLKEM768.postQuantum());
        assertEquals(NamedGroup.Kind.FFDHE, NamedGroup.FFDHE8192.kind());
    }

    @Test
    void hasTheCodePointsBouncyCastleDefines() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Field f : org.bouncycastle.tls.NamedGroup.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && !f.getName().startsWith("OQS_")) {
                NamedGroup g = NamedGroup.of(f.getInt(null));
                if (g == null || !g.ianaName().equals(f.getName())) {
                    wrong.add(f.getName() + "=" + f.getInt(null));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void recognisesGreaseValues() {
        assertTrue(Grease.is(0x0A0A));
        assertTrue(Grease.is(0xFAFA));
        assertTrue(!Grease.is(0x0A1A) && !Grease.is(0x001D));
    }
}
