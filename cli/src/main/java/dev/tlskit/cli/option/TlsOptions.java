package dev.tlskit.cli.option;

import dev.tlskit.certs.Pem;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.KeyLog;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Protocol flags every TLS command shares. */
@OptionGroup.In(OptionGroup.TLS)
public final class TlsOptions {
    @Option(names = {"-v", "--tls-version"}, paramLabel = "VERSION",
            description = "1.2 or 1.3 (wolfSSL's 3 and 4 too), or d/auto for the highest both sides have, at least"
                    + " 1.2 (default: auto)")
    String version = "auto";

    @Option(names = {"-l", "--ciphers"}, paramLabel = "LIST",
            description = ":-separated cipher suites in preference order; IANA or OpenSSL names")
    String ciphers;

    @Option(names = "--groups", paramLabel = "LIST",
            description = ":-separated named groups in preference order, e.g. x25519:secp256r1; the post-quantum"
                    + " X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024 and MLKEM512/768/1024 run on bc"
                    + " (SunJSSE up to Java 25 has none of them). Default on bc: X25519MLKEM768 first, with key shares for it and X25519, then"
                    + " x25519, secp256r1, secp384r1, ... (the server takes a hybrid whenever the client offers one);"
                    + " --groups x25519:secp256r1:secp384r1 turns that off. Default on boringssl: X25519MLKEM768,"
                    + " x25519, secp256r1, secp384r1, secp521r1 (X25519MLKEM768 there too). Default on jdk: SunJSSE's"
                    + " defaults")
    String groups;

