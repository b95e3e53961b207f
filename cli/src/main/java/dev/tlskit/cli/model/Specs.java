// GENERATED from the picocli annotations on tlskit's commands by dev.tlskit.cli.docs.ModelSource: do not edit.
// Regenerate with dev.tlskit.cli.docs.Docs (the command in GeneratedDocsTest); GeneratedModelTest fails when this is stale.
package dev.tlskit.cli.model;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** picocli's model of each tlskit command, built in code: no annotation is read, no proxy made. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Specs {
    private Specs() {}

    /** The model of command object {@code o} (a class with {@code @Command}), bound to it. */
    public static CommandSpec of(Object o) {
        switch (o.getClass().getName()) {
            case "dev.tlskit.cli.TlskitCommand": return tlskit(o);
            case "dev.tlskit.cli.command.ServerCommand": return server(o);
            case "dev.tlskit.cli.command.ClientCommand": return client(o);
            case "dev.tlskit.cli.command.EchoServerCommand": return echoserver(o);
            case "dev.tlskit.cli.command.EchoClientCommand": return echoclient(o);
            case "dev.tlskit.cli.command.CertgenCommand": return certgen(o);
            case "dev.tlskit.cli.command.ChatCommand": return chat(o);
            case "dev.tlskit.cli.bench.BenchCommand": return bench(o);
            case "dev.tlskit.cli.bench.HandshakeBenchCommand": return benchHandshake(o);
            case "dev.tlskit.cli.bench.ThroughputBenchCommand": return benchThroughput(o);
            case "dev.tlskit.cli.bench.CryptoBenchCommand": return benchCrypto(o);
            case "dev.tlskit.cli.bench.MemoryBenchCommand": return benchMemory(o);
            case "dev.tlskit.cli.command.ScanCommand": return scan(o);
            default: throw new IllegalArgumentException("no generated model for " + o.getClass().getName());
        }
    }

    /** {@code tlskit}. */
    static CommandSpec tlskit(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("tlskit");
        s.versionProvider(new dev.tlskit.cli.Version());
        s.usageMessage().description("A TLS toolkit: wolfSSL's example programs, rebuilt on one Java TLS engine (SunJSSE or Bouncy Castle), safe by default and scriptable.");
        s.usageMessage().exitCodeListHeading("%nExit codes:%n");
        s.usageMessage().footer("  # the seed's exchange: TLS 1.3, mutual auth, TEST-ONLY demo certificates", "  tlskit server & tlskit client", "  # a public server, with the platform's trust store; prints the HTTP response", "  tlskit client -h example.com -p 443 -A system -g", "  # your own CA, server and client certificates in ./tlskit-certs/", "  tlskit certgen", "  # every command has its own help and man page; the pages are in man/ of the", "  # source tree: 'man tlskit-client' finds them once MANPATH names that folder", "  tlskit client --help; man -l man/tlskit-client.1", "  export MANPATH=\"$PWD/man:$MANPATH\"; man tlskit-client");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("The TLS tool for the shell: client, server, echo and certificates on one Java TLS engine.");
        {
            FieldBinding f = FieldBinding.of(o, "help");
            s.addOption(FieldBinding.option(OptionSpec.builder("-?", "--help")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("show this help and exit")
                    .descriptionKey("")
                    .paramLabel("<help>")
                    .scopeType(picocli.CommandLine.ScopeType.INHERIT)
                    .usageHelp(true)
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.TlskitCommand.help")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "version");
            s.addOption(FieldBinding.option(OptionSpec.builder("--version")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print the version and exit")
                    .descriptionKey("")
                    .paramLabel("<version>")
                    .versionHelp(true)
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.TlskitCommand.version")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code server}. */
    static CommandSpec server(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("server");
        s.usageMessage().description("Accepts TLS connections, prints the negotiated version, cipher suite and curve, reads the client's message and answers \"I hear you fa shizzle!\", as wolfSSL's example server does. Loopback only (127.0.0.1 and ::1, one port) unless -b or --bind; one connection unless -C or -i; asks for and verifies a client certificate unless -d.");
        s.usageMessage().footer("  # mutual-auth TLS 1.3 on the TEST-ONLY demo certificates", "  tlskit server & tlskit client", "  # any free port (printed), until Ctrl-C, no client certificate asked", "  tlskit server -p 0 -i -d", "  # your own certificates (see tlskit certgen)", "  tlskit server -c server.pem -k server.key -A ca.pem", "  # interop: OpenSSL, curl and GnuTLS as clients, on the demo files written out", "  tlskit certgen --demo demo && tlskit server -i &", "  openssl s_client -connect localhost:11111 -CAfile demo/ca.pem \\", "      -cert demo/client.pem -key demo/client.key", "  tlskit server -g -d & curl --cacert demo/ca.pem https://localhost:11111/", "  tlskit server -d & gnutls-cli --port 11111 --x509cafile demo/ca.pem localhost");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Accept TLS connections and answer as wolfSSL's example server does.");
        s.addMixin("listen", mixinListenOptions(FieldBinding.mixin(o, "listen")));
        {
            FieldBinding f = FieldBinding.of(o, "connections");
            s.addOption(FieldBinding.option(OptionSpec.builder("-C")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("serve N connections, then exit (default: 1)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.command.ServerCommand.connections")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "forever");
            s.addOption(FieldBinding.option(OptionSpec.builder("-i")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("serve connections until interrupted")
                    .descriptionKey("")
                    .paramLabel("<forever>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ServerCommand.forever")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "noClientAuth");
            s.addOption(FieldBinding.option(OptionSpec.builder("-d")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("do not ask for a client certificate (default: require and verify one)")
                    .descriptionKey("")
                    .paramLabel("<noClientAuth>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ServerCommand.noClientAuth")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "echo");
            s.addOption(FieldBinding.option(OptionSpec.builder("-e")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("echo every byte back until the client closes, instead of one reply")
                    .descriptionKey("")
                    .paramLabel("<echo>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ServerCommand.echo")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "http");
            s.addOption(FieldBinding.option(OptionSpec.builder("-g")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("answer with a small HTML page (HTTP/1.0), for curl and browsers")
                    .descriptionKey("")
                    .paramLabel("<http>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ServerCommand.http")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "expectClientCert");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-client-cert")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("the client must send a certificate (useful with -d)")
                    .descriptionKey("")
                    .paramLabel("<expectClientCert>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ServerCommand.expectClientCert")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("expect", mixinExpectOptions(FieldBinding.mixin(o, "expect")));
        s.addMixin("chain", mixinChainOptions(FieldBinding.mixin(o, "chain")));
        s.addMixin("tls", mixinTlsOptions(FieldBinding.mixin(o, "tls")));
        s.addMixin("dtls", mixinDtlsOptions(FieldBinding.mixin(o, "dtls")));
        s.addMixin("keys", mixinKeyMaterialOptions(FieldBinding.mixin(o, "keys")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.ListenOptions}. */
    static CommandSpec mixinListenOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "port");
            s.addOption(FieldBinding.option(OptionSpec.builder("-p", "--port")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("port to listen on; 0 picks a free one and prints it (default: 11111)")
                    .descriptionKey("")
                    .paramLabel("PORT")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.option.ListenOptions.port")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("bind", mixinBindOptions(FieldBinding.mixin(o, "bind")));
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.BindOptions}. */
    static CommandSpec mixinBindOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "anyInterface");
            s.addOption(FieldBinding.option(OptionSpec.builder("-b")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("listen on every interface (default: loopback only)")
                    .descriptionKey("")
                    .paramLabel("<anyInterface>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.BindOptions.anyInterface")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "bind");
            s.addOption(FieldBinding.option(OptionSpec.builder("--bind")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("listen on this address (e.g. ::1, 127.0.0.2)")
                    .descriptionKey("")
                    .paramLabel("ADDR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.BindOptions.bind")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.ExpectOptions}. */
    static CommandSpec mixinExpectOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "version");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-version")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the negotiated version must be this: TLSv1.3 or 1.3, TLSv1.2 or 1.2")
                    .descriptionKey("")
                    .paramLabel("VERSION")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.ExpectOptions.version")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "cipher");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-cipher")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the negotiated cipher suite must be this (IANA or OpenSSL name)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.ExpectOptions.cipher")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "group");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-group")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the key exchange group must be this, e.g. x25519, secp256r1, P-256 or X25519MLKEM768")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.ExpectOptions.group")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "alpn");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-alpn")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the agreed ALPN protocol must be this")
                    .descriptionKey("")
                    .paramLabel("PROTO")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.ExpectOptions.alpn")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "sans");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-san")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("the peer certificate must name this DNS name or IP address (repeatable)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.option.ExpectOptions.sans")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "issuer");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-issuer")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the peer certificate's issuer DN must contain this text (case-insensitive)")
                    .descriptionKey("")
                    .paramLabel("TEXT")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.ExpectOptions.issuer")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "minDays");
            s.addOption(FieldBinding.option(OptionSpec.builder("--min-days")
                    .type(java.lang.Integer.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .prompt("")
                    .description("the peer certificate must stay valid for at least N more days")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Integer dev.tlskit.cli.option.ExpectOptions.minDays")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.ChainOptions}. */
    static CommandSpec mixinChainOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "show");
            s.addOption(FieldBinding.option(OptionSpec.builder("--show-certs")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print the peer's certificate chain to stderr with a verdict per certificate, and why verification failed, with a hint")
                    .descriptionKey("")
                    .paramLabel("<show>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.ChainOptions.show")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "saveDir");
            s.addOption(FieldBinding.option(OptionSpec.builder("--save-chain")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("write the peer's chain as PEM files to DIR (00-leaf.pem, 01-intermediate.pem, ...)")
                    .descriptionKey("")
                    .paramLabel("DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.option.ChainOptions.saveDir")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.TlsOptions}. */
    static CommandSpec mixinTlsOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "version");
            s.addOption(FieldBinding.option(OptionSpec.builder("-v", "--tls-version")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("1.2 or 1.3 (wolfSSL's 3 and 4 too), or d/auto for the highest both sides have, at least 1.2 (default: auto)")
                    .descriptionKey("")
                    .paramLabel("VERSION")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.TlsOptions.version")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ciphers");
            s.addOption(FieldBinding.option(OptionSpec.builder("-l", "--ciphers")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description(":-separated cipher suites in preference order; IANA or OpenSSL names")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.TlsOptions.ciphers")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "groups");
            s.addOption(FieldBinding.option(OptionSpec.builder("--groups")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description(":-separated named groups in preference order, e.g. x25519:secp256r1; the post-quantum X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024 and MLKEM512/768/1024 run on bc (SunJSSE up to Java 25 has none of them). Default on bc: X25519MLKEM768 first, with key shares for it and X25519, then x25519, secp256r1, secp384r1, ... (the server takes a hybrid whenever the client offers one); --groups x25519:secp256r1:secp384r1 turns that off. Default on boringssl: X25519MLKEM768, x25519, secp256r1, secp384r1, secp521r1 (X25519MLKEM768 there too). Default on jdk: SunJSSE's defaults")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.TlsOptions.groups")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "provider");
            s.addOption(FieldBinding.option(OptionSpec.builder("--provider")
                    .type(dev.tlskit.engine.model.TlsProvider.class)
                    .auxiliaryTypes(dev.tlskit.engine.model.TlsProvider.class)
                    .prompt("")
                    .description("TLS implementation: jdk (SunJSSE), bc (Bouncy Castle JSSE) or boringssl (BoringSSL through Netty's tcnative; TLS only, X25519MLKEM768 first by default) (default: jdk; bc with a key log)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.ProviderNames())
                    .completionCandidates(new dev.tlskit.cli.option.ProviderNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.model.TlsProvider dev.tlskit.cli.option.TlsOptions.provider")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "keyLog");
            s.addOption(FieldBinding.option(OptionSpec.builder("--keylog")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("append every connection's secrets to FILE (NSS key log) so Wireshark can decrypt a capture; SSLKEYLOGFILE is honoured too. Uses the bc provider unless --provider boringssl: jdk cannot export them")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.option.TlsOptions.keyLog")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "sni");
            s.addOption(FieldBinding.option(OptionSpec.builder("-S", "--sni")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("client: the SNI name to send and to verify the certificate against (default: the host, unless an IP address); server: the only SNI name accepted (no SNI or another: alert unrecognized_name)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.TlsOptions.sni")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "alpn");
            s.addOption(FieldBinding.option(OptionSpec.builder("-L", "--alpn")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("ALPN protocols, comma-separated, e.g. h2,http/1.1")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.option.TlsOptions.alpn")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "timeoutSeconds");
            s.addOption(FieldBinding.option(OptionSpec.builder("--timeout")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("limit for connecting, the handshake and each wait for the peer (default: 10)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.Seconds())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.option.TlsOptions.timeoutSeconds")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.DtlsOptions}. */
    static CommandSpec mixinDtlsOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "dtls");
            s.addOption(FieldBinding.option(OptionSpec.builder("-u", "--dtls")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("DTLS 1.2 over UDP instead of TLS over TCP (jdk provider only)")
                    .descriptionKey("")
                    .paramLabel("<dtls>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.DtlsOptions.dtls")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "mtu");
            s.addOption(FieldBinding.option(OptionSpec.builder("--mtu")
                    .type(java.lang.Integer.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .prompt("")
                    .description("with -u: the largest UDP payload to send (default: 1200)")
                    .descriptionKey("")
                    .paramLabel("BYTES")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Integer dev.tlskit.cli.option.DtlsOptions.mtu")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.KeyMaterialOptions}. */
    static CommandSpec mixinKeyMaterialOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "cert");
            s.addOption(FieldBinding.option(OptionSpec.builder("-c", "--cert")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("certificate chain (PEM, leaf first) or PKCS#12 file (default: the TEST-ONLY demo certificate)")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.option.KeyMaterialOptions.cert")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "key");
            s.addOption(FieldBinding.option(OptionSpec.builder("-k", "--key")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("private key (PEM: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8); default: in the -c file")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.option.KeyMaterialOptions.key")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "keyPassword");
            s.addOption(FieldBinding.option(OptionSpec.builder("--key-password")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("password of an encrypted key or PKCS#12: pass:TEXT, env:VAR or file:PATH")
                    .descriptionKey("")
                    .paramLabel("SOURCE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.KeyMaterialOptions.keyPassword")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ca");
            s.addOption(FieldBinding.option(OptionSpec.builder("-A", "--ca")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.nio.file.Path.class))
                    .prompt("")
                    .description("trust anchors: a PEM/DER file, a directory of PEM files, or a PKCS#12/JKS trust store; repeatable; 'system' for the platform store (default: the demo CA on loopback, else system)")
                    .descriptionKey("")
                    .paramLabel("FILE|DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<java.nio.file.Path> dev.tlskit.cli.option.KeyMaterialOptions.ca")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "caPassword");
            s.addOption(FieldBinding.option(OptionSpec.builder("--ca-password")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("password of a PKCS#12/JKS trust store given with -A: pass:TEXT, env:VAR or file:PATH (default: none, then empty, then certgen's default)")
                    .descriptionKey("")
                    .paramLabel("SOURCE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.KeyMaterialOptions.caPassword")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.OutputOptions}. */
    static CommandSpec mixinOutputOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.addMixin("json", mixinJsonOption(FieldBinding.mixin(o, "json")));
        {
            FieldBinding f = FieldBinding.of(o, "trace");
            s.addOption(FieldBinding.option(OptionSpec.builder("--trace")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print every TLS record as it crosses the wire (stderr; in JSON: events)")
                    .descriptionKey("")
                    .paramLabel("<trace>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.OutputOptions.trace")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("verbose", mixinVerboseOption(FieldBinding.mixin(o, "verbose")));
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.JsonOption}. */
    static CommandSpec mixinJsonOption(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "json");
            s.addOption(FieldBinding.option(OptionSpec.builder("--json")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print exactly one JSON document on stdout (one per line for streams)")
                    .descriptionKey("")
                    .paramLabel("<json>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.JsonOption.json")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.VerboseOption}. */
    static CommandSpec mixinVerboseOption(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "verbose");
            s.addOption(FieldBinding.option(OptionSpec.builder("--verbose")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("more detail on stderr, and stack traces with errors")
                    .descriptionKey("")
                    .paramLabel("<verbose>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.VerboseOption.verbose")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** {@code client}. */
    static CommandSpec client(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("client");
        s.usageMessage().description("Connects to a TLS server, prints the negotiated version, cipher suite and curve, sends one message and prints the reply, as wolfSSL's example client does. It verifies the server's chain and hostname by default, and reads stdin only as --targets - or for interactive use (--interactive). With --starttls it first speaks a mail, database or directory protocol's plaintext prelude (as openssl s_client -starttls), then, on a terminal, relays what you type to the server and its answers back (lines end in CR LF for the line protocols) until you end stdin (Ctrl-D) or the server closes; without a terminal it only shakes hands, unless -m or -g says what to send; --quit says the protocol's goodbye.", "", "Many checks in one run: --targets FILE (- for stdin) names one target a line, host[:port] (without a port: -p, or the --starttls protocol's), optionally followed by client flags for that target alone, e.g. 'db.example:5432 --starttls postgres --expect-version 1.3' (a line's flag overrides the command line's, repeatable ones add up; -h, --json, --parallel and --targets belong to the run; -h beside --targets is a usage error). Every line is checked before the first connection: a bad one is a usage error naming the file and line. --parallel targets are checked at once; each only shakes hands unless -m or -g says what to send. Output comes in input order: in text, every line a target prints (stdout and stderr) starts with its host:port and ': ' (grep '^db.example:5432: '); with --json, one document per line and target, with its target, line and exitCode. A summary line ends the run (stdout; stderr with --json): the targets, ok and failed counts per exit code, the wall time. The exit code is the worst target's, in the order 0 < 5 < 4 < 3 < 1 < 2 < 130 < 70 (the further a check got, the less bad its failure).");
        s.usageMessage().footer("  # mutual-auth TLS 1.3 on the TEST-ONLY demo certificates", "  tlskit server & tlskit client", "  # TLS 1.2 over IPv6", "  tlskit server & tlskit client -h ::1 -v 1.2", "  # a public server, with the platform's trust store; prints the HTTP response", "  tlskit client -h example.com -p 443 -A system -g", "  # reconnect resuming the session, and report it as JSON", "  tlskit server -C 2 & tlskit client -r --json", "  # CI smoke test: exit 0 if it works, 3 handshake failed, 4 untrusted, 5 an", "  # assertion failed (one 'expected X, got Y' line each)", "  tlskit client -h ci.example.test -p 443 -A system --handshake-only \\", "      --expect-version TLSv1.3 --min-days 30 --json > handshake.json", "  # why is the chain rejected? a tree with a verdict per certificate, and a hint", "  tlskit client -h ci.example.test -p 443 -A system --show-certs", "  # every record as it crosses the wire, and the secrets for Wireshark/tshark", "  tlskit client -h example.com -p 443 -A system -g --trace --keylog keys.log", "  # STARTTLS: a mail server's submission port; TLS 1.3 and a good chain", "  tlskit client --starttls smtp -h mail.example.com -p 587 -A system \\", "      --expect-version 1.3", "  # IMAP on a terminal: type a1 CAPABILITY, then a2 LOGOUT (or Ctrl-D)", "  tlskit client --starttls imap -h mail.example.com -A system", "  # upgrade, verify, say QUIT, print the 221, exit 0", "  tlskit client --starttls smtp -h mail.example.com -A system --quit", "  # PostgreSQL on its own port (5432), the prelude and handshake as JSON", "  tlskit client --starttls postgres -h db.example.com -A ca.pem --json", "  # implicit TLS (SMTPS 465, IMAPS 993, POP3S 995) needs no --starttls", "  tlskit client -h mail.example.com -p 993 -A system --handshake-only", "  # many checks in one process, 8 at once; hosts.txt has one host[:port] a line,", "  # flags for that target after it: db.example.com --starttls postgres -v 1.3", "  tlskit client --targets hosts.txt -A system --json > checks.jsonl", "  # the list from stdin; each output line starts with its target's host:port", "  grep -v staging hosts.txt | tlskit client --targets - -A system \\", "      | grep ': SSL version'", "  # interop: against OpenSSL (-rev answers the message reversed)", "  openssl s_server -accept 4433 -cert server.pem -key server.key -rev &", "  tlskit client -p 4433 -A ca.pem -x -m \"hello wolfssl!\"$'\\n'");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Connect to a TLS server, show the handshake and exchange one message.");
        s.addMixin("peer", mixinPeerOptions(FieldBinding.mixin(o, "peer")));
        s.addMixin("starttls", mixinStartTlsOptions(FieldBinding.mixin(o, "starttls")));
        {
            FieldBinding f = FieldBinding.of(o, "message");
            s.addOption(FieldBinding.option(OptionSpec.builder("-m", "--message")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the message to send, without newline (default: hello wolfssl!)")
                    .descriptionKey("")
                    .paramLabel("TEXT")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.ClientCommand.message")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "httpGet");
            s.addOption(FieldBinding.option(OptionSpec.builder("-g")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("send an HTTP GET /index.html and print the whole response")
                    .descriptionKey("")
                    .paramLabel("<httpGet>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.httpGet")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "handshakeOnly");
            s.addOption(FieldBinding.option(OptionSpec.builder("--handshake-only")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("only shake hands: print the handshake, check the --expect-* assertions, close cleanly; send nothing (as openssl s_client </dev/null; for CI checks of any server, HTTP or not)")
                    .descriptionKey("")
                    .paramLabel("<handshakeOnly>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.handshakeOnly")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "interactive");
            s.addOption(FieldBinding.option(OptionSpec.builder("--interactive")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("after the handshake relay stdin to the server and its answers to stdout until stdin ends or the server closes (as openssl s_client); the default with --starttls on a terminal")
                    .descriptionKey("")
                    .paramLabel("<interactive>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.interactive")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "crlf");
            s.addOption(FieldBinding.option(OptionSpec.builder("--crlf")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("in interactive use, end each line sent with CR LF, not LF (as openssl s_client -crlf; automatic for --starttls smtp, lmtp, imap, pop3, ftp, nntp, sieve)")
                    .descriptionKey("")
                    .paramLabel("<crlf>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.crlf")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "resume");
            s.addOption(FieldBinding.option(OptionSpec.builder("-r", "--resume")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("after the exchange, reconnect resuming the session and report whether it resumed")
                    .descriptionKey("")
                    .paramLabel("<resume>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.resume")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "expectResumed");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-resumed")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("with -r: the reconnection must resume the session")
                    .descriptionKey("")
                    .paramLabel("<expectResumed>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.expectResumed")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "expectClientAuth");
            s.addOption(FieldBinding.option(OptionSpec.builder("--expect-client-auth")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("the server must ask for a client certificate (TLS 1.2: its Certificate Request; TLS 1.3: we sent our certificate, which happens only when asked)")
                    .descriptionKey("")
                    .paramLabel("<expectClientAuth>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ClientCommand.expectClientAuth")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("expect", mixinExpectOptions(FieldBinding.mixin(o, "expect")));
        s.addMixin("chain", mixinChainOptions(FieldBinding.mixin(o, "chain")));
        s.addMixin("tls", mixinTlsOptions(FieldBinding.mixin(o, "tls")));
        s.addMixin("dtls", mixinDtlsOptions(FieldBinding.mixin(o, "dtls")));
        s.addMixin("keys", mixinKeyMaterialOptions(FieldBinding.mixin(o, "keys")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        s.addMixin("targetFile", mixinTargetOptions(FieldBinding.mixin(o, "targetFile")));
        {
            FieldBinding f = FieldBinding.of(o, "parallel");
            s.addOption(FieldBinding.option(OptionSpec.builder("--parallel")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("with --targets: targets checked at once, 1-64 (default: 8)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.command.ClientCommand.parallel")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.PeerOptions}. */
    static CommandSpec mixinPeerOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "host");
            s.addOption(FieldBinding.option(OptionSpec.builder("-h", "--host")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("server host or IP literal (default: localhost)")
                    .descriptionKey("")
                    .paramLabel("HOST")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.PeerOptions.host")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "port");
            s.addOption(FieldBinding.option(OptionSpec.builder("-p", "--port")
                    .type(java.lang.Integer.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .prompt("")
                    .description("server port (default: 11111)")
                    .descriptionKey("")
                    .paramLabel("PORT")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Integer dev.tlskit.cli.option.PeerOptions.port")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ipv4");
            s.addOption(FieldBinding.option(OptionSpec.builder("-4")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("use IPv4 only")
                    .descriptionKey("")
                    .paramLabel("<ipv4>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.PeerOptions.ipv4")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ipv6");
            s.addOption(FieldBinding.option(OptionSpec.builder("-6")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("use IPv6 only")
                    .descriptionKey("")
                    .paramLabel("<ipv6>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.PeerOptions.ipv6")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "insecure");
            s.addOption(FieldBinding.option(OptionSpec.builder("-d")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("do NOT verify the server (chain and hostname); prints a warning")
                    .descriptionKey("")
                    .paramLabel("<insecure>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.PeerOptions.insecure")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "noClientCert");
            s.addOption(FieldBinding.option(OptionSpec.builder("-x")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("send no client certificate")
                    .descriptionKey("")
                    .paramLabel("<noClientCert>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.PeerOptions.noClientCert")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.StartTlsOptions}. */
    static CommandSpec mixinStartTlsOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "protocol");
            s.addOption(FieldBinding.option(OptionSpec.builder("--starttls")
                    .type(dev.tlskit.engine.starttls.StartTlsProtocol.class)
                    .auxiliaryTypes(dev.tlskit.engine.starttls.StartTlsProtocol.class)
                    .prompt("")
                    .description("speak PROTO's plaintext prelude first, then TLS on the same connection: ${COMPLETION-CANDIDATES} (without -p, the protocol's port: smtp 25, imap 143, pop3 110, ...)")
                    .descriptionKey("")
                    .paramLabel("PROTO")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.StartTlsOptions.Names())
                    .completionCandidates(new dev.tlskit.cli.option.StartTlsOptions.Names())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.starttls.StartTlsProtocol dev.tlskit.cli.option.StartTlsOptions.protocol")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "name");
            s.addOption(FieldBinding.option(OptionSpec.builder("--starttls-name")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("with --starttls: the name announced, SMTP/LMTP's EHLO/LHLO (default: localhost), XMPP's stream domain (default: -S, else the host)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.option.StartTlsOptions.name")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "quit");
            s.addOption(FieldBinding.option(OptionSpec.builder("--quit")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("with --starttls: after the handshake (and the -m exchange, if any) say the protocol's goodbye inside TLS (SMTP, LMTP, POP3, FTP, NNTP: QUIT; IMAP: c LOGOUT; ManageSieve: LOGOUT; XMPP: a new stream, closed; LDAP: an UnbindRequest; PostgreSQL, MySQL: none before login, so only close_notify), print the server's answer and close")
                    .descriptionKey("")
                    .paramLabel("<quit>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.option.StartTlsOptions.quit")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.option.TargetOptions}. */
    static CommandSpec mixinTargetOptions(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "targets");
            s.addOption(FieldBinding.option(OptionSpec.builder("--targets")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("read targets from FILE (- for stdin), one host[:port] a line, IPv6 as [::1]:443; blank lines and # comments skipped")
                    .descriptionKey("")
                    .paramLabel("FILE|-")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.option.TargetOptions.targets")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** {@code echoserver}. */
    static CommandSpec echoserver(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("echoserver");
        s.usageMessage().description("Echoes every byte back on every TLS connection, many clients at once on a few event-loop threads. A line 'quit' from any client shuts the server down, 'break' closes that client's session, a line starting 'GET ' gets a small HTTP page. Loopback only (127.0.0.1 and ::1, one port) unless -b or --bind; asks for no client certificate unless --client-auth.");
        s.usageMessage().footer("  # echo, and stop the server with a 'quit' line", "  tlskit echoserver & printf 'hello\\nquit\\n' | tlskit echoclient", "  # many clients: any free port, no echo printed, counters every 10 s", "  tlskit echoserver -p 0 --quiet --stats --max-connections 20000", "  # interop: OpenSSL as the client ('break' ends the session)", "  printf 'hello\\nbreak\\n' | openssl s_client -connect localhost:11111 -quiet");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Echo every byte back to many TLS clients at once.");
        s.addMixin("listen", mixinListenOptions(FieldBinding.mixin(o, "listen")));
        {
            FieldBinding f = FieldBinding.of(o, "clientAuth");
            s.addOption(FieldBinding.option(OptionSpec.builder("--client-auth")
                    .type(dev.tlskit.engine.model.ClientAuth.class)
                    .auxiliaryTypes(dev.tlskit.engine.model.ClientAuth.class)
                    .prompt("")
                    .description("ask for a client certificate: none, want or need (default: none)")
                    .descriptionKey("")
                    .paramLabel("MODE")
                    .converters((CommandLine.ITypeConverter) FieldBinding.create("dev.tlskit.cli.command.ClientAuthConverter"))
                    .completionCandidates(FieldBinding.create("dev.tlskit.cli.command.ClientAuthConverter"))
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.model.ClientAuth dev.tlskit.cli.command.EchoServerCommand.clientAuth")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "maxConnections");
            s.addOption(FieldBinding.option(OptionSpec.builder("--max-connections")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("connections beyond N are closed on accept (default: 100000)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.command.EchoServerCommand.maxConnections")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "loops");
            s.addOption(FieldBinding.option(OptionSpec.builder("--loops")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("event-loop threads (default: one per core)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.command.EchoServerCommand.loops")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "idleTimeoutSeconds");
            s.addOption(FieldBinding.option(OptionSpec.builder("--idle-timeout")
                    .type(java.lang.Double.class)
                    .auxiliaryTypes(java.lang.Double.class)
                    .prompt("")
                    .description("close connections that move no byte for this long (default: never)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Double dev.tlskit.cli.command.EchoServerCommand.idleTimeoutSeconds")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "stats");
            s.addOption(FieldBinding.option(OptionSpec.builder("--stats")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print counters (open, total, bytes, handshakes/s) every --stats-interval and at shutdown")
                    .descriptionKey("")
                    .paramLabel("<stats>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.EchoServerCommand.stats")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "statsInterval");
            s.addOption(FieldBinding.option(OptionSpec.builder("--stats-interval")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("how often --stats prints (default: 10)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.command.EchoServerCommand.statsInterval")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "quiet");
            s.addOption(FieldBinding.option(OptionSpec.builder("-q", "--quiet")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print neither the echoed data (stdout) nor per-connection failures (stderr)")
                    .descriptionKey("")
                    .paramLabel("<quiet>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.EchoServerCommand.quiet")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("tls", mixinTlsOptions(FieldBinding.mixin(o, "tls")));
        s.addMixin("dtls", mixinDtlsOptions(FieldBinding.mixin(o, "dtls")));
        s.addMixin("keys", mixinKeyMaterialOptions(FieldBinding.mixin(o, "keys")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code echoclient}. */
    static CommandSpec echoclient(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("echoclient");
        s.usageMessage().description("Connects to a TLS echo server, sends each line of stdin (or --file) and prints what comes back. 'quit' asks the server to shut down, 'break' to close this session. At end of input it closes with close_notify and exits 0, so it works in pipes.");
        s.usageMessage().footer("  # one line, then stop the server", "  printf 'hello\\nquit\\n' | tlskit echoclient", "  # lines from a file, each echo as a JSON line", "  tlskit echoclient --file lines.txt --json", "  # interop: against openssl s_server -rev (answers each line reversed)", "  openssl s_server -accept 4433 -cert server.pem -key server.key -rev &", "  tlskit echoclient -p 4433 -A ca.pem -x");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Send lines over TLS and print what comes back.");
        s.addMixin("peer", mixinPeerOptions(FieldBinding.mixin(o, "peer")));
        {
            FieldBinding f = FieldBinding.of(o, "file");
            s.addOption(FieldBinding.option(OptionSpec.builder("--file")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("read the lines from FILE instead of stdin")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.EchoClientCommand.file")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("tls", mixinTlsOptions(FieldBinding.mixin(o, "tls")));
        s.addMixin("dtls", mixinDtlsOptions(FieldBinding.mixin(o, "dtls")));
        s.addMixin("keys", mixinKeyMaterialOptions(FieldBinding.mixin(o, "keys")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code certgen}. */
    static CommandSpec certgen(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("certgen");
        s.usageMessage().description("Makes certificates in one command: with no arguments a new CA, a server certificate for localhost, 127.0.0.1 and ::1 and a client certificate, as PEM in ./tlskit-certs/, and says what it made. Names given (as mkcert takes them, or with --san) make a server certificate for those names. Never overwrites without --force; writes all files or none; private keys are mode 0600.");
        s.usageMessage().footer("  # a CA, a localhost server and a client certificate in ./tlskit-certs/", "  tlskit certgen", "  # a server certificate for these names, in ./certs/", "  tlskit certgen example.test '*.example.test' 10.0.0.1 --out certs", "  # a client certificate with an Ed25519 key", "  tlskit certgen --client alice@example.test --key-type ed25519", "  # CA -> intermediate -> leaves, with PKCS#12 files and a trust store for Java", "  tlskit certgen --intermediate --p12 --truststore --password pass:secret", "  # sign with an existing CA", "  tlskit certgen --ca-cert ca.pem --ca-key ca.key --server api.test --out api", "  # an expired self-signed certificate, for negative tests", "  tlskit certgen --self-signed --san dns:localhost --not-after 2020-01-01", "  # valid, expired, wrong-host, ... certificates for testing TLS clients", "  tlskit certgen --fixtures fixtures/", "  # the TEST-ONLY demo certificates (used without -c/-k), for openssl, curl, ...", "  tlskit certgen --demo demo/", "  # use them", "  cd tlskit-certs && tlskit server -c server.pem -k server.key -A ca.pem");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Make a CA, server and client certificates, key stores, or test fixtures.");
        {
            FieldBinding f = FieldBinding.of(o, "names");
            s.addPositional(FieldBinding.positional(PositionalParamSpec.builder()
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("0..*").unspecified(false), false, false, java.lang.String.class))
                    .index("0..*")
                    .arity("0..*")
                    .prompt("")
                    .description("server names as mkcert takes them: DNS names, wildcards, IP literals, emails, URIs")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.command.CertgenCommand.names")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "__unspecified__", true, "0..*"));
        }
        {
            FieldBinding f = FieldBinding.of(o, "serverNames");
            s.addOption(FieldBinding.option(OptionSpec.builder("--server")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1..*").unspecified(false), true, false, java.lang.String.class))
                    .arity("1..*")
                    .prompt("")
                    .description("make a server certificate for these names (default without --client: localhost, 127.0.0.1, ::1)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.command.CertgenCommand.serverNames")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "client");
            s.addOption(FieldBinding.option(OptionSpec.builder("--client")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("make a client certificate with this CN (an email or URI also becomes a SAN)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.CertgenCommand.client")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "sans");
            s.addOption(FieldBinding.option(OptionSpec.builder("--san")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("subject alternative names (dns:, ip:, email:, uri:), comma-separated, repeatable; on the server certificate (on the client one when only --client is given)")
                    .descriptionKey("")
                    .paramLabel("TYPE:VALUE")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.command.CertgenCommand.sans")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "caOnly");
            s.addOption(FieldBinding.option(OptionSpec.builder("--ca")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("make a CA only")
                    .descriptionKey("")
                    .paramLabel("<caOnly>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.caOnly")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "intermediate");
            s.addOption(FieldBinding.option(OptionSpec.builder("--intermediate")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("put an intermediate CA between the CA and the leaves; writes chain.pem, and server.pem holds leaf + intermediate")
                    .descriptionKey("")
                    .paramLabel("<intermediate>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.intermediate")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "caCert");
            s.addOption(FieldBinding.option(OptionSpec.builder("--ca-cert")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("sign with this existing CA (needs --ca-key)")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.CertgenCommand.caCert")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "caKey");
            s.addOption(FieldBinding.option(OptionSpec.builder("--ca-key")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("the existing CA's private key (PEM)")
                    .descriptionKey("")
                    .paramLabel("FILE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.CertgenCommand.caKey")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "caName");
            s.addOption(FieldBinding.option(OptionSpec.builder("--ca-name")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the new CA's common name (default: tlskit CA user@host and a random id, different every run)")
                    .descriptionKey("")
                    .paramLabel("CN")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.CertgenCommand.caName")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "selfSigned");
            s.addOption(FieldBinding.option(OptionSpec.builder("--self-signed")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("self-signed leaves, no CA")
                    .descriptionKey("")
                    .paramLabel("<selfSigned>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.selfSigned")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "keyType");
            s.addOption(FieldBinding.option(OptionSpec.builder("--key-type")
                    .type(dev.tlskit.certs.KeyType.class)
                    .auxiliaryTypes(dev.tlskit.certs.KeyType.class)
                    .prompt("")
                    .description("key type of every key made: ${COMPLETION-CANDIDATES} (default: ec-p256)")
                    .descriptionKey("")
                    .paramLabel("TYPE")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.KeyTypeNames())
                    .completionCandidates(new dev.tlskit.cli.option.KeyTypeNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.certs.KeyType dev.tlskit.cli.command.CertgenCommand.keyType")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "days");
            s.addOption(FieldBinding.option(OptionSpec.builder("--days")
                    .type(java.lang.Integer.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .prompt("")
                    .description("validity of the leaves in days from now (default: 825; CAs: 3650)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Integer dev.tlskit.cli.command.CertgenCommand.days")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "notBefore");
            s.addOption(FieldBinding.option(OptionSpec.builder("--not-before")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("start of the leaves' validity, ISO date or time (UTC), e.g. 2030-01-01 (not yet valid)")
                    .descriptionKey("")
                    .paramLabel("DATE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.CertgenCommand.notBefore")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "notAfter");
            s.addOption(FieldBinding.option(OptionSpec.builder("--not-after")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("end of the leaves' validity, ISO date or time (UTC), e.g. 2020-01-01 (expired)")
                    .descriptionKey("")
                    .paramLabel("DATE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.CertgenCommand.notAfter")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "out");
            s.addOption(FieldBinding.option(OptionSpec.builder("-o", "--out")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("output directory (default: ./tlskit-certs)")
                    .descriptionKey("")
                    .paramLabel("DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.CertgenCommand.out")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "force");
            s.addOption(FieldBinding.option(OptionSpec.builder("--force")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("replace existing files")
                    .descriptionKey("")
                    .paramLabel("<force>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.force")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "p12");
            s.addOption(FieldBinding.option(OptionSpec.builder("--p12")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("also write each leaf as PKCS#12 (server.p12, client.p12), chain and CA included")
                    .descriptionKey("")
                    .paramLabel("<p12>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.p12")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "jks");
            s.addOption(FieldBinding.option(OptionSpec.builder("--jks")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("also write each leaf as a JKS key store (server.jks, client.jks); the --truststore is JKS then")
                    .descriptionKey("")
                    .paramLabel("<jks>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.jks")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "truststore");
            s.addOption(FieldBinding.option(OptionSpec.builder("--truststore")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("also write truststore.p12 (truststore.jks with --jks): the CA as a trusted entry, for Java")
                    .descriptionKey("")
                    .paramLabel("<truststore>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.truststore")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "password");
            s.addOption(FieldBinding.option(OptionSpec.builder("--password")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("password of the key stores: pass:TEXT, env:VAR or file:PATH (default: changeit)")
                    .descriptionKey("")
                    .paramLabel("SOURCE")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.CertgenCommand.password")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "noPassword");
            s.addOption(FieldBinding.option(OptionSpec.builder("--no-password")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("key stores with an empty password")
                    .descriptionKey("")
                    .paramLabel("<noPassword>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.CertgenCommand.noPassword")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "fixtures");
            s.addOption(FieldBinding.option(OptionSpec.builder("--fixtures")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("write the client test fixtures instead: valid, expired, not-yet-valid, wrong-host, self-signed, untrusted-root, missing-intermediate")
                    .descriptionKey("")
                    .paramLabel("DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.CertgenCommand.fixtures")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "demo");
            s.addOption(FieldBinding.option(OptionSpec.builder("--demo")
                    .type(java.nio.file.Path.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .prompt("")
                    .description("write out the TEST-ONLY demo certificates the commands use without -c/-k (ca.pem, server.pem/.key, client.pem/.key and -rsa variants), for other tools; their private keys are public")
                    .descriptionKey("")
                    .paramLabel("DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.nio.file.Path dev.tlskit.cli.command.CertgenCommand.demo")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("jsonOption", mixinJsonOption(FieldBinding.mixin(o, "jsonOption")));
        s.addMixin("verbose", mixinVerboseOption(FieldBinding.mixin(o, "verbose")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code chat}. */
    static CommandSpec chat(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("chat");
        s.usageMessage().description("The seed's TLS chat. 'tlskit chat --listen' waits for a peer and, after each chat, for the next; 'tlskit chat -h HOST' connects. The client sends its name, the server answers with its own, then UTF-8 lines flow both ways. Incoming lines appear above the line being typed. 'quit' or Ctrl-D ends the chat with close_notify on both sides; Ctrl-C drops the typed line (on an empty line it ends the chat). TLS 1.3 and mutual authentication unless -v and -d say otherwise.", "", "The connecting side's flags serve the listener too: with --listen, -p is the port to listen on (0 picks a free one), -d asks for no client certificate, and -b or --bind choose the interfaces.", "", "Without a terminal (pipes, CI) it runs in line mode: input lines are sent, received lines are printed as 'name: text' (or JSON events with --json), and end of input ends the chat. Lines longer than 64 KiB close that chat; a peer has --timeout seconds to send its name.");
        s.usageMessage().footer("  # two terminals, mutual-auth TLS 1.3 on the TEST-ONLY demo certificates", "  tlskit chat --listen --name bob", "  tlskit chat -h localhost --name alice", "  # join with OpenSSL: the first line you type is your name", "  openssl s_client -quiet -nocommands -connect localhost:11111 \\", "      -cert client.pem -key client.key -CAfile ca.pem", "  # a script as the peer: one line, JSON events out", "  printf 'hello\\nquit\\n' | tlskit chat -h localhost --name bot --json");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Chat over TLS: two people type at each other, both at once.");
        {
            FieldBinding f = FieldBinding.of(o, "listen");
            s.addOption(FieldBinding.option(OptionSpec.builder("--listen")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("wait for a peer (and after each chat, for the next) instead of connecting")
                    .descriptionKey("")
                    .paramLabel("<listen>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.command.ChatCommand.listen")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("peer", mixinPeerOptions(FieldBinding.mixin(o, "peer")));
        s.addMixin("bind", mixinBindOptions(FieldBinding.mixin(o, "bind")));
        {
            FieldBinding f = FieldBinding.of(o, "name");
            s.addOption(FieldBinding.option(OptionSpec.builder("--name")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the name the peer sees (default: your login name)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.ChatCommand.name")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("tls", mixinTlsOptions(FieldBinding.mixin(o, "tls")));
        s.addMixin("keys", mixinKeyMaterialOptions(FieldBinding.mixin(o, "keys")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code bench}. */
    static CommandSpec bench(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("bench");
        s.usageMessage().description("Benchmarks that measure, with the machine's noise reported, never asserted.");
        FieldBinding.put(o, "spec", s);
        s.addSubcommand("handshake", new CommandLine(benchHandshake(new dev.tlskit.cli.bench.HandshakeBenchCommand())));
        s.addSubcommand("throughput", new CommandLine(benchThroughput(new dev.tlskit.cli.bench.ThroughputBenchCommand())));
        s.addSubcommand("crypto", new CommandLine(benchCrypto(new dev.tlskit.cli.bench.CryptoBenchCommand())));
        s.addSubcommand("memory", new CommandLine(benchMemory(new dev.tlskit.cli.bench.MemoryBenchCommand())));
        return s;
    }

    /** {@code bench handshake}. */
    static CommandSpec benchHandshake(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("handshake");
        s.usageMessage().description("Measures TLS handshakes: handshakes/s, latency p50/p90/p99/max, CPU time per handshake of the client threads and of the in-process server's threads, failures by cause. By default the server is tlskit's event-loop server in this process (on its own threads, a fresh CA and server certificate of --key-type); with -h/-p any server (then no server CPU). With --resume every measured handshake offers the session of an earlier one, and resumptions are counted as the wire showed them.");
        s.usageMessage().footer("  tlskit bench handshake --duration 5", "  tlskit bench handshake --resume -c 2 --provider bc -v 1.2", "  tlskit bench handshake --provider bc --groups X25519MLKEM768 --groups x25519", "  tlskit bench handshake --key-type rsa-2048 --baseline openssl", "  tlskit bench handshake -h example.com -p 443 --count 20 --json");
        s.usageMessage().footerHeading("%nExamples:%n");
        {
            FieldBinding f = FieldBinding.of(o, "host");
            s.addOption(FieldBinding.option(OptionSpec.builder("-h", "--host")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("benchmark against this server instead of the in-process one")
                    .descriptionKey("")
                    .paramLabel("HOST")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.HandshakeBenchCommand.host")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "port");
            s.addOption(FieldBinding.option(OptionSpec.builder("-p", "--port")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("the server's port with -h (default: 11111)")
                    .descriptionKey("")
                    .paramLabel("PORT")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.bench.HandshakeBenchCommand.port")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("protocol", mixinBenchTls(FieldBinding.mixin(o, "protocol")));
        {
            FieldBinding f = FieldBinding.of(o, "resume");
            s.addOption(FieldBinding.option(OptionSpec.builder("-r", "--resume")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("measure resumed handshakes (each client thread first makes one full handshake, not measured, then offers its session every time)")
                    .descriptionKey("")
                    .paramLabel("<resume>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.bench.HandshakeBenchCommand.resume")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "groups");
            s.addOption(FieldBinding.option(OptionSpec.builder("--groups")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("`:`-separated named groups, e.g. x25519, secp256r1 or X25519MLKEM768 (default: the providers': on bc X25519MLKEM768 first). Repeat it to measure each list in turn, one row each (--groups X25519MLKEM768 --groups x25519: what the hybrid costs). On Java 17 the jdk provider takes them JVM-wide, once")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.bench.HandshakeBenchCommand.groups")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("providers", mixinBenchProviders(FieldBinding.mixin(o, "providers")));
        {
            FieldBinding f = FieldBinding.of(o, "concurrency");
            s.addOption(FieldBinding.option(OptionSpec.builder("-c", "--concurrency")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("client threads (default: 1)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.bench.HandshakeBenchCommand.concurrency")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "duration");
            s.addOption(FieldBinding.option(OptionSpec.builder("--duration")
                    .type(java.lang.Double.class)
                    .auxiliaryTypes(java.lang.Double.class)
                    .prompt("")
                    .description("measure for this long (default: 5)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Double dev.tlskit.cli.bench.HandshakeBenchCommand.duration")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "count");
            s.addOption(FieldBinding.option(OptionSpec.builder("-n", "--count")
                    .type(java.lang.Integer.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .prompt("")
                    .description("measure exactly N handshakes instead")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field Integer dev.tlskit.cli.bench.HandshakeBenchCommand.count")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "warmup");
            s.addOption(FieldBinding.option(OptionSpec.builder("--warmup")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("handshakes before measuring, excluded from the results; the JIT needs several seconds before SunJSSE runs at speed (default: 5)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.bench.HandshakeBenchCommand.warmup")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "baseline");
            s.addOption(FieldBinding.option(OptionSpec.builder("--baseline")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("also run openssl s_server with s_time and with this client, same key type, group, version and concurrency, and print tlskit/OpenSSL ratios")
                    .descriptionKey("")
                    .paramLabel("openssl")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.HandshakeBenchCommand.baseline")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("format", mixinBenchFormat(FieldBinding.mixin(o, "format")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.bench.BenchTls}. */
    static CommandSpec mixinBenchTls(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "version");
            s.addOption(FieldBinding.option(OptionSpec.builder("-v", "--tls-version")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("TLS version (default: 1.3)")
                    .descriptionKey("")
                    .paramLabel("1.2|1.3")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.BenchTls.version")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ciphers");
            s.addOption(FieldBinding.option(OptionSpec.builder("-l", "--ciphers")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("`:`-separated cipher suites, IANA or OpenSSL names (default: the providers'; bench throughput on TLS 1.3: TLS_AES_128_GCM_SHA256)")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .splitRegex(":")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.bench.BenchTls.ciphers")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.bench.BenchProviders}. */
    static CommandSpec mixinBenchProviders(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        {
            FieldBinding f = FieldBinding.of(o, "client");
            s.addOption(FieldBinding.option(OptionSpec.builder("--provider")
                    .type(dev.tlskit.engine.model.TlsProvider.class)
                    .auxiliaryTypes(dev.tlskit.engine.model.TlsProvider.class)
                    .prompt("")
                    .description("the client's TLS implementation: jdk, bc or boringssl (default: jdk)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.ProviderNames())
                    .completionCandidates(new dev.tlskit.cli.option.ProviderNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.model.TlsProvider dev.tlskit.cli.bench.BenchProviders.client")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "server");
            s.addOption(FieldBinding.option(OptionSpec.builder("--server-provider")
                    .type(dev.tlskit.engine.model.TlsProvider.class)
                    .auxiliaryTypes(dev.tlskit.engine.model.TlsProvider.class)
                    .prompt("")
                    .description("the in-process server's TLS implementation (default: as --provider)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.ProviderNames())
                    .completionCandidates(new dev.tlskit.cli.option.ProviderNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.model.TlsProvider dev.tlskit.cli.bench.BenchProviders.server")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "keyType");
            s.addOption(FieldBinding.option(OptionSpec.builder("--key-type")
                    .type(dev.tlskit.certs.KeyType.class)
                    .auxiliaryTypes(dev.tlskit.certs.KeyType.class)
                    .prompt("")
                    .description("the in-process server's key: ${COMPLETION-CANDIDATES} (default: ec-p256)")
                    .descriptionKey("")
                    .paramLabel("TYPE")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.KeyTypeNames())
                    .completionCandidates(new dev.tlskit.cli.option.KeyTypeNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.certs.KeyType dev.tlskit.cli.bench.BenchProviders.keyType")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** The mixin {@code dev.tlskit.cli.bench.BenchFormat}. */
    static CommandSpec mixinBenchFormat(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.addMixin("json", mixinJsonOption(FieldBinding.mixin(o, "json")));
        {
            FieldBinding f = FieldBinding.of(o, "csv");
            s.addOption(FieldBinding.option(OptionSpec.builder("--csv")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("print CSV: a header line, then one line per run")
                    .descriptionKey("")
                    .paramLabel("<csv>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.bench.BenchFormat.csv")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        return s;
    }

    /** {@code bench throughput}. */
    static CommandSpec benchThroughput(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("throughput");
        s.usageMessage().description("Measures bulk TLS application data over one connection to tlskit's in-process event-loop server: one way (client to a counting sink) or --echo'ed back; MB/s (10^6 bytes) and CPU time per MB of the client's threads and the server's threads. The handshake is not timed; a warm-up transfer on its own connection comes first.");
        s.usageMessage().footer("  tlskit bench throughput --size 256M", "  tlskit bench throughput --echo --record-size 4K --provider bc", "  tlskit bench throughput -l TLS_CHACHA20_POLY1305_SHA256 --baseline openssl");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.addMixin("protocol", mixinBenchTls(FieldBinding.mixin(o, "protocol")));
        s.addMixin("providers", mixinBenchProviders(FieldBinding.mixin(o, "providers")));
        {
            FieldBinding f = FieldBinding.of(o, "size");
            s.addOption(FieldBinding.option(OptionSpec.builder("--size")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("bytes to send, K/M/G suffixes (binary) allowed (default: 256M)")
                    .descriptionKey("")
                    .paramLabel("BYTES")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.ThroughputBenchCommand.size")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "recordSize");
            s.addOption(FieldBinding.option(OptionSpec.builder("--record-size")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("bytes per write (default: 16K)")
                    .descriptionKey("")
                    .paramLabel("BYTES")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.ThroughputBenchCommand.recordSize")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "echo");
            s.addOption(FieldBinding.option(OptionSpec.builder("--echo")
                    .type(boolean.class)
                    .auxiliaryTypes(boolean.class)
                    .prompt("")
                    .description("the server sends every byte back; the client reads it all")
                    .descriptionKey("")
                    .paramLabel("<echo>")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field boolean dev.tlskit.cli.bench.ThroughputBenchCommand.echo")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "warmup");
            s.addOption(FieldBinding.option(OptionSpec.builder("--warmup")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("a transfer before measuring, excluded (default: 32M; 0: none)")
                    .descriptionKey("")
                    .paramLabel("BYTES")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.ThroughputBenchCommand.warmup")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "baseline");
            s.addOption(FieldBinding.option(OptionSpec.builder("--baseline")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("also send the same bytes from openssl s_client to openssl s_server (one way) and print tlskit/OpenSSL ratios")
                    .descriptionKey("")
                    .paramLabel("openssl")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.ThroughputBenchCommand.baseline")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("format", mixinBenchFormat(FieldBinding.mixin(o, "format")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code bench crypto}. */
    static CommandSpec benchCrypto(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("crypto");
        s.usageMessage().description("Measures the crypto under TLS per JCA provider, in openssl speed's units: digests, MACs and AEAD ciphers in thousands of bytes per second at each block size (one operation: a one-shot digest, or an AEAD init with a fresh nonce plus doFinal); signatures in signs/s and verifies/s; key agreement in derives/s; a KEM (ML-KEM-768, the post-quantum half of X25519MLKEM768) in key pairs, encapsulations and decapsulations per second. 'jdk' is the first JDK provider that has the algorithm (ML-KEM: javax.crypto.KEM, Java 24+), 'bc' Bouncy Castle's JCE provider. Algorithms a provider lacks show as n/a.", "'boringssl' (only when asked for) is BoringSSL through Netty's tcnative, which exposes only TLS: digests, MACs, signatures, key agreement and ML-KEM are not reachable and show as n/a. Its AEAD ciphers are measured through its own record protection: two SSLEngines in memory (no sockets) complete a TLS 1.2 handshake with the matching suite pinned (ECDHE-ECDSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-ECDSA-CHACHA20-POLY1305; BoringSSL's TLS 1.3 suites cannot be chosen); then at each block size the client wraps records of that many plaintext bytes (row boringssl:seal) and the server unwraps them (row boringssl:open), each timed on its own, in thousands of plaintext bytes per second. A block above 16384 bytes goes out as several records. Record framing (5-byte header, 8-byte explicit nonce for AES-GCM, 16-byte tag) and the engine's own work are included, as in TLS.", "Algorithms: md2, md4, md5, sha1, sha224, sha256, sha384, sha512, sha3-256, blake2b-512, ripemd160, poly1305, aes-128-gcm, aes-256-gcm, chacha20-poly1305, rsa-2048, ecdsa-p256, ed25519, ecdh-p256, x25519, ml-kem-768.");
        s.usageMessage().footer("  tlskit bench crypto --algorithms sha256,aes-128-gcm", "  tlskit bench crypto -a ecdsa-p256,x25519 --duration 2 --baseline openssl", "  tlskit bench crypto --sizes 16,16384 --csv", "  tlskit bench crypto -a x25519,ml-kem-768", "  tlskit bench crypto --providers boringssl -a aes-128-gcm --baseline openssl");
        s.usageMessage().footerHeading("%nExamples:%n");
        {
            FieldBinding f = FieldBinding.of(o, "algorithms");
            s.addOption(FieldBinding.option(OptionSpec.builder("-a", "--algorithms")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("`,`-separated algorithms to run (default: all)")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.bench.CryptoBenchCommand.algorithms")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "duration");
            s.addOption(FieldBinding.option(OptionSpec.builder("--duration")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("time per measurement: per block size, per sign/verify/derive (default: 0.5)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.bench.CryptoBenchCommand.duration")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "sizes");
            s.addOption(FieldBinding.option(OptionSpec.builder("--sizes")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.Integer.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.Integer.class))
                    .prompt("")
                    .description("block sizes in bytes (default: 16,64,256,1024,8192,16384, as openssl speed)")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<Integer> dev.tlskit.cli.bench.CryptoBenchCommand.sizes")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "providers");
            s.addOption(FieldBinding.option(OptionSpec.builder("--providers")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.lang.String.class))
                    .prompt("")
                    .description("`,`-separated: jdk, bc, boringssl (default: jdk,bc)")
                    .descriptionKey("")
                    .paramLabel("LIST")
                    .splitRegex(",")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.bench.CryptoBenchCommand.providers")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "baseline");
            s.addOption(FieldBinding.option(OptionSpec.builder("--baseline")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("also run openssl speed -evp (seconds rounded up to whole ones) and print tlskit/OpenSSL ratios")
                    .descriptionKey("")
                    .paramLabel("openssl")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.bench.CryptoBenchCommand.baseline")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("format", mixinBenchFormat(FieldBinding.mixin(o, "format")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code bench memory}. */
    static CommandSpec benchMemory(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("memory");
        s.usageMessage().description("Measures the event-loop echo server's heap per idle TLS connection: heap after GC with N idle connections open, minus with none, divided by N; the echo latency (p50/p99/max) of one active client meanwhile; and tlskit's own footprint (jar size, resident memory). The server runs in this JVM, the idle clients in a child JVM.");
        s.usageMessage().footer("  tlskit bench memory -n 1000", "  tlskit bench memory -n 10000 --provider bc --json");
        s.usageMessage().footerHeading("%nExamples:%n");
        {
            FieldBinding f = FieldBinding.of(o, "connections");
            s.addOption(FieldBinding.option(OptionSpec.builder("-n", "--connections")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("idle connections to hold (default: 1000)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.bench.MemoryBenchCommand.connections")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "durationSeconds");
            s.addOption(FieldBinding.option(OptionSpec.builder("--duration")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("how long the active client echoes (default: 5)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.bench.MemoryBenchCommand.durationSeconds")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "provider");
            s.addOption(FieldBinding.option(OptionSpec.builder("--provider")
                    .type(dev.tlskit.engine.model.TlsProvider.class)
                    .auxiliaryTypes(dev.tlskit.engine.model.TlsProvider.class)
                    .prompt("")
                    .description("the server's TLS implementation: jdk, bc or boringssl (default: jdk)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .converters((CommandLine.ITypeConverter) new dev.tlskit.cli.option.ProviderNames())
                    .completionCandidates(new dev.tlskit.cli.option.ProviderNames())
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field dev.tlskit.engine.model.TlsProvider dev.tlskit.cli.bench.MemoryBenchCommand.provider")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("json", mixinJsonOption(FieldBinding.mixin(o, "json")));
        FieldBinding.put(o, "spec", s);
        return s;
    }

    /** {@code scan}. */
    static CommandSpec scan(Object o) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(o);
        s.name("scan");
        s.usageMessage().description("Sends the server one ClientHello per fresh connection and reads its first answer (ServerHello, HelloRetryRequest or alert): SSL 2.0 to TLS 1.3, every IANA cipher suite per version and the server's order, TLS 1.3 groups (post-quantum hybrids included), TLS 1.2 curves and DHE sizes, signature schemes, the certificates it has (RSA, ECDSA, EdDSA), extended master secret, secure renegotiation, encrypt-then-MAC, OCSP stapling, SCTs, session tickets, heartbeat, compression, record size limit, ALPN and TLS_FALLBACK_SCSV. What TLS 1.3 encrypts (ALPN, stapling, SCTs, record size limit, early data in the ticket) is read by a small TLS 1.3 client of tlskit's own. Real handshakes through the engine read the certificate and try resumption. Findings have a severity; --fail-on turns them into exit code 5. Several targets are scanned side by side and reported in input order; a progress line goes to stderr on a terminal.");
        s.usageMessage().footer("  # a public server, certificate checked against the platform store", "  tlskit scan example.com:443", "  # CI gate: exit 5 when anything high or critical is found, the report as JSON", "  tlskit scan ci.example.test:443 --fail-on high --json > scan.json", "  # many endpoints from a file (one host[:port] a line), 4 probes in flight each", "  tlskit scan --targets hosts.txt --parallel 4", "  # an openssl s_server on loopback, with its CA", "  tlskit scan -p 4433 -A ca.pem", "  # a mail server's STARTTLS (every probe speaks the SMTP prelude first)", "  tlskit scan --starttls smtp mail.example.com:587");
        s.usageMessage().footerHeading("%nExamples:%n");
        s.usageMessage().header("Find every version, cipher suite, group and feature a TLS server supports, and what is weak.");
        {
            FieldBinding f = FieldBinding.of(o, "targets");
            s.addPositional(FieldBinding.positional(PositionalParamSpec.builder()
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("0..*").unspecified(false), false, false, java.lang.String.class))
                    .index("0..*")
                    .arity("0..*")
                    .prompt("")
                    .description("targets; IPv6 as [::1]:443; the port defaults to -p (default: -h and -p)")
                    .descriptionKey("")
                    .paramLabel("HOST[:PORT]")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<String> dev.tlskit.cli.command.ScanCommand.targets")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "__unspecified__", true, "0..*"));
        }
        s.addMixin("peer", mixinPeerOptions(FieldBinding.mixin(o, "peer")));
        s.addMixin("targetFile", mixinTargetOptions(FieldBinding.mixin(o, "targetFile")));
        {
            FieldBinding f = FieldBinding.of(o, "sni");
            s.addOption(FieldBinding.option(OptionSpec.builder("-S", "--sni")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("the SNI name to send and to check the certificate against (default: the host, unless an IP address)")
                    .descriptionKey("")
                    .paramLabel("NAME")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.ScanCommand.sni")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "timeoutSeconds");
            s.addOption(FieldBinding.option(OptionSpec.builder("--timeout")
                    .type(double.class)
                    .auxiliaryTypes(double.class)
                    .prompt("")
                    .description("limit for each connect and for each probe's answer (default: 5)")
                    .descriptionKey("")
                    .paramLabel("SECONDS")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field double dev.tlskit.cli.command.ScanCommand.timeoutSeconds")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "parallel");
            s.addOption(FieldBinding.option(OptionSpec.builder("--parallel")
                    .type(int.class)
                    .auxiliaryTypes(int.class)
                    .prompt("")
                    .description("probes in flight at once per target, 1-64 (default: 8; servers rate-limit)")
                    .descriptionKey("")
                    .paramLabel("N")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field int dev.tlskit.cli.command.ScanCommand.parallel")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "ca");
            s.addOption(FieldBinding.option(OptionSpec.builder("-A", "--ca")
                    .type(java.util.List.class)
                    .auxiliaryTypes(java.nio.file.Path.class)
                    .typeInfo(f.typeInfo(CommandLine.Range.valueOf("1").unspecified(true), true, false, java.nio.file.Path.class))
                    .prompt("")
                    .description("trust anchors for the certificate verdict: a PEM file or a directory; repeatable; 'system' for the platform store (default: system)")
                    .descriptionKey("")
                    .paramLabel("FILE|DIR")
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field java.util.List<java.nio.file.Path> dev.tlskit.cli.command.ScanCommand.ca")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        {
            FieldBinding f = FieldBinding.of(o, "failOn");
            s.addOption(FieldBinding.option(OptionSpec.builder("--fail-on")
                    .type(java.lang.String.class)
                    .auxiliaryTypes(java.lang.String.class)
                    .prompt("")
                    .description("exit 5 when a finding of this severity or worse exists: low, medium, high, critical")
                    .descriptionKey("")
                    .paramLabel("SEVERITY")
                    .completionCandidates(FieldBinding.create("dev.tlskit.cli.command.ScanCommand$SeverityNames"))
                    .initialValue(f.get())
                    .hasInitialValue(true)
                    .withToString("field String dev.tlskit.cli.command.ScanCommand.failOn")
                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),
                    "__no_default_value__", "", "__unspecified__", true));
        }
        s.addMixin("starttls", mixinStartTlsOptions(FieldBinding.mixin(o, "starttls")));
        s.addMixin("output", mixinOutputOptions(FieldBinding.mixin(o, "output")));
        FieldBinding.put(o, "spec", s);
        return s;
    }
}
