package dev.tlskit.certs.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM blocks read with the JDK alone, line by line as Bouncy Castle's {@code PemReader} reads them (the key path
 * for anything but unencrypted PKCS#8, {@link KeyCodec}, still uses that): loading it and its ASN.1 classes, and
 * java.util.logging for its logger, cost a one-shot {@code client -A ca.pem} ~10 ms of CPU before the handshake.
 */
public final class PemText {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private PemText() {}

    /** True when the type names a PEM private key block tlskit may be able to read. */
    public static boolean isPrivateKeyType(String type) {
        return type.equals("PRIVATE KEY") || type.equals("ENCRYPTED PRIVATE KEY") || type.equals("RSA PRIVATE KEY")
                || type.equals("EC PRIVATE KEY") || type.equals("DSA PRIVATE KEY");
    }

    /** One block: its type ({@code CERTIFICATE}) and decoded body; headers ({@code Proc-Type: ...}) are skipped. */
    public record Block(String type, byte[] content) {
    }

    /**
     * Every block of {@code text}, in order, as Bouncy Castle reads them: text outside blocks is ignored, and a
     * BEGIN line without a well-formed type ends the reading (no block after it counts).
     *
     * @throws IOException for a block without its END line, or with a body that is not base64
     */
    public static List<Block> blocks(String text) throws IOException {
        List<Block> blocks = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new StringReader(text));
        for (String line; (line = lines.readLine()) != null; ) {
            if (!line.startsWith(BEGIN)) {
                continue;
            }
            String rest = line.substring(BEGIN.length()).trim();
            int dash = rest.indexOf('-');
            if (dash <= 0 || !rest.endsWith("-----") || rest.length() - dash != 5) {
                break; // Bouncy Castle stops at a malformed BEGIN line: no further block is read
            }
            blocks.add(body(lines, rest.substring(0, dash)));
        }
        return blocks;
    }

    private static Block body(BufferedReader lines, String type) throws IOException {
        String endMarker = END + type + "-----";
        StringBuilder base64 = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.indexOf(':') >= 0) {
                continue; // a header
            }
            if (line.startsWith(endMarker)) {
                return new Block(type, decode(base64, endMarker));
            }
            base64.append(line.trim());
        }
        throw new IOException(endMarker + " not found");
    }

    /** Strict base64: whole 4-character groups of the alphabet, padding only at the end. */
    private static byte[] decode(StringBuilder base64, String endMarker) throws IOException {
        for (int i = 0; i < base64.length(); i++) {
            if (Character.isWhitespace(base64.charAt(i))) {
                base64.deleteCharAt(i--);
            }
        }
        if (base64.length() % 4 != 0) {
            throw new IOException("invalid base64 data before " + endMarker + ": incomplete");
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid base64 data before " + endMarker + ": " + e.getMessage(), e);
        }
    }
}