    @Option(names = "--provider", paramLabel = "NAME", completionCandidates = ProviderNames.class,
            converter = ProviderNames.class,
            description = "TLS implementation: jdk (SunJSSE), bc (Bouncy Castle JSSE) or boringssl (BoringSSL"
                    + " through Netty's tcnative; TLS only, X25519MLKEM768 first by default) (default: jdk; bc with a"
                    + " key log)")
    TlsProvider provider;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--keylog", paramLabel = "FILE",
            description = "append every connection's secrets to FILE (NSS key log) so Wireshark can decrypt a"
                    + " capture; " + KEYLOG_ENV + " is honoured too. Uses the bc provider unless --provider boringssl:"
                    + " jdk cannot export them")
    Path keyLog;

    /** The environment variable browsers, curl and OpenSSL-based tools write their key logs to. */
    public static final String KEYLOG_ENV = "SSLKEYLOGFILE";

    @Option(names = {"-S", "--sni"}, paramLabel = "NAME",
            description = "client: the SNI name to send and to verify the certificate against (default: the host,"
                    + " unless an IP address); server: the only SNI name accepted (no SNI or another: alert"
                    + " unrecognized_name)")
    String sni;

    @Option(names = {"-L", "--alpn"}, paramLabel = "LIST", split = ",",
            description = "ALPN protocols, comma-separated, e.g. h2,http/1.1")
    List<String> alpn;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "limit for connecting, the handshake and each wait for the peer (default: 10)")
    double timeoutSeconds = 10;

    /** The SNI name asked for with -S, or null. */
    public String sni() {
        return sni;
    }

    /** The provider asked for with --provider, or null for the default. */
    public TlsProvider provider() {
        return provider;
    }

    public Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new UsageException("--timeout " + timeoutSeconds + ": must be more than 0 seconds (and at most"
                    + " 86400)");
        }
        return Duration.ofMillis(Math.max(1, (long) (timeoutSeconds * 1000)));
    }

    /**
     * Applies every protocol flag to a configuration builder; the provider is bc when a key log is asked for and
     * --provider names none. The key log itself comes with {@link #applyKeyLog}, once every other flag is checked.
     *
     * @param dtls whether the connection is DTLS (no key log there: DTLS runs on the jdk provider)
     */
    public void applyTo(TlsConfig.Builder b, boolean dtls) {
        boolean keyLogAsked = keyLog != null || keyLogVariable() != null;
        b.provider(provider != null ? provider : keyLogAsked && !dtls ? TlsProvider.BC : TlsProvider.JDK);
        b.versions(versions());
        if (ciphers != null) {
            List<String> suites = SuiteNames.iana("--ciphers", split(ciphers, "--ciphers"));
            checkSuitesFitVersions(suites, versions());
            b.cipherSuites(suites);
        }
        if (groups != null) {
            List<String> names = split(groups, "--groups");
            checkGroups(groups, names);
            b.namedGroups(names);
        }
        if (sni != null) {
            try {
                b.serverName(sni);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--sni " + sni + ": " + e.getMessage());
            }
        }
        if (alpn != null) {
            b.applicationProtocols(alpn);
        }
        Duration t = timeout();
        b.handshakeTimeout(t).readTimeout(t);
    }

    /**
     * Opens the key log asked for with --keylog or, failing that, {@value #KEYLOG_ENV}, and sets it: none if none is
     * asked for, or if only the environment asks and this connection cannot have one (the variable is often set
     * for other programs, so it gets a warning, while --keylog gets a usage error). Call it last: it creates the
     * file, which a later usage error should not leave behind.
     */
    public void applyKeyLog(TlsConfig.Builder b, boolean dtls, PrintWriter err) {
        b.keyLog(openKeyLog(dtls, err));
    }

    private static String keyLogVariable() {
        String env = System.getenv(KEYLOG_ENV);
        return env == null || env.isBlank() ? null : env;
    }

    private KeyLog openKeyLog(boolean dtls, PrintWriter err) {
        Path path = keyLog;
        String source = "--keylog " + keyLog;
        if (path == null) {
            String env = keyLogVariable();
            if (env == null) {
                return null;
            }
            path = Path.of(env);
            source = KEYLOG_ENV + "=" + env;
        }
        String cannot = null;
        if (dtls) {
            cannot = "no key log for DTLS: it runs on the jdk provider, which does not export TLS secrets";
        } else if (provider != null && !provider.writesKeyLog()) {
            cannot = "the " + provider + " provider does not export TLS secrets; use --provider bc (the default"
                    + " with a key log)";
        }
        if (cannot != null) {
            if (keyLog == null) {
                Errors.warn(err, source + " ignored: " + cannot);
                return null;
            }
            throw new UsageException(source + ": " + cannot);
        }
        String shown = source;
        try {
            KeyLog log = KeyLog.open(path,
                    e -> Errors.warn(err, shown + ": cannot write: " + Pem.describe(e)));
            Errors.warn(err, source + ": writing TLS secrets"
                    + (provider == null ? " (bc provider)" : "") + "; whoever reads the file can decrypt the traffic");
            return log;
        } catch (IOException e) {
            throw new UsageException(source + ": cannot write: " + Pem.describe(e), null, e);
        }
    }

    /** Refuses a --groups list ({@code given} as typed) that names a group tlskit does not know. */
    public static void checkGroups(String given, List<String> names) {
        for (String g : names) {
            if (NamedGroup.named(g) == null) {
                throw new UsageException("--groups " + given + ": unknown group '" + g + "' (known: "
                        + NamedGroup.listedNames() + ")");
            }
        }
    }

    /** The versions {@code -v} allows. */
    public Set<TlsVersion> versions() {
        return Versions.parse(version);
    }

    /**
     * {@code -v 1.3 -l ECDHE-ECDSA-AES128-GCM-SHA256} can never shake hands (TLS 1.3 has its own five suites): a
     * usage error naming both flags, not a handshake failure with the provider's "No appropriate protocol".
     */
    private void checkSuitesFitVersions(List<String> suites, Set<TlsVersion> versions) {
        boolean any13 = suites.stream().anyMatch(n -> CipherSuite.named(n) != null && CipherSuite.named(n).isTls13());
        boolean anyOlder = suites.stream().anyMatch(n -> CipherSuite.named(n) == null || !CipherSuite.named(n).isTls13());
        if (versions.equals(EnumSet.of(TlsVersion.TLS_1_3)) && !any13) {
            throw new UsageException("-v " + version + " -l " + ciphers + ": no TLS 1.3 cipher suite in the list"
                    + " (TLS 1.3 has its own: TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,"
                    + " TLS_CHACHA20_POLY1305_SHA256)");
        }
        if (versions.equals(EnumSet.of(TlsVersion.TLS_1_2)) && !anyOlder) {
            throw new UsageException("-v " + version + " -l " + ciphers + ": only TLS 1.3 cipher suites in the list,"
                    + " which TLS 1.2 cannot use");
        }
    }

    private static List<String> split(String list, String flag) {
        List<String> out = new ArrayList<>(Arrays.asList(list.split(":")));
        for (Iterator<String> it = out.iterator(); it.hasNext(); ) {
            if (it.next().isBlank()) {
                it.remove();
            }
        }
        if (out.isEmpty()) {
            throw new UsageException(flag + " '" + list + "': empty list");
        }
        return out;
    }
}
