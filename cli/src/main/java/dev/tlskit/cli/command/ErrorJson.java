package dev.tlskit.cli.command;

import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.Json;
import dev.tlskit.engine.TlsException;
import java.util.Locale;
import java.util.Map;

/** A failure as a JSON object: {@code {"exitCode": 4, "kind": "verification", "message": "..."}}. */
final class ErrorJson {
    private ErrorJson() {}

    static Map<String, Object> of(TlsException e) {
        Map<String, Object> m = Json.object();
        m.put("exitCode", ExitCode.of(e));
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("message", e.getMessage());
        return m;
    }
}
