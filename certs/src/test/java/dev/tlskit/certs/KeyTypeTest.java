package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void cliNameRoundTripsThroughFromCliName(KeyType type) {
        assertEquals(type, KeyType.fromCliName(type.cliName()));
        assertEquals(type.cliName(), type.toString());
    }

    @Test
    void cliNamesAreLowerCaseKebab() {
        assertEquals("rsa-2048", KeyType.RSA_2048.cliName());
        assertEquals("ec-p256", KeyType.EC_P256.cliName());
        assertEquals("ec-p384", KeyType.EC_P384.cliName());
        assertEquals("ed25519", KeyType.ED25519.cliName());
    }

    @Test
    void unknownCliNameIsRejectedWithTheValueAndTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyType.fromCliName("dsa-1024"));
        assertEquals("unknown key type 'dsa-1024' (valid: rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ed25519)",
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void generatesKeyPairsOfTheNamedType(KeyType type) {
        KeyPair pair = type.generate();
        switch (type) {
            case RSA_2048 -> assertEquals(2048, ((RSAPublicKey) pair.getPublic()).getModulus().bitLength());
            case EC_P256 -> assertEquals(256, ((ECPublicKey) pair.getPublic()).getParams().getOrder().bitLength());
            case EC_P384 -> assertEquals(384, ((ECPublicKey) pair.getPublic()).getParams().getOrder().bitLength());
            case ED25519 -> assertTrue(pair.getPublic().getAlgorithm().startsWith("Ed"),
                    pair.getPublic().getAlgorithm());
            default -> throw new AssertionError(type);
        }
    }
}
