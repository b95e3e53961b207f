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
     * Whether the protocol is made of text lines ending in CR LF (SMTP, LMTP, IMAP, POP3, FTP, NNTP, ManageSieve),
     * so lines typed at a terminal are sent with CR LF; XMPP's XML and the binary protocols have no lines.
     */
    public boolean crlf() {
        return switch (this) {
            case SMTP, LMTP, IMAP, POP3, FTP, NNTP, SIEVE -> true;
            case XMPP, XMPP_SERVER, LDAP, POSTGRES, MYSQL -> false;
        };
    }

    /**
     * The polite goodbye inside TLS, once the upgrade is done. PostgreSQL and MySQL have none at this point: their
     * Terminate ('X') and COM_QUIT belong to a session that has started up and logged in, and a server still
     * waiting for the StartupMessage (PostgreSQL) or the rest of the Handshake Response (MySQL) would read them as
     * a malformed one (seen: PostgreSQL 15 logs "invalid length of startup packet"; MariaDB 10.11 answers ERR 1043
     * "Bad handshake"); closing (close_notify) is the clean way out there (PostgreSQL logs nothing).
     *
     * @param name as for {@link #prelude(String)} (XMPP restarts its stream to that domain)
     */
    public Goodbye goodbye(String name) {
        return switch (this) {
            case SMTP, LMTP, FTP, NNTP -> Goodbye.line("QUIT", CodedReply::isLast);
            case POP3 -> Goodbye.line("QUIT", l -> l.startsWith("+OK") || l.startsWith("-ERR"));
            case IMAP -> Goodbye.line("c LOGOUT", l -> l.regionMatches(true, 0, "c ", 0, 2));
            case SIEVE -> SievePrelude.goodbye();
            case XMPP -> XmppPrelude.goodbye(false, name);
            case XMPP_SERVER -> XmppPrelude.goodbye(true, name);
            case LDAP -> LdapPrelude.goodbye();
            case POSTGRES, MYSQL -> new Goodbye("", new byte[0], null);
        };
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
