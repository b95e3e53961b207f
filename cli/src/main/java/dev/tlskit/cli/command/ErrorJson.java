package dev.tlskit.cli.command;

import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.Json;
import dev.tlskit.engine.TlsException;
import java.util.Locale;
import java.util.Map;

/**
 * A failure as a JSON object: {@code {"exitCode": 3, "kind": "handshake", "message": "...", "alert": {"direction":
 * "sent", "level": "fatal", "description": "decode_error"}}} ({@code alert} only when one crossed the wire).
 */
final class ErrorJson {
    private ErrorJson() {}

    static Map<String, Object> of(TlsException e) {
        Map<String, Object> m = Json.object();
        m.put("exitCode", ExitCode.of(e));
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("message", e.getMessage());
        if (e.alert() != null) {
            // The alert that ended the connection, as on the wire: {"direction":"sent","level":"fatal",...}.
            Map<String, Object> a = Json.object();
            a.put("direction", e.alert().directionName());
            a.put("level", e.alert().alert().levelName());
            a.put("description", e.alert().alert().descriptionName());
            m.put("alert", a);
        }
        return m;
    }
}
