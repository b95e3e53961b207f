package dev.tlskit.cli;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Range;

/**
 * Every attribute of a picocli model as text, one per line, so that two models (from the annotations and from the
 * generated code) compare line by line: each public getter of the command, usage, parser, option and positional
 * specs, and each field picocli keeps in an option or positional, but the getter, setter and scope objects, which
 * differ by design (picocli's own field binding and ours), and whose scope's object is compared instead.
 */
final class SpecText {
    /** Binding objects, different by construction; what they reach is compared (scope object, field values). */
    private static final Set<String> BINDINGS = Set.of("getter", "setter", "scope", "annotatedElement");
    /** CommandSpec's links and its maps of picocli's injection elements: compared through what they hold. */
    private static final Set<String> COMMAND_SKIP = Set.of("commandLine", "userObject", "parent", "root",
            "usageMessage", "parser", "mixins", "subcommands", "args", "options", "positionalParameters",
            "optionsMap", "negatedOptionsMap", "posixOptionsMap", "requiredArgs", "specElements",
            "mixinAnnotatedElements", "argGroups", "unmatchedArgsBindings", "resourceBundle", "hashCode",
            "toString", "getClass", "interpolator");

    private SpecText() {}

    /** The text of {@code spec}, its arguments, mixins and subcommands. */
    static String of(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        command(out, spec.qualifiedName(), spec);
        return String.join("\n", out) + "\n";
    }

    private static void command(List<String> out, String at, CommandSpec spec) {
        out.add(at + " userObject: " + spec.userObject().getClass().getName());
        out.add(at + " parent: " + (spec.parent() == null ? "none" : spec.parent().qualifiedName()));
        getters(out, at + " command.", spec, CommandSpec.class, COMMAND_SKIP);
        getters(out, at + " usage.", spec.usageMessage(), CommandLine.Model.UsageMessageSpec.class,
                Set.of("hashCode", "toString", "getClass", "messages", "sectionMap"));
        out.add(at + " usage.sectionMap: " + spec.usageMessage().sectionMap().keySet());
        getters(out, at + " parser.", spec.parser(), CommandLine.Model.ParserSpec.class,
                Set.of("hashCode", "toString", "getClass"));
        for (ArgSpec a : spec.args()) {
            arg(out, at + " " + name(a), a);
        }
        out.add(at + " options: " + spec.options().stream().map(SpecText::name).toList());
        out.add(at + " positionals: " + spec.positionalParameters().stream().map(SpecText::name).toList());
        out.add(at + " optionsMap: " + map(spec.optionsMap()));
        out.add(at + " negatedOptionsMap: " + map(spec.negatedOptionsMap()));
        out.add(at + " posixOptionsMap: " + map(spec.posixOptionsMap()));
        out.add(at + " requiredArgs: " + spec.requiredArgs().stream().map(SpecText::name).toList());
        out.add(at + " argGroups: " + spec.argGroups().size() + ", unmatched: " + spec.unmatchedArgsBindings().size());
        out.add(at + " mixinNames: " + spec.mixins().keySet());
        specFields(out, at, spec);
        spec.mixins().forEach((name, m) -> command(out, at + " mixin " + name, m));
        spec.subcommands().forEach((name, cl) -> {
            out.add(at + " subcommand " + name + ": " + cl.getCommandSpec().qualifiedName());
            if (name.equals(cl.getCommandName())) {
                command(out, cl.getCommandSpec().qualifiedName(), cl.getCommandSpec());
            }
        });
    }

