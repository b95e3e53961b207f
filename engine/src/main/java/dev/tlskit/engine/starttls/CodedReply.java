package dev.tlskit.engine.starttls;

import dev.tlskit.engine.starttls.PreludeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reply of the three-digit family (SMTP RFC 5321 §4.2, LMTP, FTP RFC 959 §4.2, NNTP): {@code 250-first},
 * ..., {@code 250 last}; a line without the code's hyphen ends it.
 */
record CodedReply(int code, List<String> lines) {
    private static final Pattern LINE = Pattern.compile("([0-9]{3})([ -].*)?");

    static CodedReply read(PlainChannel ch, String waitingFor) throws PreludeException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = ch.readLine(waitingFor);
            var m = LINE.matcher(line);
            if (!m.matches()) {
                if (lines.isEmpty()) {
                    throw ch.fail(Reason.NOT_THIS_PROTOCOL, "expected a three-digit reply as " + waitingFor
                            + ", got " + PlainChannel.quote(line), null);
                }
                lines.add(line); // FTP lets a multi-line reply's middle lines start anyhow (RFC 959 §4.2)
                continue;
            }
            lines.add(line);
            if (m.group(2) == null || m.group(2).startsWith(" ")) {
                int code = Integer.parseInt(m.group(1));
                if (lines.size() > 1 && !line.startsWith(lines.get(0).substring(0, 3))) {
                    continue; // a middle line that happens to start with three digits
                }
                return new CodedReply(code, lines);
            }
        }
    }

    /** Whether {@code line} ends a reply ({@code 221 bye}, not {@code 250-more}): a goodbye's answer is one. */
    static boolean isLast(String line) {
        var m = LINE.matcher(line);
        return m.matches() && (m.group(2) == null || m.group(2).startsWith(" "));
    }

    /** The text after the code of each line ({@code STARTTLS} of {@code 250-STARTTLS}). */
    List<String> texts() {
        return lines.stream().map(l -> l.length() > 4 ? l.substring(4) : "").toList();
    }

    /** Whether a line's first word is {@code keyword} (an EHLO or FEAT extension), ignoring case. */
    boolean lists(String keyword) {
        return texts().stream().anyMatch(t -> t.strip().split(" ", 2)[0].equalsIgnoreCase(keyword));
    }

    /** The whole reply, quoted, its lines joined by " | ". */
    String quoted() {
        return PlainChannel.quote(String.join(" | ", lines));
    }
}
