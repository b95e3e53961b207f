package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;

/** FTP (RFC 4217): greeting 220 (after any 120), {@code AUTH TLS}, 234. A 5xx answer means not offered. */
final class FtpPrelude implements Prelude {
    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("ftp", socket, deadline);
        CodedReply greeting = CodedReply.read(ch, "its greeting");
        while (greeting.code() == 120) { // "service ready in nnn minutes"
            greeting = CodedReply.read(ch, "its greeting");
        }
        if (greeting.code() != 220) {
            throw ch.fail(greeting.code() >= 400 ? Reason.ERROR_REPLY : Reason.NOT_THIS_PROTOCOL,
                    "the server's greeting is not 220: " + greeting.quoted(), null);
        }
        ch.sendLine("AUTH TLS");
        CodedReply auth = CodedReply.read(ch, "the AUTH TLS reply");
        if (auth.code() == 234) {
            return ch.done();
        }
        // 500/502/504 (unknown or unimplemented), 530 (vsftpd without ssl_enable: "Please login with USER and PASS")
        throw ch.fail(auth.code() >= 500 ? Reason.NOT_OFFERED : Reason.ERROR_REPLY,
                (auth.code() >= 500 ? "the server does not offer AUTH TLS: " : "the server refused AUTH TLS: ")
                        + auth.quoted(), null);
    }
}
