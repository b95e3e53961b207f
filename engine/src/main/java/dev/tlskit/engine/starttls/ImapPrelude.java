package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IMAP (RFC 9051 §6.2.1, RFC 2595): greeting {@code * OK}, {@code a CAPABILITY} listing STARTTLS,
 * {@code b STARTTLS}, {@code b OK}.
 */
final class ImapPrelude implements Prelude {
    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("imap", socket, deadline);
        String greeting = ch.readLine("its greeting");
        String g = greeting.toUpperCase(Locale.ROOT);
        if (g.startsWith("* BYE")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused the connection: " + PlainChannel.quote(greeting),
                    null);
        }
        if (!g.startsWith("* OK") && !g.startsWith("* PREAUTH")) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected an IMAP greeting (* OK), got "
                    + PlainChannel.quote(greeting), null);
        }
        ch.sendLine("a CAPABILITY");
        List<String> capabilities = new ArrayList<>();
        String done = untilTagged(ch, "a", "the CAPABILITY reply", capabilities);
        if (!done.toUpperCase(Locale.ROOT).startsWith("A OK")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused CAPABILITY: " + PlainChannel.quote(done), null);
        }
        String list = capabilities.stream().filter(l -> l.toUpperCase(Locale.ROOT).startsWith("* CAPABILITY "))
                .findFirst().orElse("");
        boolean offered = List.of(list.toUpperCase(Locale.ROOT).split(" ")).contains("STARTTLS");
        if (!offered) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STARTTLS: "
                    + (list.isEmpty() ? "its CAPABILITY reply was " + PlainChannel.quote(done)
                            : PlainChannel.quote(list)), null);
        }
        ch.sendLine("b STARTTLS");
        String go = untilTagged(ch, "b", "the STARTTLS reply", new ArrayList<>());
        if (!go.toUpperCase(Locale.ROOT).startsWith("B OK")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused STARTTLS: " + PlainChannel.quote(go), null);
        }
        return ch.done();
    }

    /** Untagged lines into {@code untagged} until the tagged completion, which is returned. */
    private static String untilTagged(PlainChannel ch, String tag, String waitingFor, List<String> untagged)
            throws PreludeException {
        while (true) {
            String line = ch.readLine(waitingFor);
            if (line.regionMatches(true, 0, tag + " ", 0, tag.length() + 1)) {
                return line;
            }
            if (line.startsWith("* BYE")) {
                throw ch.fail(Reason.ERROR_REPLY, "the server ended the session: " + PlainChannel.quote(line), null);
            }
            untagged.add(line);
        }
    }
}
