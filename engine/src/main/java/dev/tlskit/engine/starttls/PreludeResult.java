package dev.tlskit.engine.starttls;

import java.util.List;

/**
 * A prelude that succeeded: the server agreed to TLS.
 *
 * @param transcript both sides' lines, in order
 * @param readAhead bytes read past the server's last prelude line; they belong to TLS (usually none)
 */
public record PreludeResult(List<PreludeLine> transcript, byte[] readAhead) {
    public PreludeResult {
        transcript = List.copyOf(transcript);
        readAhead = readAhead.clone();
    }

    /** What the server said, in order. */
    public List<String> serverLines() {
        return transcript.stream().filter(l -> l.direction() == dev.tlskit.engine.model.Direction.RECEIVED)
                .map(PreludeLine::text).toList();
    }
}
