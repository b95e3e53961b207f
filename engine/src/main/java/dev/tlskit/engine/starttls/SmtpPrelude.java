package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;

/**
 * SMTP (RFC 3207) and LMTP (RFC 2033): greeting 220, {@code EHLO name} (LMTP: {@code LHLO}), STARTTLS in its
 * reply, {@code STARTTLS}, 220.
 */
final class SmtpPrelude implements Prelude {
    private final String protocol;
    private final String hello;
    private final String name;

    SmtpPrelude(boolean lmtp, String name) {
        this.protocol = lmtp ? "lmtp" : "smtp";
        this.hello = lmtp ? "LHLO" : "EHLO";
        this.name = name;
    }

    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel(protocol, socket, deadline);
        CodedReply greeting = CodedReply.read(ch, "its greeting");
        if (greeting.code() != 220) {
            throw ch.fail(greeting.code() >= 400 ? Reason.ERROR_REPLY : Reason.NOT_THIS_PROTOCOL,
                    "the server's greeting is not 220: " + greeting.quoted(), null);
        }
        ch.sendLine(hello + " " + name);
        CodedReply ehlo = CodedReply.read(ch, "the " + hello + " reply");
        if (ehlo.code() != 250) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused " + hello + ": " + ehlo.quoted(), null);
        }
        if (!ehlo.lists("STARTTLS")) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STARTTLS: its " + hello + " reply was "
                    + ehlo.quoted(), null);
        }
        ch.sendLine("STARTTLS");
        CodedReply ready = CodedReply.read(ch, "the STARTTLS reply");
        if (ready.code() != 220) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused STARTTLS: " + ready.quoted(), null);
        }
        return ch.done();
    }
}
