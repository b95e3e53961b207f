package dev.tlskit.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The embedded demo CA, server and client identities, used when no certificate flags are given.
 * <p>
 * <b>TEST ONLY:</b> these private keys are public (they ship in the jar); never trust this CA outside tests.
 * Servers: CN localhost, SAN DNS localhost, IP 127.0.0.1 and ::1, serverAuth. Clients: CN "tlskit demo client",
 * clientAuth. All valid 2025-01-01 to 2075-01-01, signed by one EC P-256 CA. Chains hold the leaf only.
 */
public final class DemoMaterial {
    static final String RESOURCE_DIR = "/dev/tlskit/certs/demo/";

    /** The key type of the demo leaf certificates (the CA is EC P-256 for both). */
    public enum Variant { EC, RSA }

    private DemoMaterial() {
    }

    /** The demo CA certificate (CN "tlskit demo CA (TEST ONLY)"). */
    public static X509Certificate ca() {
        return Ca.CERT;
    }

    public static Identity server(Variant variant) {
        return variant == Variant.RSA ? ServerRsa.ID : ServerEc.ID;
    }

    public static Identity client(Variant variant) {
        return variant == Variant.RSA ? ClientRsa.ID : ClientEc.ID;
    }

    /** The EC P-256 demo server identity. */
    public static Identity server() {
        return server(Variant.EC);
    }

    /** The EC P-256 demo client identity. */
    public static Identity client() {
        return client(Variant.EC);
    }

    /**
     * Writes the demo material for external peers (openssl, gnutls): ca.pem, server.pem/.key, client.pem/.key,
     * server-rsa.pem/.key and client-rsa.pem/.key; keys unencrypted PKCS#8, mode 0600. Creates {@code dir}.
     */
    public static void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Pem.error(dir.toString(), "cannot create directory: " + Pem.describe(e), e);
        }
        Pem.write(dir.resolve("ca.pem"), Pem.encode(ca()), false);
        writeIdentity(dir, "server", server(Variant.EC));
        writeIdentity(dir, "client", client(Variant.EC));
        writeIdentity(dir, "server-rsa", server(Variant.RSA));
        writeIdentity(dir, "client-rsa", client(Variant.RSA));
    }

    /**
     * The files {@link #writeTo} writes, as a set to write all at once or not at all (for {@code tlskit certgen
     * --demo}): ca.pem, server.pem/.key, client.pem/.key, server-rsa.pem/.key, client-rsa.pem/.key; keys secret.
     */
    public static FileSet files() {
        FileSet set = new FileSet().add("ca.pem", Pem.encode(ca()), false);
        for (String name : List.of("server", "client", "server-rsa", "client-rsa")) {
            Variant v = name.endsWith("-rsa") ? Variant.RSA : Variant.EC;
            Identity id = name.startsWith("server") ? server(v) : client(v);
            set.add(name + ".pem", Pem.encode(id.chain().toArray(new X509Certificate[0])), false);
            set.add(name + ".key", Pem.encodePkcs8(id.privateKey()), true);
        }
        return set;
    }

    private static void writeIdentity(Path dir, String name, Identity identity) {
        Pem.write(dir.resolve(name + ".pem"), Pem.encode(identity.chain().toArray(new X509Certificate[0])), false);
        Pem.write(dir.resolve(name + ".key"), Pem.encodePkcs8(identity.privateKey()), true);
    }

    /** Parsed once, on first use. */
    // One holder per item, each read when first asked for (the JVM's lazy class initialisation): a client on the
    // demo identity reads the CA and its own identity, not the server's nor the RSA ones.
    private static final class Ca {
        static final X509Certificate CERT = Pem.certificates(RESOURCE_DIR + "ca.pem", resource("ca.pem")).get(0);
    }

    private static final class ServerEc {
        static final Identity ID = identity("server-ec");
    }

    private static final class ClientEc {
        static final Identity ID = identity("client-ec");
    }

    private static final class ServerRsa {
        static final Identity ID = identity("server-rsa");
    }

    private static final class ClientRsa {
        static final Identity ID = identity("client-rsa");
    }

    /**
     * A demo identity from the jar. Its key is not checked against its certificate here (a signature and its
     * verification, cold, at every start): DemoMaterialTest checks every one of them.
     */
    private static Identity identity(String name) {
        String keyName = RESOURCE_DIR + name + ".key";
        PrivateKey key = Pem.findPrivateKey(keyName, resource(name + ".key"), null)
                .orElseThrow(() -> Pem.error(keyName, "no private key found", null));
        return new Identity(key, Pem.certificates(RESOURCE_DIR + name + ".pem", resource(name + ".pem")));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoMaterial.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("demo material missing from the classpath: " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo resource " + name, e);
        }
    }
}
