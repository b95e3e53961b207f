package dev.tlskit.cli.option;

import dev.tlskit.certs.Pem;
import dev.tlskit.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A password flag's value, as openssl takes them: {@code pass:TEXT}, {@code env:VAR}, {@code file:PATH}. */
public final class PasswordSource {
    private PasswordSource() {}

    /** What the flags' help says about their values. */
    public static final String FORMS = "pass:TEXT, env:VAR or file:PATH";

    /**
     * The password {@code source} names (the first line of a file; a value without a prefix is the password
     * itself), or null for a null source; a usage error naming {@code flag} when it cannot be read.
     */
    public static char[] read(String flag, String source) {
        if (source == null) {
            return null;
        }
        if (source.startsWith("pass:")) {
            return source.substring(5).toCharArray();
        }
        if (source.startsWith("env:")) {
            String name = source.substring(4);
            String v = System.getenv(name);
            if (v == null) {
                throw new UsageException(flag + " env:" + name + ": environment variable not set");
            }
            return v.toCharArray();
        }
        if (source.startsWith("file:")) {
            Path p = Path.of(source.substring(5));
            try {
                String first = Files.readAllLines(p, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                return first.toCharArray();
            } catch (IOException e) {
                throw new UsageException(flag + " file:" + p + ": cannot read: " + Pem.describe(e));
            }
        }
        return source.toCharArray();
    }
}
