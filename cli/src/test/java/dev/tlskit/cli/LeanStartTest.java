package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a run builds: only the command it runs, and --version without a command model at all. */
class LeanStartTest {
    @Test
    void versionPrintsWhatPicocliVersionHelpPrints() {
        Tlskit.Result lean = Tlskit.run("--version");
        assertEquals(0, lean.exitCode());
        StringWriter picocli = new StringWriter();
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .printVersionHelp(new PrintWriter(picocli, true));
        assertEquals(picocli.toString().lines().toList(), lean.out().lines().toList());
    }

    @Test
    void versionNamesTheBouncyCastleReleaseAndTheRunningJdk() {
        List<String> lines = Tlskit.run("--version").out().lines().toList();
        assertEquals("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home"), lines.get(1));
        assertEquals("Bouncy Castle 1.84", lines.get(2));
    }

    @Test
    void aRunBuildsOnlyTheCommandItsFirstArgumentNames() {
        assertEquals(List.of("client"), Main.commandsFor("client", "-p", "443"));
        assertEquals(List.of("bench"), Main.commandsFor("bench", "crypto"));
    }

    @Test
    void helpAndMisspeltCommandsGetEveryCommand() {
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor("--help"));
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor("clinet"));
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor());
        Tlskit.Result out = Tlskit.run("--help");
        assertEquals(0, out.exitCode());
        for (String command : TlskitCommand.SUBCOMMANDS) {
            assertTrue(out.out().contains("  " + command + " "), command + " in\n" + out);
        }
    }

    @Test
    void theModelOfEveryCommandIsTheOneTheAnnotationsName() {
        var cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(TlskitCommand.SUBCOMMANDS, List.copyOf(cl.getSubcommands().keySet()));
        for (var e : cl.getSubcommands().entrySet()) {
            assertEquals(e.getKey(), e.getValue().getCommandSpec().userObject().getClass()
                    .getAnnotation(picocli.CommandLine.Command.class).name());
        }
    }

    /** The JSON document's classes (and the cipher-suite table its handshake object names the suite from). */
    private static final List<String> JSON_ONLY = List.of("dev.tlskit.cli.command.ClientDocument",
            "dev.tlskit.cli.Json", "dev.tlskit.engine.wire.CipherSuite$Table");

    /** What Main.UNUSED_CONVERTERS leaves out must be no option's type, or that option could not be converted. */
    @Test
    void noOptionHasATypeWhoseBuiltInConverterIsLeftOut() {
        java.util.List<String> excluded = java.util.Arrays.asList(Main.UNUSED_CONVERTERS.split(","));
        java.util.List<String> offending = new java.util.ArrayList<>();
        CommandLine all = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(all));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            for (picocli.CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
                java.util.List<Class<?>> types = new java.util.ArrayList<>(List.of(arg.type()));
                types.addAll(List.of(arg.auxiliaryTypes()));
                for (Class<?> t : types) {
                    if (excluded.stream().anyMatch(t.getName()::matches)) {
                        offending.add(cl.getCommandSpec().qualifiedName() + " " + arg + ": " + t.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
        assertTrue("java.time.Duration".matches(excluded.get(0)) && "java.sql.Time".matches(excluded.get(0))
                && !"java.lang.String".matches(excluded.get(0)), "the patterns are regular expressions");
    }

    @Test
    @Timeout(60)
    void aTextClientBuildsNoJsonDocumentAndReadsItsTrustFileWithoutBouncyCastle(@TempDir Path dir)
            throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, dev.tlskit.certs.Pem.encode(dev.tlskit.certs.DemoMaterial.ca()));
        for (boolean json : new boolean[] {false, true}) {
            List<String> args = new java.util.ArrayList<>(List.of("-x", "-A", ca.toString(), "--handshake-only"));
            if (json) {
                args.add("--json");
            }
            ChildClient run = childClient(dir.resolve("classes-" + json + ".log"), List.of("-d"), args);
            Tlskit.Result client = run.client();
            assertEquals(0, client.exitCode(), client.err());
            assertEquals(json, client.out().startsWith("{"), client.out());
            List<String> loaded = run.loaded();
            assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.tlskit.certs.internal.PemText ")),
                    "the log lists tlskit's classes");
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" org.bouncycastle.")), "a jdk client loads no BC");
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" java.util.logging.")), "nor java.util.logging");
            // the model comes from the generated Specs: no annotation is read into a proxy, none is defined
            assertEquals(List.of(), loaded.stream().filter(l -> l.contains("$Proxy") || l.contains("__dynamic_proxy__")
                    || l.contains(" java.lang.reflect.Proxy$ProxyBuilder ")).toList(), "proxy classes of a client run");
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" picocli.CommandLine$Model$TypedMember ")),
                    "picocli's annotation reader's field binding");
            // picocli's java.sql and java.time converters are not registered (Main.UNUSED_CONVERTERS)
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" java.sql.")), "java.sql is not loaded");
            if (!json) { // JSON writes certificate dates with java.time's ISO formatter
                assertFalse(loaded.stream().anyMatch(l -> l.contains(" java.time.format.DateTimeFormatterBuilder ")),
                        "java.time's formatters are not built");
            }
            for (String name : JSON_ONLY) {
                boolean found = loaded.stream().anyMatch(l -> l.contains(" " + name + " "));
                assertEquals(json, found, name + (json ? " loaded with --json" : " not loaded without --json"));
            }
        }
    }

    /**
     * The README's first command, mutual auth with the demo identity, and a client given -c/-k (PEM or DER PKCS#8):
     * the key is read by the JDK alone (certs.internal.Pkcs8), so the client loads no Bouncy Castle class.
     */
    @Test
    @Timeout(90)
    void aClientWithTheDemoIdentityOrAPkcs8KeyFileLoadsNoBouncyCastle(@TempDir Path dir) throws Exception {
        dev.tlskit.certs.DemoMaterial.writeTo(dir);
        Files.write(dir.resolve("client-rsa.der"), dev.tlskit.certs.DemoMaterial.client(
                dev.tlskit.certs.DemoMaterial.Variant.RSA).privateKey().getEncoded());
        List<List<String>> identities = List.of(List.of(),
                List.of("-c", dir.resolve("client.pem").toString(), "-k", dir.resolve("client.key").toString()),
                List.of("-c", dir.resolve("client-rsa.pem").toString(), "-k", dir.resolve("client-rsa.der").toString(),
                        "-A", dir.resolve("ca.pem").toString()));
        for (List<String> identity : identities) {
            // the server on the demo identity, asking for a client's certificate
            ChildClient run = childClient(dir.resolve("classes-" + identity.size() + ".log"), List.of(), identity);
            Tlskit.Result client = run.client();
            Tlskit.Result served = run.server();
            assertEquals(0, client.exitCode(), identity + ": " + client.err());
            assertTrue(served.err().contains("(client certificate required)"), served.err());
            assertTrue(served.out().contains("Client message: hello wolfssl!"), served.out());
            List<String> loaded = run.loaded();
            assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.tlskit.certs.internal.Pkcs8 ")),
                    "the log lists tlskit's classes");
            assertEquals(List.of(), loaded.stream().filter(l -> l.contains(" org.bouncycastle.")).toList(),
                    identity + ": a jdk client with a PKCS#8 key loads no BC");
            assertFalse(loaded.stream().anyMatch(l -> l.contains(" java.util.logging.")), "nor java.util.logging");
        }
    }

    /** The other half of the README's first command: the server's start reads its demo key without BC too. */
    @Test
    @Timeout(90)
    void aServerWithTheDemoIdentityLoadsNoBouncyCastle(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        Process server = new ProcessBuilder(Tlskit.subprocessCommand(List.of("-Xlog:class+load=info:file=" + classes),
                "server", "-p", "0")).redirectOutput(dir.resolve("server.out").toFile()).start();
        try {
            java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(
                    server.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line = null;
            java.util.regex.Matcher listening = null;
            while (listening == null && (line = err.readLine()) != null) {
                java.util.regex.Matcher m = Tlskit.LISTENING.matcher(line);
                listening = m.find() ? m : null;
            }
            assertTrue(listening != null, "the server's listening line");
            assertTrue(line.contains("(client certificate required)"), line);
            Tlskit.Result client = Tlskit.run("client", "-p", listening.group(2));
            assertEquals(0, client.exitCode(), client.err());
            assertTrue(server.waitFor(Tlskit.LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "server exit");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
        assertTrue(Files.readString(dir.resolve("server.out")).contains("Client message: hello wolfssl!"));
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.tlskit.certs.internal.Pkcs8 ")),
                "the log lists tlskit's classes");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains(" org.bouncycastle.")).toList(),
                "a jdk server with the demo identity loads no BC");
    }

    /**
     * The platform's trust store (the JDK's ~140 certificates) is read only when a check or a report needs it: not by
     * the README's first command, whose chain the demo CA trusts (the platform's anchors behind it stay unread, and
     * the chain report, built after every handshake, reads its anchors only when it shows them), but by -A system
     * and by --show-certs.
     */
    @Test
    @Timeout(90)
    void thePlatformTrustStoreIsReadOnlyWhenACheckOrAReportNeedsIt(@TempDir Path dir) throws Exception {
        record Case(List<String> args, int exitCode, boolean readsPlatform) {}
        List<Case> cases = List.of(new Case(List.of(), 0, false), new Case(List.of("-A", "system"), 4, true),
                new Case(List.of("--show-certs"), 0, true));
        for (Case c : cases) {
            ChildClient run = childClient(dir.resolve("classes-" + cases.indexOf(c) + ".log"), List.of(), c.args());
            assertEquals(c.exitCode(), run.client().exitCode(), c.args() + ": " + run.client().err());
            List<String> loaded = run.loaded();
            assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.tlskit.cli.command.ClientCommand ")),
                    "the log lists tlskit's classes");
            assertEquals(c.readsPlatform(), loaded.stream().anyMatch(l -> l.contains(
                    " sun.security.ssl.TrustStoreManager ")), c.args() + ": the platform trust store read");
        }
    }

    /** A client run in a JVM of its own, the classes it loaded, and the in-process server it talked to. */
    private record ChildClient(Tlskit.Result client, Tlskit.Result server, List<String> loaded) {}

    /**
     * {@code server -p 0 serverArgs} in this JVM, then {@code client -p PORT clientArgs} in a child JVM that logs
     * the classes it loads to {@code log}.
     */
    private static ChildClient childClient(Path log, List<String> serverArgs, List<String> clientArgs)
            throws Exception {
        List<String> s = new java.util.ArrayList<>(List.of("server", "-p", "0"));
        s.addAll(serverArgs);
        Tlskit.Background server = Tlskit.start(s.toArray(String[]::new));
        List<String> c = new java.util.ArrayList<>(List.of("client", "-p", String.valueOf(server.port())));
        c.addAll(clientArgs);
        Tlskit.Result client = Tlskit.subprocess(List.of("-Xlog:class+load=info:file=" + log),
                c.toArray(String[]::new));
        return new ChildClient(client, server.await(Tlskit.LIMIT), Files.readAllLines(log));
    }
}
