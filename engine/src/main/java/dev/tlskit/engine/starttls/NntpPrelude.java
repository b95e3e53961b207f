package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** NNTP (RFC 4642, RFC 3977): greeting 200/201, {@code CAPABILITIES} listing STARTTLS, {@code STARTTLS}, 382. */
final class NntpPrelude implements Prelude {
    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("nntp", socket, deadline);
        CodedReply greeting = CodedReply.read(ch, "its greeting");
        if (greeting.code() != 200 && greeting.code() != 201) {
            throw ch.fail(greeting.code() >= 400 ? Reason.ERROR_REPLY : Reason.NOT_THIS_PROTOCOL,
                    "the server's greeting is not 200 or 201: " + greeting.quoted(), null);
        }
        ch.sendLine("CAPABILITIES");
        CodedReply caps = CodedReply.read(ch, "the CAPABILITIES reply");
        if (caps.code() != 101) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused CAPABILITIES: " + caps.quoted(), null);
        }
        List<String> list = new ArrayList<>();
        for (String line = ch.readLine("the capability list"); !line.equals("."); line = ch.readLine(
                "the capability list")) {
            list.add(line);
        }
        if (list.stream().noneMatch(l -> l.strip().split(" ", 2)[0].equalsIgnoreCase("STARTTLS"))) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STARTTLS: its capabilities are "
                    + PlainChannel.quote(String.join(" | ", list)), null);
        }
        ch.sendLine("STARTTLS");
        CodedReply go = CodedReply.read(ch, "the STARTTLS reply");
        if (go.code() != 382) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused STARTTLS: " + go.quoted(), null);
        }
        return ch.done();
    }
}
