package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * POP3 (RFC 2595 §4, RFC 2449): greeting {@code +OK}, {@code CAPA} listing STLS, {@code STLS}, {@code +OK}. A
 * server without CAPA ({@code -ERR}) is asked for STLS anyway.
 */
final class Pop3Prelude implements Prelude {
    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("pop3", socket, deadline);
        String greeting = ch.readLine("its greeting");
        if (greeting.startsWith("-ERR")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused the connection: " + PlainChannel.quote(greeting),
                    null);
        }
        if (!greeting.startsWith("+OK")) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected a POP3 greeting (+OK), got "
                    + PlainChannel.quote(greeting), null);
        }
        ch.sendLine("CAPA");
        String capa = ch.readLine("the CAPA reply");
        if (capa.startsWith("+OK")) {
            List<String> list = new ArrayList<>();
            String waitingFor = "the capability list";
            for (String l = ch.readLine(waitingFor); !l.equals("."); l = ch.readLine(waitingFor)) {
                list.add(l);
            }
            if (list.stream().noneMatch(l -> l.strip().split(" ", 2)[0].equalsIgnoreCase("STLS"))) {
                throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STLS: its capabilities are "
                        + PlainChannel.quote(String.join(" | ", list)), null);
            }
        }
        ch.sendLine("STLS");
        String go = ch.readLine("the STLS reply");
        if (!go.startsWith("+OK")) {
            throw ch.fail(capa.startsWith("+OK") ? Reason.ERROR_REPLY : Reason.NOT_OFFERED,
                    "the server refused STLS: " + PlainChannel.quote(go), null);
        }
        return ch.done();
    }
}
