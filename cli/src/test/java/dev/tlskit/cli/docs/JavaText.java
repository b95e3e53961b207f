package dev.tlskit.cli.docs;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

/** Java source text for values of a picocli model: literals, class references, new instances, method names. */
final class JavaText {
    private JavaText() {}

    static String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return str(s);
        }
        if (v instanceof String[] a) {
            return a.length == 0 ? "new String[0]" : strings(a);
        }
        if (v instanceof Boolean || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Character c) {
            return "'" + (c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c)) + "'";
        }
        if (v instanceof Enum<?> e) {
            return e.getDeclaringClass().getCanonicalName() + "." + e.name();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("FieldBinding.map(");
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep).append(str((String) e.getKey())).append(", ").append(str((String) e.getValue()));
                sep = ", ";
            }
            return sb.append(")").toString();
        }
        throw new IllegalStateException("no literal for " + v.getClass() + ": " + v);
    }

    static String strings(String[] a) {
        return Arrays.stream(a).map(JavaText::str).reduce((x, y) -> x + ", " + y).orElse("");
    }

    /** {@code s} as a Java string literal: JSON's escapes, and what is above ASCII as a unicode escape too. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder();
        dev.tlskit.cli.Json.quote(s).chars()
                .forEach(c -> sb.append(c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    /** A class literal where Specs can name the class, else a look-up by name. */
    static String cls(Class<?> c) {
        if (c.isPrimitive()) {
            return c.getName() + ".class";
        }
        if (c.isArray() && c.getComponentType().isPrimitive()) {
            return c.getComponentType().getName() + "[].class";
        }
        if (nameable(c)) {
            return c.getCanonicalName() + ".class";
        }
        return "FieldBinding.type(" + str(c.getName()) + ")";
    }

    static boolean nameable(Class<?> c) {
        Class<?> e = c.isArray() ? c.getComponentType() : c;
        for (Class<?> k = e; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return e.getCanonicalName() != null;
    }

    static String newInstance(Class<?> c) {
        try {
            if (nameable(c) && Modifier.isPublic(c.getDeclaredConstructor().getModifiers())) {
                return "new " + c.getCanonicalName() + "()";
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(c + " has no no-argument constructor", e);
        }
        return "FieldBinding.create(" + str(c.getName()) + ")";
    }

    static String camel(String path) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : path.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return sb.toString();
    }
}
