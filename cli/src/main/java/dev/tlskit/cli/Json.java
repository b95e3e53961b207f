package dev.tlskit.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal JSON writer for the shapes tlskit emits: ordered objects, arrays, strings, numbers, booleans. */
public final class Json {
    private Json() {}

    /** An insertion-ordered object; null values are written as JSON null. */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** The document every command starts from: {@code {"tlskit": 1, "command": name}}. */
    public static Map<String, Object> document(String command) {
        Map<String, Object> doc = object();
        doc.put("tlskit", 1);
        doc.put("command", command);
        return doc;
    }

    /** One event of a stream: {@code {"tlskit": 1, "command": command, "event": name}}. */
    public static Map<String, Object> event(String command, String name) {
        Map<String, Object> doc = document(command);
        doc.put("event", name);
        return doc;
    }

    /** Writes {@code value} as one line and flushes; whole lines only, even with several writer threads. */
    public static void println(java.io.PrintWriter out, Object value) {
        String line = write(value);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                sb.append(Math.round(d * 1000) / 1000.0);
            } else {
                sb.append("null");
            }
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            string(sb, v.toString());
        }
    }

    /** {@code s} as a JSON string, quotes included; its escapes are Java's too (the docs' source generator uses it). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
