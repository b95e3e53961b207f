package dev.tlskit.engine.starttls;

import java.util.Locale;

/** The protocols whose STARTTLS tlskit speaks ({@code openssl s_client -starttls}'s set), with their ports. */
public enum StartTlsProtocol {
    SMTP(25),
    LMTP(24),
    IMAP(143),
    POP3(110),
    FTP(21),
    XMPP(5222),
    XMPP_SERVER(5269),
    LDAP(389),
    POSTGRES(5432),
    MYSQL(3306),
    SIEVE(4190),
    NNTP(119);

    private final int defaultPort;

    StartTlsProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The name users type: {@code smtp}, {@code xmpp-server}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The IANA port for the protocol in its STARTTLS form (587, submission, is SMTP too). */
    public int defaultPort() {
        return defaultPort;
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    public static StartTlsProtocol of(String name) {
        for (StartTlsProtocol p : values()) {
            if (p.cliName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown STARTTLS protocol \"" + name + "\" (one of smtp, lmtp, imap,"
                + " pop3, ftp, xmpp, xmpp-server, ldap, postgres, mysql, sieve, nntp)");
    }

    /** Whether the prelude announces a name ({@link #prelude(String)}'s argument matters). */
    public boolean usesName() {
        return this == SMTP || this == LMTP || this == XMPP || this == XMPP_SERVER;
    }

    /**
     * @param name the name the client announces: SMTP/LMTP's EHLO/LHLO argument, XMPP's stream {@code to} domain;
     *     ignored by the others
     */
    public Prelude prelude(String name) {
        return switch (this) {
            case SMTP -> new SmtpPrelude(false, name);
            case LMTP -> new SmtpPrelude(true, name);
            case IMAP -> new ImapPrelude();
            case POP3 -> new Pop3Prelude();
            case FTP -> new FtpPrelude();
            case XMPP -> new XmppPrelude(false, name);
            case XMPP_SERVER -> new XmppPrelude(true, name);
            case LDAP -> new LdapPrelude();
            case POSTGRES -> new PostgresPrelude();
            case MYSQL -> new MysqlPrelude();
            case SIEVE -> new SievePrelude();
            case NNTP -> new NntpPrelude();
        };
    }
}
