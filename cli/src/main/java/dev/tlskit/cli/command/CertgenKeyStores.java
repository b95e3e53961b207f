package dev.tlskit.cli.command;

import dev.tlskit.certs.Certgen;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.PasswordSource;

/**
 * The key stores {@code tlskit certgen} writes besides PEM ({@code --p12}, {@code --jks}, {@code --truststore}) and
 * their password: read from {@code --password} (pass:TEXT, env:VAR or file:PATH), empty with {@code --no-password},
 * else Certgen's default. The password goes to {@link Certgen} only; the summary says where it came from, never what
 * a given one is.
 */
final class CertgenKeyStores {
    private final boolean p12;
    private final boolean jks;
    private final boolean trustStore;
    private final char[] password;
    private final boolean passwordGiven;

    private CertgenKeyStores(boolean p12, boolean jks, boolean trustStore, char[] password, boolean passwordGiven) {
        this.p12 = p12;
        this.jks = jks;
        this.trustStore = trustStore;
        this.password = password;
        this.passwordGiven = passwordGiven;
    }

    /**
     * The stores asked for, with the password read now: a usage error naming {@code --password} when its variable is
     * unset, its file unreadable, or it is empty.
     */
    static CertgenKeyStores read(boolean p12, boolean jks, boolean trustStore, String password, boolean noPassword) {
        return new CertgenKeyStores(p12, jks, trustStore, password(password, noPassword), password != null);
    }

    private static char[] password(String password, boolean noPassword) {
        if (noPassword) {
            return new char[0];
        }
        if (password == null) {
            return Certgen.DEFAULT_STORE_PASSWORD.toCharArray();
        }
        char[] pw = PasswordSource.read("--password", password);
        if (pw.length == 0) {
            throw new UsageException("--password " + password + ": empty (use --no-password for none)");
        }
        return pw;
    }

    /** Asks {@code b} for these stores, with this password. */
    void applyTo(Certgen.Builder b) {
        b.storePassword(password);
        if (p12) {
            b.pkcs12();
        }
        if (jks) {
            b.jks();
        }
        if (trustStore) {
            b.trustStore();
        }
    }

    /** Whether any key store is written, so that their password is worth a word. */
    boolean any() {
        return p12 || jks || trustStore;
    }

    /** {@code truststore.p12} or {@code truststore.jks}; null without {@code --truststore}. */
    String trustStoreFile() {
        return trustStore ? "truststore." + (jks ? "jks" : "p12") : null;
    }

    /** The password as the text summary names it: empty, the default (shown), or given (not shown). */
    String passwordText() {
        return password.length == 0 ? "(none: empty)"
                : !passwordGiven ? Certgen.DEFAULT_STORE_PASSWORD : "as given with --password";
    }

    /** The password for the JSON summary: "" or the default, null when given (a secret) or when no store is written. */
    String passwordJson() {
        return any() ? (password.length == 0 ? "" : !passwordGiven ? Certgen.DEFAULT_STORE_PASSWORD : null) : null;
    }
}
