package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ManageSieve (RFC 5804 §1.7, §2.2): the server's capability lines ({@code "STARTTLS"} among them), then
 * {@code OK}; {@code STARTTLS}; {@code OK}.
 */
final class SievePrelude implements Prelude {
    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("sieve", socket, deadline);
        List<String> caps = new ArrayList<>();
        capabilities(ch, caps);
        if (caps.stream().noneMatch(c -> c.equalsIgnoreCase("\"STARTTLS\""))) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STARTTLS: its capabilities are "
                    + PlainChannel.quote(String.join(" | ", caps)), null);
        }
        ch.sendLine("STARTTLS");
        String go = ch.readLine("the STARTTLS reply");
        if (!go.toUpperCase(Locale.ROOT).startsWith("OK")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused STARTTLS: " + PlainChannel.quote(go), null);
        }
        return ch.done();
    }

    /**
     * The goodbye over TLS: {@code LOGOUT}. Its answer comes after the capabilities the server sends unasked once
     * TLS is up (RFC 5804 §2.2: they end with their own OK), so it is complete at the second OK/NO/BYE, or when
     * the server closes.
     */
    static Goodbye goodbye() {
        return new Goodbye("LOGOUT", "LOGOUT\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                text -> text.endsWith("\n") && text.lines().filter(SievePrelude::isResponse).count() >= 2);
    }

    private static boolean isResponse(String line) {
        String u = line.toUpperCase(Locale.ROOT);
        return u.startsWith("OK") || u.startsWith("NO") || u.startsWith("BYE");
    }

    /** Reads the capability lines into {@code caps} (their names), up to the OK. */
    private static void capabilities(PlainChannel ch, List<String> caps) throws PreludeException {
        while (true) {
            String line = ch.readLine(caps.isEmpty() ? "its capabilities" : "the end of its capabilities");
            String u = line.toUpperCase(Locale.ROOT);
            if (u.startsWith("OK")) {
                return;
            }
            if (u.startsWith("NO") || u.startsWith("BYE")) {
                throw ch.fail(Reason.ERROR_REPLY, "the server refused the connection: " + PlainChannel.quote(line),
                        null);
            }
            if (!line.startsWith("\"")) {
                throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected ManageSieve capabilities (\"IMPLEMENTATION\" ...),"
                        + " got " + PlainChannel.quote(line), null);
            }
            caps.add(line.split(" ", 2)[0]);
        }
    }
}
