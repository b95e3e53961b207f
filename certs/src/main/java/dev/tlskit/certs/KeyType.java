package dev.tlskit.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The key types tlskit generates. The same values back the CLI's {@code --key-type} flag, by {@link #cliName()}.
 */
public enum KeyType {
    RSA_2048("rsa-2048", "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    RSA_3072("rsa-3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
    RSA_4096("rsa-4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4)),
    EC_P256("ec-p256", "EC", new ECGenParameterSpec("secp256r1")),
    EC_P384("ec-p384", "EC", new ECGenParameterSpec("secp384r1")),
    ED25519("ed25519", "Ed25519", null);

    private final String cliName;
    private final String jcaAlgorithm;
    private final AlgorithmParameterSpec spec;

    KeyType(String cliName, String jcaAlgorithm, AlgorithmParameterSpec spec) {
        this.cliName = cliName;
        this.jcaAlgorithm = jcaAlgorithm;
        this.spec = spec;
    }

    /** The lower-case name used on the command line, e.g. {@code ec-p256}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The key type named {@code name} on the command line (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and listing the valid ones
     */
    public static KeyType fromCliName(String name) {
        for (KeyType type : values()) {
            if (type.cliName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + name + "' (valid: "
                + Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /** Generates a fresh key pair of this type with the JDK's providers. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaAlgorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Every type here is in the JDK since 15; reaching this means a broken runtime.
            throw new IllegalStateException("cannot generate " + cliName + " key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
