package dev.tlskit.cli.option;

import dev.tlskit.engine.starttls.StartTlsProtocol;
import picocli.CommandLine.Option;

/**
 * {@code --starttls PROTO}, {@code --starttls-name NAME} and {@code --quit}: a plaintext prelude before TLS, and
 * the protocol's goodbye after.
 */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class StartTlsOptions {
    @Option(names = "--starttls", paramLabel = "PROTO", completionCandidates = Names.class, converter = Names.class,
            description = "speak PROTO's plaintext prelude first, then TLS on the same connection:"
                    + " ${COMPLETION-CANDIDATES} (without -p, the protocol's port: smtp 25, imap 143, pop3 110, ...)")
    StartTlsProtocol protocol;

    @Option(names = "--starttls-name", paramLabel = "NAME",
            description = "with --starttls: the name announced, SMTP/LMTP's EHLO/LHLO (default: localhost), XMPP's"
                    + " stream domain (default: -S, else the host)")
    String name;

    @Option(names = "--quit",
            description = "with --starttls: after the handshake (and the -m exchange, if any) say the protocol's"
                    + " goodbye inside TLS (SMTP, LMTP, POP3, FTP, NNTP: QUIT; IMAP: c LOGOUT; ManageSieve: LOGOUT;"
                    + " XMPP: a new stream, closed; LDAP: an UnbindRequest; PostgreSQL, MySQL: none before login,"
                    + " so only close_notify), print the server's answer and close")
    boolean quit;

    /** The protocol, or null without --starttls. */
    public StartTlsProtocol protocol() {
        return protocol;
    }

    /** Whether {@code --quit} was given. */
    public boolean quit() {
        return quit;
    }

    /** Checks the flags go together; call before any work. */
    public void validate() {
        if (quit && protocol == null) {
            throw new dev.tlskit.cli.UsageException("--quit needs --starttls (it says that protocol's goodbye)");
        }
        if (name != null && (protocol == null || !protocol.usesName())) {
            throw new dev.tlskit.cli.UsageException("--starttls-name needs --starttls smtp, lmtp, xmpp or xmpp-server"
                    + (protocol == null ? "" : " (" + protocol.cliName() + " announces no name)"));
        }
    }

    /** The name the prelude announces: --starttls-name, else localhost (SMTP/LMTP), or -S or the host (XMPP). */
    public String name(String host, String sni) {
        if (name != null) {
            return name;
        }
        if (protocol == StartTlsProtocol.XMPP || protocol == StartTlsProtocol.XMPP_SERVER) {
            return sni != null ? sni : host;
        }
        return "localhost";
    }

    /** The protocols' names, for help, completion and parsing. */
    public static final class Names extends EnumNames<StartTlsProtocol> {
        public Names() {
            super(StartTlsProtocol.class, StartTlsProtocol::cliName, StartTlsProtocol::of);
        }
    }
}
