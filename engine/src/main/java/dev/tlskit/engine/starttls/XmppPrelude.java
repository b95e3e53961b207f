package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.net.Socket;
import java.time.Instant;

/**
 * XMPP (RFC 6120 §5): the client's stream header to {@code domain}, the server's header and
 * {@code <stream:features>} with {@code <starttls/>}, {@code <starttls/>}, {@code <proceed/>}. Client-to-server
 * ({@code jabber:client}) or server-to-server ({@code jabber:server}). The XML is matched as text: enough for the
 * few elements of this exchange, which servers write in the forms RFC 6120 shows.
 */
final class XmppPrelude implements Prelude {
    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

    private final String protocol;
    private final String namespace;
    private final String domain;

    XmppPrelude(boolean server, String domain) {
        this.protocol = server ? "xmpp-server" : "xmpp";
        this.namespace = server ? "jabber:server" : "jabber:client";
        this.domain = domain;
    }

    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel(protocol, socket, deadline);
        String header = header(namespace, domain);
        ch.send(header.getBytes(UTF_8), header);
        String features = ch.readUntil("its stream features", "</stream:features>", "<stream:features/>",
                "</stream:stream>", "</stream:error>");
        if (!features.stripLeading().startsWith("<")) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected an XML stream header, got "
                    + PlainChannel.quote(features), null);
        }
        if (features.contains("<stream:error") || features.endsWith("</stream:stream>")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server closed the stream: " + PlainChannel.quote(tail(features)),
                    null);
        }
        if (!features.contains("<starttls")) {
            throw ch.fail(Reason.NOT_OFFERED, "the server does not offer STARTTLS: its features are "
                    + PlainChannel.quote(tail(features)), null);
        }
        String starttls = "<starttls xmlns='" + TLS_NS + "'/>";
        ch.send(starttls.getBytes(UTF_8), starttls);
        String answer = ch.readUntil("its answer to <starttls/>", "/>", "</proceed>", "</failure>");
        if (!answer.strip().startsWith("<proceed")) {
            throw ch.fail(Reason.ERROR_REPLY, "the server refused STARTTLS: " + PlainChannel.quote(answer.strip()),
                    null);
        }
        return ch.done();
    }

    /** The client's stream header (RFC 6120 §4.2), before STARTTLS and again over TLS (§5.4.3.3). */
    static String header(String namespace, String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + escape(domain) + "' xmlns='" + namespace
                + "' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    }

    /**
     * The goodbye over TLS: the stream must restart after STARTTLS (§5.4.3.3), so a new stream header, then its
     * close tag at once (§4.4); the server answers with its header, its features and its own close tag.
     */
    static Goodbye goodbye(boolean server, String domain) {
        String text = header(server ? "jabber:server" : "jabber:client", domain) + "</stream:stream>";
        return new Goodbye(text, text.getBytes(UTF_8), t -> t.contains("</stream:stream>"));
    }

    /** The features element (the part after the server's stream header). */
    private static String tail(String s) {
        int i = s.indexOf("<stream:features");
        int j = s.indexOf("<stream:error");
        int k = j >= 0 ? j : i;
        return (k >= 0 ? s.substring(k) : s).strip();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
