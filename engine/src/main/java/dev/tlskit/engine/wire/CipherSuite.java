package dev.tlskit.engine.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of the IANA TLS Cipher Suites registry, with what a scanner wants to know about it. The registry is
 * data ({@code cipher-suites.txt} next to this class), read once on first use.
 *
 * @param code the two-byte code point ({@code 0x1301})
 * @param ianaName the registry's name ({@code TLS_AES_128_GCM_SHA256}); JSSE's standard name too, except for
 *     the SSLv3-era suites, which JSSE spells with {@code SSL_} (see {@link #jsseName()})
 * @param opensslName OpenSSL's name ({@code ECDHE-RSA-AES128-GCM-SHA256}; TLS 1.3 suites keep the IANA name), or
 *     null when OpenSSL has none
 * @param keyExchange how the premaster (1.2) is agreed; {@link KeyExchange#ANY} for TLS 1.3 suites
 * @param authentication how the server is authenticated; {@link Authentication#ANY} for TLS 1.3 suites
 * @param cipher the bulk cipher
 * @param keyBits the bulk cipher's effective key bits (40 for export ciphers, 168 for 3DES, 0 for NULL)
 * @param mac the record MAC, {@link Mac#AEAD} when the cipher is an AEAD
 * @param minVersion the oldest protocol version that may negotiate the suite; null for signalling values (SCSVs)
 */
public record CipherSuite(
        int code, String ianaName, String opensslName, KeyExchange keyExchange, Authentication authentication,
        BulkCipher cipher, int keyBits, Mac mac, ProtocolVersion minVersion) {

    /** Key exchange of a TLS 1.2-and-older suite. */
    public enum KeyExchange {
        NULL, RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, RSA_PSK, ECDHE_PSK, SRP, KRB5, ECCPWD, GOST,
        /** TLS 1.3: the suite does not say; key_share and psk_key_exchange_modes do. */
        ANY,
        /** A signalling value, not a suite. */
        NONE
    }

    /** Server authentication. {@code ANON} is none at all (anonymous Diffie-Hellman). */
    public enum Authentication {
        NULL, RSA, DSS, ECDSA, ANON, PSK, SRP, KRB5, ECCPWD, GOST, ANY, NONE
    }

    /** Bulk ciphers, mode included; {@link #aead()} says whether the mode authenticates. */
    public enum BulkCipher {
        NULL(false), RC4(false), RC2_CBC(false), IDEA_CBC(false), DES_CBC(false), TRIPLE_DES_EDE_CBC(false),
        SEED_CBC(false), AES_CBC(false), AES_GCM(true), AES_CCM(true), AES_CCM_8(true), CAMELLIA_CBC(false),
        CAMELLIA_GCM(true), ARIA_CBC(false), ARIA_GCM(true), CHACHA20_POLY1305(true), SM4_GCM(true), SM4_CCM(true),
        AEGIS_256(true), AEGIS_128L(true), KUZNYECHIK_CTR(false), MAGMA_CTR(false), GOST28147_CNT(false),
        KUZNYECHIK_MGM(true), MAGMA_MGM(true), NONE(false);

        private final boolean aead;

        BulkCipher(boolean aead) {
            this.aead = aead;
        }

        public boolean aead() {
            return aead;
        }
    }

    /** The record MAC; {@code AEAD} when the cipher authenticates, {@code SHA1} is the registry's "SHA". */
    public enum Mac {
        NULL, MD5, SHA1, SHA256, SHA384, OMAC, IMIT, AEAD, NONE
    }

    private static final String RESOURCE = "cipher-suites.txt";

    public CipherSuite {
        if (code < 0 || code > 0xFFFF || ianaName == null) {
            throw new IllegalArgumentException("bad cipher suite entry " + code + " " + ianaName);
        }
    }

    /** The suite with this code point, or null when the registry has none. */
    public static CipherSuite of(int code) {
        return Table.INSTANCE.byCode.get(code);
    }

    /**
     * The suite named {@code name} in any spelling tlskit accepts, case-insensitively: IANA
     * ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}), JSSE's {@code SSL_} form of the SSLv3-era names, or OpenSSL
     * ({@code ECDHE-RSA-AES128-GCM-SHA256}). Null when none matches.
     */
    public static CipherSuite named(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT);
        Table t = Table.INSTANCE;
        CipherSuite s = t.byIana.get(key);
        if (s == null && key.startsWith("SSL_")) {
            s = t.byIana.get("TLS_" + key.substring(4));
        }
        return s != null ? s : t.byOpenssl.get(key);
    }

    /**
     * The name to hand JSSE for a suite the user named in any spelling, or null when it is none tlskit knows:
     * an OpenSSL name becomes the suite's {@link #jsseName()}; an IANA or JSSE name ({@code TLS_...},
     * {@code SSL_...}) is passed on, in the registry's spelling when the registry has it, else upper-cased
     * (the provider then judges it).
     */
    public static String jsseNameOf(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.startsWith("TLS_") || upper.startsWith("SSL_")) {
            CipherSuite s = Table.INSTANCE.byIana.get(upper);
            return s != null ? s.ianaName : upper;
        }
        CipherSuite s = Table.INSTANCE.byOpenssl.get(upper);
        return s != null ? s.jsseName() : null;
    }

    /** The IANA name of {@code code}, or {@code 0xNNNN} when unassigned. */
    public static String nameOf(int code) {
        CipherSuite s = of(code);
        return s != null ? s.ianaName : String.format("0x%04X", code);
    }

    /** Every registry entry, by code point. */
    public static List<CipherSuite> all() {
        return Table.INSTANCE.all;
    }

    /**
     * The name JSSE's {@code setEnabledCipherSuites} takes: the IANA name, or for the SSLv3-era suites
     * (0x0000-0x001B) the {@code SSL_} spelling SunJSSE lists them by.
     */
    public String jsseName() {
        return code <= 0x001B ? "SSL_" + ianaName.substring(4) : ianaName;
    }

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_FALLBACK_SCSV: code points that signal, not suites. */
    public boolean isSignalling() {
        return keyExchange == KeyExchange.NONE;
    }

    public boolean isTls13() {
        return minVersion == ProtocolVersion.TLS13;
    }

    /** No encryption at all (NULL cipher; integrity only or nothing). */
    public boolean isNullCipher() {
        return cipher == BulkCipher.NULL;
    }

    /** The server is not authenticated (anonymous DH/ECDH, or TLS_NULL_WITH_NULL_NULL). */
    public boolean isAnonymous() {
        return authentication == Authentication.ANON || authentication == Authentication.NULL;
    }

    /** A 1990s export-grade suite (40- or 56-bit keys by design). */
    public boolean isExport() {
        return ianaName.contains("_EXPORT");
    }

    public boolean isRc4() {
        return cipher == BulkCipher.RC4;
    }

    /** Single DES (56 or 40 bits); 3DES is {@link #isTripleDes()}. */
    public boolean isDes() {
        return cipher == BulkCipher.DES_CBC;
    }

    public boolean isTripleDes() {
        return cipher == BulkCipher.TRIPLE_DES_EDE_CBC;
    }

    /** Whether the key exchange is ephemeral, so a stolen server key does not open recorded traffic. */
    public boolean forwardSecrecy() {
        return switch (keyExchange) {
            case DHE, ECDHE, DHE_PSK, ECDHE_PSK, ECCPWD, ANY -> true;
            default -> false;
        };
    }

    public boolean isAead() {
        return cipher.aead();
    }

    /** Whether the ServerKeyExchange of this suite carries ECDHE parameters (a named curve). */
    public boolean isEcdhe() {
        return keyExchange == KeyExchange.ECDHE || keyExchange == KeyExchange.ECDHE_PSK;
    }

    /** Whether the ServerKeyExchange of this suite carries finite-field DHE parameters (p, g, Ys). */
    public boolean isFiniteFieldDhe() {
        return keyExchange == KeyExchange.DHE || keyExchange == KeyExchange.DHE_PSK;
    }

    @Override
    public String toString() {
        return ianaName;
    }

    /** The parsed resource, built on first use (holder idiom: thread-safe, lazy). */
    private static final String[][] BORINGSSL_TLS13_NAMES = {
        {"AEAD-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"},
        {"AEAD-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384"},
        {"AEAD-CHACHA20-POLY1305-SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
    };

    private static final class Table {
        static final Table INSTANCE = new Table();

        final Map<Integer, CipherSuite> byCode = new HashMap<>();
        final Map<String, CipherSuite> byIana = new HashMap<>();
        final Map<String, CipherSuite> byOpenssl = new HashMap<>();
        final List<CipherSuite> all;

        private Table() {
            List<CipherSuite> list = new ArrayList<>();
            try (InputStream in = CipherSuite.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                int lineNo = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    lineNo++;
                    if (!line.isBlank() && !line.startsWith("#")) {
                        list.add(parse(line, lineNo));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(RESOURCE, e);
            }
            for (CipherSuite s : list) {
                put(byCode, s.code, s);
                put(byIana, s.ianaName.toUpperCase(Locale.ROOT), s);
                if (s.opensslName != null) {
                    put(byOpenssl, s.opensslName.toUpperCase(Locale.ROOT), s);
                }
            }
            // BoringSSL's own names for the TLS 1.3 suites, which Netty's engine lists beside the IANA ones.
            for (String[] alias : BORINGSSL_TLS13_NAMES) {
                put(byOpenssl, alias[0], byIana.get(alias[1]));
            }
            all = Collections.unmodifiableList(list);
        }

        private static <K> void put(Map<K, CipherSuite> map, K key, CipherSuite s) {
            if (map.put(key, s) != null) {
                throw new IllegalStateException(RESOURCE + ": duplicate " + key);
            }
        }

        private static CipherSuite parse(String line, int lineNo) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 9) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": 9 fields expected: " + line);
            }
            boolean scsv = f[3].equals("-");
            return new CipherSuite(Integer.parseInt(f[0], 16), f[1], f[2].equals("-") ? null : f[2],
                    scsv ? KeyExchange.NONE : KeyExchange.valueOf(f[3]),
                    scsv ? Authentication.NONE : Authentication.valueOf(f[4]),
                    scsv ? BulkCipher.NONE : BulkCipher.valueOf(f[5]), Integer.parseInt(f[6]),
                    scsv ? Mac.NONE : Mac.valueOf(f[7]), scsv ? null : ProtocolVersion.valueOf(f[8]));
        }
    }
}