    /** Each {@code CommandSpec} field of the user object, and which spec it holds. */
    private static void specFields(List<String> out, String at, CommandSpec spec) {
        for (Class<?> c = spec.userObject().getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == CommandSpec.class && !Modifier.isStatic(f.getModifiers())) {
                    Object v = read(f, spec.userObject());
                    out.add(at + " @Spec " + f.getName() + ": " + (v == spec ? "its own spec"
                            : v == null ? "null" : "spec of " + ((CommandSpec) v).qualifiedName()));
                }
            }
        }
    }

    private static String name(ArgSpec a) {
        return a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName()
                : "positional " + ((CommandLine.Model.PositionalParamSpec) a).index() + " " + a.paramLabel();
    }

    private static String map(Map<?, ? extends ArgSpec> m) {
        Map<String, String> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(String.valueOf(k), name(v)));
        return sorted.toString();
    }

    private static void arg(List<String> out, String at, ArgSpec a) {
        getters(out, at + " .", a, a.getClass(), Set.of("hashCode", "getClass", "getter", "setter", "scope",
                "command", "group", "messages"));
        out.add(at + " command: " + a.command().qualifiedName());
        out.add(at + " group: " + a.group());
        Object scoped;
        try {
            scoped = a.scope().get();
        } catch (Exception e) {
            scoped = e;
        }
        out.add(at + " scope object: " + (scoped == null ? "null" : scoped.getClass().getName()));
        for (Class<?> c = a.getClass(); c != Object.class; c = c.getSuperclass()) {
            List<Field> fields = new ArrayList<>(Arrays.asList(c.getDeclaredFields()));
            fields.sort(Comparator.comparing(Field::getName));
            for (Field f : fields) {
                if (!Modifier.isStatic(f.getModifiers()) && !BINDINGS.contains(f.getName())
                        && !f.getName().equals("commandSpec") && !f.getName().equals("group")) {
                    out.add(at + " field " + c.getSimpleName() + "." + f.getName() + ": " + text(read(f, a)));
                }
            }
        }
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every public zero-argument getter of {@code type} on {@code o}, by name. */
    private static void getters(List<String> out, String at, Object o, Class<?> type, Set<String> skip) {
        List<Method> ms = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                    && !skip.contains(m.getName())) {
                ms.add(m);
            }
        }
        ms.sort(Comparator.comparing(Method::getName));
        for (Method m : ms) {
            Object v;
            try {
                m.setAccessible(true);
                v = m.invoke(o);
            } catch (InvocationTargetException e) {
                v = "throws " + e.getCause();
            } catch (IllegalAccessException e) {
                v = "inaccessible";
            }
            out.add(at + m.getName() + ": " + text(v));
        }
    }

    /** A value as text: what it holds, never an identity hash. */
    static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum) {
            return v.getClass().getSimpleName() + " " + v;
        }
        if (v instanceof Class<?> c) {
            return "class " + c.getName();
        }
        if (v instanceof Range r) {
            return "range " + r + " min=" + r.min() + " max=" + r.max() + " variable=" + r.isVariable()
                    + " unspecified=" + r.isUnspecified() + " unresolved=" + r.isUnresolved();
        }
        if (v.getClass().isArray()) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                l.add(text(java.lang.reflect.Array.get(v, i)));
            }
            return v.getClass().getComponentType().getSimpleName() + "[]" + l;
        }
        if (v instanceof Map<?, ?> m) {
            List<String> l = new ArrayList<>();
            m.forEach((k, x) -> l.add(text(k) + "=" + text(x)));
            return "map" + l;
        }
        if (v instanceof Collection<?> c) {
            return v.getClass().getSimpleName() + c.stream().map(SpecText::text).toList();
        }
        if (v instanceof ITypeInfo t) {
            return "typeInfo(" + t.getClassName() + " aux=" + t.getAuxiliaryTypeInfos().stream()
                    .map(ITypeInfo::getClassName).toList() + " generic=" + t.getActualGenericTypeArguments()
                    + " enumConstants=" + t.getEnumConstantNames() + " boolean=" + t.isBoolean() + " multi="
                    + t.isMultiValue() + " array=" + t.isArray() + " collection=" + t.isCollection() + " map="
                    + t.isMap() + " optional=" + t.isOptional() + " enum=" + t.isEnum() + ")";
        }
        if (v instanceof Iterable<?> it && v.getClass().getName().startsWith("dev.tlskit")) {
            List<String> l = new ArrayList<>();
            it.forEach(x -> l.add(String.valueOf(x)));
            return v.getClass().getName() + l;
        }
        if (v instanceof ArgSpec a) {
            return "arg " + name(a);
        }
        if (v instanceof CommandSpec c) {
            return "spec " + c.qualifiedName();
        }
        if (v instanceof java.lang.reflect.Member || v instanceof java.lang.reflect.Type) {
            return v.toString();
        }
        return "a " + v.getClass().getName();
    }
}
