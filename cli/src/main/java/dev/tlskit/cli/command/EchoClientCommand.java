package dev.tlskit.cli.command;

import dev.tlskit.certs.Pem;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.Connection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** wolfSSL's examples/echoclient: send each line of stdin, print each echo. */
@Command(name = "echoclient",
        header = "Send lines over TLS and print what comes back.",
        description = {
            "Connects to a TLS echo server, sends each line of stdin (or --file) and prints what comes back."
                    + " 'quit' asks the server to shut down, 'break' to close this session. At end of input it"
                    + " closes with close_notify and exits 0, so it works in pipes.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # one line, then stop the server",
            "  printf 'hello\\nquit\\n' | tlskit echoclient",
            "  # lines from a file, each echo as a JSON line",
            "  tlskit echoclient --file lines.txt --json",
            "  # interop: against openssl s_server -rev (answers each line reversed)",
            "  openssl s_server -accept 4433 -cert server.pem -key server.key -rev &",
            "  tlskit echoclient -p 4433 -A ca.pem -x",
        })
public final class EchoClientCommand implements Callable<Integer> {
    static final String QUIT = "quit";
    static final String BREAK = "break";

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "--file", paramLabel = "FILE", description = "read the lines from FILE instead of stdin")
    Path file;

    @Mixin
    TlsOptions tls;

    @Mixin
    DtlsOptions dtls;

    @Mixin
    KeyMaterialOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String target = peer.host();
        IpFamily family = peer.family();
        peer.port();
        BufferedReader lines = input();
        TlsConfig config = Configs.client(tls, dtls, keys, peer.insecure(), peer.noClientCert(), target, err,
                Configs.traceSink(output, err, t -> Json.println(out, trace(t))));
        if (peer.insecure()) {
            PeerOptions.warnNotVerified(err, "server");
        }
        try {
            exchange(Configs.context(config), target, family, lines, out, err);
        } catch (TlsException e) {
            throw dev.tlskit.cli.Errors.timeoutNamed(dev.tlskit.cli.ChainReport.explained(e, config, target,
                    dev.tlskit.cli.ChainReport.CLIENT_SHOW_CERTS)
                    .withContext(peer.where() + ": "), tls.timeout());
        }
        return 0;
    }

    private void exchange(TlsContext context, String target, IpFamily family, BufferedReader lines,
            PrintWriter out, PrintWriter err) throws TlsException, IOException {
        Connection c = Configs.connect(() -> Connection.connect(context, target, peer.port(), family), target);
        long messages = 0;
        long bytes = 0;
        try {
            HandshakeSummary s = c.summary();
            if (output.json()) {
                Map<String, Object> e = Json.event("echoclient", "connected");
                e.put("handshake", Report.handshakeJson(s));
                Json.println(out, e);
            } else if (output.verbose()) {
                Report.verboseLines(err, s);
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(QUIT) || line.equals(BREAK)) {
                    if (!output.json()) {
                        out.println(line.equals(QUIT) ? "sending server shutdown command: quit!"
                                : "sending server session close: break!");
                        out.flush();
                    }
                    c.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    break;
                }
                if (line.startsWith("GET ")) {
                    // The server answers a page and closes: print all of it, whatever its length.
                    c.write((line + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    String page = new String(c.readToEnd(16 * 1024 * 1024), StandardCharsets.UTF_8);
                    if (output.json()) {
                        Map<String, Object> e = Json.event("echoclient", "response");
                        e.put("sent", line);
                        e.put("received", page);
                        Json.println(out, e);
                    } else {
                        out.print(page);
                        out.flush();
                    }
                    break;
                }
                byte[] sent = (line + "\n").getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                c.write(sent);
                byte[] echoed = readExactly(c, sent.length);
                double rttMs = (System.nanoTime() - start) / 1e6;
                messages++;
                bytes += sent.length;
                String text = new String(echoed, StandardCharsets.UTF_8);
                if (output.json()) {
                    Map<String, Object> e = Json.event("echoclient", "echo");
                    e.put("sent", line);
                    e.put("received", text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
                    e.put("bytes", sent.length);
                    e.put("rttMs", rttMs);
                    Json.println(out, e);
                } else {
                    out.print(text);
                    out.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        // Reads the server's last words: a TLS 1.3 server that rejected our certificate says so only now.
        c.closeChecked();
        if (output.json()) {
            Map<String, Object> e = Json.event("echoclient", "closed");
            e.put("messages", messages);
            e.put("bytes", bytes);
            Json.println(out, e);
        }
    }

    private BufferedReader input() {
        if (file == null) {
            return new BufferedReader(new InputStreamReader(dev.tlskit.cli.TlskitCommand.stdin(spec),
                    StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--file " + file + ": cannot read: " + Pem.describe(e));
        }
    }

    private static Map<String, Object> trace(Map<String, Object> t) {
        Map<String, Object> e = Json.event("echoclient", "trace");
        e.putAll(t);
        return e;
    }


    /** Reads exactly {@code n} bytes: the echo of one line, however the server split it into records. */
    private static byte[] readExactly(Connection c, int n) throws TlsException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = c.read(buf, got, n - got);
            if (r < 0) {
                throw new TlsException(TlsException.Kind.NETWORK, "the server closed the connection after "
                        + got + " of " + n + " echoed bytes", null);
            }
            got += r;
        }
        return buf;
    }
}
