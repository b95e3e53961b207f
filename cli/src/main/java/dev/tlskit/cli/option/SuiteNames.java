package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.wire.CipherSuite;
import java.util.ArrayList;
import java.util.List;

/** Cipher suite names as {@code -l} takes them, IANA or OpenSSL, turned into the IANA names the engine uses. */
public final class SuiteNames {
    private SuiteNames() {}

    /** The IANA name of {@code name}; a usage error naming {@code flag} when no suite has that name. */
    public static String iana(String flag, String name) {
        String iana = CipherSuite.jsseNameOf(name);
        if (iana == null) {
            throw new UsageException(flag + " " + name + ": unknown cipher suite");
        }
        return iana;
    }

    /** {@link #iana} of each name, in order. */
    public static List<String> iana(String flag, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(iana(flag, n));
        }
        return out;
    }
}
