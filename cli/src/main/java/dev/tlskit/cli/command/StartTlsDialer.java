package dev.tlskit.cli.command;

import dev.tlskit.cli.Json;
import dev.tlskit.engine.Connection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.starttls.Goodbye;
import dev.tlskit.engine.starttls.PreludeLine;
import dev.tlskit.engine.starttls.StartTls;
import dev.tlskit.engine.starttls.StartTlsProtocol;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code client --starttls}: each connection speaks the protocol's prelude, then TLS. Keeps the last prelude's
 * lines for the JSON document, and prints them to stderr with {@code --trace} or {@code --verbose} (text mode).
 */
final class StartTlsDialer implements Dialer {
    private final StartTlsProtocol protocol;
    private final String name;
    private final PrintWriter err;
    private final boolean print;
    private List<PreludeLine> lines = List.of();

    /** @param print print each prelude line to {@code err} ({@code starttls: S: 220 ...}) */
    StartTlsDialer(StartTlsProtocol protocol, String name, boolean print, PrintWriter err) {
        this.protocol = protocol;
        this.name = name;
        this.print = print;
        this.err = err;
    }

    @Override
    public Connection dial(TlsContext context, String host, int port, IpFamily family) throws TlsException {
        List<PreludeLine> seen = new ArrayList<>();
        lines = seen;
        return StartTls.connect(context, protocol, name, host, port, family, line -> {
            seen.add(line);
            if (print) {
                synchronized (err) {
                    err.println(protocol.cliName() + ": " + line);
                    err.flush();
                }
            }
        }).connection();
    }

    /** The protocol's goodbye ({@code --quit}), to the name the prelude announced. */
    Goodbye goodbye() {
        return protocol.goodbye(name);
    }

    /**
     * The JSON of the last connection's prelude: {@code {"protocol": "smtp", "name": "localhost", "prelude":
     * [{"direction": "received", "text": "220 mx ESMTP"}, ...], "goodbye": {"sent": "QUIT", "reply": ["221 2.0.0
     * Bye"]}}} ({@code name} only where the protocol sends one; {@code goodbye} only with {@code --quit}, its
     * {@code sent} null where the protocol has none).
     *
     * @param goodbye the server's answer to the goodbye, or null (none said)
     */
    Map<String, Object> json(List<String> goodbye) {
        Map<String, Object> m = Json.object();
        m.put("protocol", protocol.cliName());
        if (protocol.usesName()) {
            m.put("name", name);
        }
        List<Object> list = new ArrayList<>();
        for (PreludeLine l : lines) {
            Map<String, Object> o = Json.object();
            o.put("direction", l.direction().name().toLowerCase(Locale.ROOT));
            o.put("text", l.text());
            list.add(o);
        }
        m.put("prelude", list);
        if (goodbye != null) {
            Map<String, Object> g = Json.object();
            String sent = goodbye().sent();
            g.put("sent", sent.isEmpty() ? null : sent);
            g.put("reply", new ArrayList<Object>(goodbye));
            m.put("goodbye", g);
        }
        return m;
    }
}
