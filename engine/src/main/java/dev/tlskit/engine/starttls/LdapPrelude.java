package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Instant;

/**
 * LDAP StartTLS (RFC 4511 §4.14): an ExtendedRequest with requestName 1.3.6.1.4.1.1466.20037, BER written by
 * hand; the ExtendedResponse's resultCode must be 0 (success).
 */
final class LdapPrelude implements Prelude {
    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";
    private static final int MAX_RESPONSE = 64 * 1024;

    @Override
    public PreludeResult run(Socket socket, Instant deadline) throws PreludeException {
        PlainChannel ch = new PlainChannel("ldap", socket, deadline);
        ch.send(request(), "ExtendedRequest " + START_TLS_OID + " (StartTLS), messageID 1");
        byte[] head = ch.readBytes(2, "the ExtendedResponse");
        if (head[0] != 0x30) {
            ch.record(Direction.RECEIVED, String.format("0x%02x 0x%02x ...", head[0] & 0xff, head[1] & 0xff));
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, String.format(
                    "expected an LDAPMessage (a BER SEQUENCE, 0x30), got 0x%02x 0x%02x%s", head[0] & 0xff,
                    head[1] & 0xff, printable(head)), null);
        }
        int len = head[1] & 0xff;
        if (len > 0x80) {
            int n = len & 0x7f;
            if (n > 3) {
                throw ch.fail(Reason.NOT_THIS_PROTOCOL, "an LDAPMessage of " + n + " length bytes", null);
            }
            len = 0;
            for (byte b : ch.readBytes(n, "the ExtendedResponse")) {
                len = len << 8 | b & 0xff;
            }
        } else if (len == 0x80) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "an LDAPMessage of indefinite length (not allowed in LDAP)",
                    null);
        }
        if (len > MAX_RESPONSE) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "an LDAPMessage of " + len + " bytes", null);
        }
        Ber body = new Ber(ch.readBytes(len, "the ExtendedResponse"));
        try {
            long id = body.integer(0x02);
            int op = body.tag();
            Ber response = new Ber(body.value());
            if (op != 0x78) {
                throw ch.fail(Reason.NOT_THIS_PROTOCOL, String.format(
                        "expected an ExtendedResponse ([APPLICATION 24], 0x78), got tag 0x%02x", op), null);
            }
            int result = (int) response.integer(0x0a);
            String matched = new String(response.octets(0x04), UTF_8);
            String diagnostic = new String(response.octets(0x04), UTF_8);
            String said = "ExtendedResponse messageID " + id + ", resultCode " + result + " (" + resultName(result)
                    + ")" + (diagnostic.isEmpty() ? "" : ", " + PlainChannel.quote(diagnostic))
                    + (matched.isEmpty() ? "" : ", matchedDN " + PlainChannel.quote(matched));
            ch.record(Direction.RECEIVED, said);
            if (id == 0) {
                throw ch.fail(Reason.ERROR_REPLY, "the server sent a Notice of Disconnection: " + said, null);
            }
            if (result == 0) {
                return ch.done();
            }
            // protocolError (2): StartTLS is an unknown extended operation; unavailable (52): no TLS configured
            boolean notOffered = result == 2 || result == 52 || result == 53;
            throw ch.fail(notOffered ? Reason.NOT_OFFERED : Reason.ERROR_REPLY,
                    (notOffered ? "the server does not offer StartTLS: " : "the server refused StartTLS: ") + said,
                    null);
        } catch (IllegalArgumentException e) {
            throw ch.fail(Reason.NOT_THIS_PROTOCOL, "a malformed ExtendedResponse: " + e.getMessage(), e);
        }
    }

    /**
     * The goodbye over TLS: an UnbindRequest (RFC 4511 §4.3), messageID 2 (the StartTLS request was 1),
     * {@code 30 05 02 01 02 42 00}; the server answers by closing the connection.
     */
    static Goodbye goodbye() {
        return new Goodbye("UnbindRequest, messageID 2", new byte[] {0x30, 0x05, 0x02, 0x01, 0x02, 0x42, 0x00},
                null);
    }

    private static String printable(byte[] b) {
        String s = new String(b, US_ASCII);
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? " (" + PlainChannel.quote(s) + ")" : "";
    }

    /** LDAPMessage { messageID 1, [APPLICATION 23] { [0] requestName } }. */
    static byte[] request() {
        byte[] oid = START_TLS_OID.getBytes(US_ASCII);
        byte[] name = tlv(0x80, oid);
        byte[] op = tlv(0x77, name);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x02, 0x01, 0x01});
        m.writeBytes(op);
        return tlv(0x30, m.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        if (value.length > 127) {
            throw new IllegalArgumentException("short form only: " + value.length);
        }
        byte[] r = new byte[value.length + 2];
        r[0] = (byte) tag;
        r[1] = (byte) value.length;
        System.arraycopy(value, 0, r, 2, value.length);
        return r;
    }

    private static String resultName(int code) {
        return switch (code) {
            case 0 -> "success";
            case 1 -> "operationsError";
            case 2 -> "protocolError";
            case 3 -> "timeLimitExceeded";
            case 8 -> "strongerAuthRequired";
            case 51 -> "busy";
            case 52 -> "unavailable";
            case 53 -> "unwillingToPerform";
            case 80 -> "other";
            default -> "code " + code;
        };
    }

    /** A cursor over BER TLVs (definite lengths). */
    private static final class Ber {
        private final byte[] b;
        private int pos;
        private int tag;
        private byte[] value;

        Ber(byte[] b) {
            this.b = b;
        }

        int tag() {
            next();
            return tag;
        }

        byte[] value() {
            return value;
        }

        long integer(int expectedTag) {
            next();
            if (tag != expectedTag || value.length == 0 || value.length > 4) {
                throw new IllegalArgumentException(String.format("expected tag 0x%02x, got 0x%02x", expectedTag, tag));
            }
            long v = value[0]; // sign-extended
            for (int i = 1; i < value.length; i++) {
                v = v << 8 | value[i] & 0xff;
            }
            return v;
        }

        byte[] octets(int expectedTag) {
            next();
            if (tag != expectedTag) {
                throw new IllegalArgumentException(String.format("expected tag 0x%02x, got 0x%02x", expectedTag, tag));
            }
            return value;
        }

        private void next() {
            if (pos + 2 > b.length) {
                throw new IllegalArgumentException("truncated at byte " + pos);
            }
            tag = b[pos++] & 0xff;
            int len = b[pos++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3 || pos + n > b.length) {
                    throw new IllegalArgumentException("bad length at byte " + pos);
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = len << 8 | b[pos++] & 0xff;
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length");
            }
            if (pos + len > b.length) {
                throw new IllegalArgumentException("truncated value at byte " + pos);
            }
            value = java.util.Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
        }
    }
}
