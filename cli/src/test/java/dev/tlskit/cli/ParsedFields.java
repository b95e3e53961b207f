package dev.tlskit.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** What a parse leaves, as text: every field of the command objects (mixins inside), and what picocli matched. */
final class ParsedFields {
    private ParsedFields() {}

    /** Parses {@code args} with {@code cl} and describes the outcome: the fields and matches, or the error. */
    static String parse(CommandLine cl, String... args) {
        ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return "usage error " + e.getClass().getSimpleName() + ": " + e.getMessage() + "\n";
        } catch (RuntimeException e) {
            return "exception " + e.getClass().getName() + ": " + e.getMessage() + "\n";
        }
        StringBuilder sb = new StringBuilder();
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            CommandSpec spec = p.commandSpec();
            sb.append("command ").append(spec.qualifiedName()).append('\n');
            for (OptionSpec o : p.matchedOptions()) {
                sb.append("  matched ").append(o.longestName()).append(' ').append(o.originalStringValues())
                        .append(" -> ").append(value(o.typedValues(), 0)).append('\n');
            }
            for (ArgSpec a : p.matchedPositionals()) {
                sb.append("  matched positional ").append(a.paramLabel()).append(' ').append(a.originalStringValues())
                        .append('\n');
            }
            sb.append("  unmatched ").append(p.unmatched()).append(" usage ").append(p.isUsageHelpRequested())
                    .append(" version ").append(p.isVersionHelpRequested()).append(" errors ").append(p.errors())
                    .append('\n');
            fields(sb, "  ", spec.userObject(), 0);
        }
        return sb.toString();
    }

    private static void fields(StringBuilder sb, String indent, Object o, int depth) {
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                Object v;
                try {
                    f.setAccessible(true);
                    v = f.get(o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                sb.append(indent).append(c.getSimpleName()).append('.').append(f.getName()).append(" = ");
                if (v != null && ours(v) && !v.getClass().isEnum() && depth < 4) {
                    sb.append(v.getClass().getSimpleName()).append(" {\n");
                    fields(sb, indent + "  ", v, depth + 1);
                    sb.append(indent).append("}\n");
                } else {
                    sb.append(value(v, depth)).append('\n');
                }
            }
        }
    }

    private static boolean ours(Object v) {
        return v.getClass().getName().startsWith("dev.tlskit.");
    }

    private static String value(Object v, int depth) {
        if (v == null) {
            return "null";
        }
        if (v instanceof CommandSpec s) {
            return "spec " + s.qualifiedName();
        }
        if (v instanceof Collection<?> c) {
            List<String> l = new ArrayList<>();
            c.forEach(x -> l.add(value(x, depth + 1)));
            return v.getClass().getSimpleName() + l;
        }
        if (v instanceof Map<?, ?> m) {
            List<String> l = new ArrayList<>();
            m.forEach((k, x) -> l.add(value(k, depth + 1) + "=" + value(x, depth + 1)));
            return "map" + l;
        }
        if (v.getClass().isArray()) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                l.add(value(java.lang.reflect.Array.get(v, i), depth + 1));
            }
            return v.getClass().getComponentType().getSimpleName() + "[]" + l;
        }
        if (ours(v) && !v.getClass().isEnum() && depth < 4) {
            StringBuilder sb = new StringBuilder(v.getClass().getSimpleName()).append(" {\n");
            fields(sb, "      ", v, depth + 1);
            return sb.append("    }").toString();
        }
        try {
            if (v.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                // an identity hash in a JDK object's text (a CompletableFuture's) differs between any two objects
                return v.getClass().getSimpleName() + " " + String.valueOf(v).replaceAll("@[0-9a-f]{4,}", "@hash");
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return "a " + v.getClass().getName();
    }
}
