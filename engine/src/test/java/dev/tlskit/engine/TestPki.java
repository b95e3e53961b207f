package dev.tlskit.engine;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Configurations built from the demo material or from certificates made on the spot. */
public final class TestPki {
    private TestPki() {}

    /** A client trusting the demo CA, presenting the demo client certificate, speaking only {@code version}. */
    public static TlsConfig.Builder client(TlsProvider provider, TlsVersion version) {
        Identity id = DemoMaterial.client();
        return TlsConfig.forClient()
                .provider(provider)
                .versions(Set.of(version))
                .trustAnchors(List.of(DemoMaterial.ca()))
                .identity(id.privateKey(), id.chain());
    }

    /** A client trusting the demo CA, without a certificate of its own. */
    public static TlsConfig.Builder anonymousClient(TlsProvider provider, TlsVersion version) {
        return TlsConfig.forClient()
                .provider(provider)
                .versions(Set.of(version))
                .trustAnchors(List.of(DemoMaterial.ca()));
    }

    /** A server with the demo server certificate, trusting the demo CA for client certificates. */
    public static TlsConfig.Builder server(TlsProvider provider, TlsVersion version, ClientAuth clientAuth) {
        Identity id = DemoMaterial.server();
        return TlsConfig.forServer(id.privateKey(), id.chain())
                .provider(provider)
                .versions(Set.of(version))
                .trustAnchors(List.of(DemoMaterial.ca()))
                .clientAuth(clientAuth);
    }

    /** A server presenting {@code leaf} (and the rest of {@code chain}). */
    public static TlsConfig.Builder serverWith(TlsProvider provider, HeldCertificate leaf, X509Certificate... more) {
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(leaf.certificate());
        chain.addAll(List.of(more));
        return TlsConfig.forServer(leaf.keyPair().getPrivate(), chain).provider(provider);
    }

    /** A fresh CA. */
    public static HeldCertificate newCa() {
        return HeldCertificate.builder()
                .commonName("tlskit engine test CA")
                .keyType(KeyType.EC_P256)
                .certificateAuthority(0)
                .build();
    }

    /** A server leaf for localhost / 127.0.0.1 signed by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static HeldCertificate localhostLeaf(HeldCertificate ca, Instant notBefore, Instant notAfter) {
        return HeldCertificate.builder()
                .commonName("localhost")
                .addDnsName("localhost")
                .addIpAddress("127.0.0.1")
                .serverAuth()
                .notBefore(notBefore)
                .notAfter(notAfter)
                .signedBy(ca)
                .build();
    }

    public static HeldCertificate localhostLeaf(HeldCertificate ca) {
        Instant now = Instant.now();
        return localhostLeaf(ca, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /**
     * Every client provider with every server provider on every version, as (client, server, version) arguments:
     * {@code @MethodSource("dev.tlskit.engine.TestPki#providerMatrix")}.
     */
    public static Stream<Arguments> providerMatrix() {
        List<Arguments> all = new ArrayList<>();
        for (TlsProvider clientProvider : TlsProvider.values()) {
            for (TlsProvider serverProvider : TlsProvider.values()) {
                for (TlsVersion version : TlsVersion.values()) {
                    all.add(Arguments.of(clientProvider, serverProvider, version));
                }
            }
        }
        return all.stream();
    }
}
