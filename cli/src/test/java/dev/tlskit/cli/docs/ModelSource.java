package dev.tlskit.cli.docs;

import dev.tlskit.cli.TlskitCommand;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code dev.tlskit.cli.model.Specs}: Java that builds, with picocli's programmatic API, the very model
 * picocli builds from the annotations on tlskit's command classes, which stay the source of truth. It walks the
 * annotation-built {@link CommandSpec}s and emits every attribute that differs from what the builder makes by
 * itself; {@code GeneratedModelTest} compares the two models attribute by attribute and parse by parse.
 */
public final class ModelSource {
    public static final String PATH = "cli/src/main/java/dev/tlskit/cli/model/Specs.java";
    private static final String PKG = "dev.tlskit.cli.model";

    private final Map<String, String> methods = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    private final Map<Class<?>, String> mixinMethods = new LinkedHashMap<>();

    private ModelSource() {}

    /** The annotation-built model of the root and of every subcommand, each on its own (as Main adds them). */
    public static List<CommandSpec> annotated() {
        List<CommandSpec> all = new ArrayList<>();
        all.add(new CommandLine(new TlskitCommand()).getCommandSpec());
        for (String name : TlskitCommand.SUBCOMMANDS) {
            all.add(new CommandLine(TlskitCommand.subcommand(name)).getCommandSpec());
        }
        return all;
    }

    /** The source of {@code Specs.java}. */
    public static String render() {
        ModelSource m = new ModelSource();
        for (CommandSpec spec : annotated()) {
            m.command(spec, spec.name());
        }
        return m.source();
    }

    private String source() {
        StringBuilder sb = new StringBuilder();
        sb.append("// GENERATED from the picocli annotations on tlskit's commands by dev.tlskit.cli.docs.ModelSource:"
                + " do not edit.\n// Regenerate with dev.tlskit.cli.docs.Docs (the command in GeneratedDocsTest);"
                + " GeneratedModelTest fails when this is stale.\n");
        sb.append("package ").append(PKG).append(";\n\n");
        sb.append("import picocli.CommandLine;\nimport picocli.CommandLine.Model.CommandSpec;\n"
                + "import picocli.CommandLine.Model.OptionSpec;\nimport picocli.CommandLine.Model.PositionalParamSpec;\n\n");
        sb.append("/** picocli's model of each tlskit command, built in code: no annotation is read, no proxy made. */\n");
        sb.append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
        sb.append("public final class Specs {\n    private Specs() {}\n\n");
        sb.append("    /** The model of command object {@code o} (a class with {@code @Command}), bound to it. */\n");
        sb.append("    public static CommandSpec of(Object o) {\n        switch (o.getClass().getName()) {\n");
        commands.forEach((cls, method) -> sb.append("            case \"").append(cls).append("\": return ")
                .append(method).append("(o);\n"));
        sb.append("            default: throw new IllegalArgumentException(\"no generated model for \""
                + " + o.getClass().getName());\n        }\n    }\n");
        methods.values().forEach(sb::append);
        sb.append("}\n");
        return sb.toString();
    }

    private String command(CommandSpec spec, String path) {
        String method = JavaText.camel(path);
        commands.put(spec.userObject().getClass().getName(), method);
        StringBuilder body = new StringBuilder();
        body.append("\n    /** {@code ").append(spec.qualifiedName()).append("}. */\n");
        body.append("    static CommandSpec ").append(method).append("(Object o) {\n");
        methods.put(method, null);
        spec(body, spec);
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue; // an alias
            }
            CommandSpec sub = e.getValue().getCommandSpec();
            String subMethod = command(sub, path + " " + e.getKey());
            body.append("        s.addSubcommand(").append(JavaText.str(e.getKey())).append(", new CommandLine(")
                    .append(subMethod).append("(").append(JavaText.newInstance(sub.userObject().getClass()))
                    .append(")));\n");
        }
        body.append("        return s;\n    }\n");
        methods.put(method, body.toString());
        return method;
    }

    private String mixin(CommandSpec mixin) {
        Class<?> c = mixin.userObject().getClass();
        String existing = mixinMethods.get(c);
        if (existing != null) {
            return existing;
        }
        String method = "mixin" + c.getSimpleName();
        mixinMethods.put(c, method);
        methods.put(method, null);
        StringBuilder body = new StringBuilder();
        body.append("\n    /** The mixin {@code ").append(c.getName()).append("}. */\n");
        body.append("    static CommandSpec ").append(method).append("(Object o) {\n");
        spec(body, mixin);
        body.append("        return s;\n    }\n");
        methods.put(method, body.toString());
        return method;
    }

    /** The statements that make {@code s} the model of {@code spec}, its arguments and mixins in their order. */
    private void spec(StringBuilder b, CommandSpec spec) {
        Boolean interpolate = spec.interpolateVariables();
        rawText(spec, false);
        try {
            b.append("        CommandSpec s = CommandSpec.wrapWithoutInspection(o);\n");
            CommandSpec plain = CommandSpec.wrapWithoutInspection(new Object());
            properties(b, "s.", spec, plain, CommandSpec.class, Map.of("interpolateVariables", interpolate));
            properties(b, "s.usageMessage().", spec.usageMessage(), plain.usageMessage(),
                    CommandLine.Model.UsageMessageSpec.class, Map.of());
            properties(b, "s.parser().", spec.parser(), plain.parser(), CommandLine.Model.ParserSpec.class, Map.of());
            Map<ArgSpec, String> owner = new IdentityHashMap<>();
            spec.mixins().forEach((name, m) -> m.args().forEach(a -> owner.put(a, name)));
            List<String> added = new ArrayList<>();
            for (ArgSpec arg : spec.args()) {
                String mixinName = owner.get(arg);
                if (mixinName == null) {
                    if (!arg.inherited()) {
                        arg(b, arg);
                    }
                } else if (!added.contains(mixinName)) {
                    addMixin(b, spec, mixinName);
                    added.add(mixinName);
                }
            }
            for (String name : spec.mixins().keySet()) {
                if (!added.contains(name)) {
                    addMixin(b, spec, name);
                }
            }
            specFields(b, spec);
            if (!spec.unmatchedArgsBindings().isEmpty() || !spec.argGroups().isEmpty()) {
                throw new IllegalStateException(spec.qualifiedName() + ": @Unmatched/@ArgGroup: not generated yet");
            }
        } finally {
            rawText(spec, interpolate);
        }
    }

    private static void rawText(CommandSpec spec, Boolean interpolate) {
        spec.interpolateVariables(interpolate);
        spec.mixins().values().forEach(m -> rawText(m, interpolate));
    }

    private void addMixin(StringBuilder b, CommandSpec spec, String name) {
        CommandSpec m = spec.mixins().get(name);
        Field f = (Field) spec.mixinAnnotatedElements().get(name).userObject();
        b.append("        s.addMixin(").append(JavaText.str(name)).append(", ").append(mixin(m))
                .append("(FieldBinding.mixin(o, ").append(JavaText.str(f.getName())).append(")));\n");
    }

    /** {@code @Spec} fields: each gets the spec it holds in the annotation-built model. */
    private static void specFields(StringBuilder b, CommandSpec spec) {
        for (var element : spec.specElements()) {
            Field f = (Field) element.userObject();
            Object value = read(f, spec.userObject());
            if (value != spec) {
                throw new IllegalStateException(f + " holds another spec than its own: not generated yet");
            }
            b.append("        FieldBinding.put(o, ").append(JavaText.str(f.getName())).append(", s);\n");
        }
    }

    private static Object read(Field f, Object target) {
        try {
            f.setAccessible(true);
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One option or positional parameter: every attribute that the builder would not set the same by itself. */
    private void arg(StringBuilder b, ArgSpec arg) {
        Field f = (Field) arg.userObject();
        boolean option = arg.isOption();
        ArgSpec plain = option
                ? OptionSpec.builder(((OptionSpec) arg).names()).type(arg.type()).auxiliaryTypes(arg.auxiliaryTypes())
                        .build()
                : PositionalParamSpec.builder().type(arg.type()).auxiliaryTypes(arg.auxiliaryTypes())
                        .index(((PositionalParamSpec) arg).index()).build();
        b.append("        {\n            FieldBinding f = FieldBinding.of(o, ").append(JavaText.str(f.getName())).append(");\n");
        b.append("            s.add").append(option ? "Option(FieldBinding.option(OptionSpec.builder("
                + JavaText.strings(((OptionSpec) arg).names()) : "Positional(FieldBinding.positional(PositionalParamSpec.builder(")
                .append(")\n");
        StringBuilder calls = new StringBuilder();
        call(calls, "type", JavaText.cls(arg.type()));
        call(calls, "auxiliaryTypes", Arrays.stream(arg.auxiliaryTypes()).map(JavaText::cls)
                .reduce((x, y) -> x + ", " + y).orElse(""));
        if (!arg.typeInfo().getActualGenericTypeArguments().isEmpty()) {
            call(calls, "typeInfo", "f.typeInfo(CommandLine.Range.valueOf(" + JavaText.str(arg.arity().toString())
                    + ").unspecified(" + arg.arity().isUnspecified() + "), " + option + ", " + arg.interactive()
                    + Arrays.stream(arg.auxiliaryTypes()).map(c -> ", " + JavaText.cls(c)).reduce("", String::concat) + ")");
        }
        if (!option) {
            call(calls, "index", JavaText.str(((PositionalParamSpec) arg).index().toString()));
        }
        if (!arg.arity().equals(plain.arity()) || arg.arity().isUnspecified() != plain.arity().isUnspecified()) {
            if (arg.arity().isUnspecified()) {
                throw new IllegalStateException(arg + ": unspecified arity that the builder computes otherwise");
            }
            call(calls, "arity", JavaText.str(arg.arity().toString()));
        }
        differ(calls, "required", arg.required(), plain.required());
        differ(calls, "interactive", arg.interactive(), plain.interactive());
        differ(calls, "echo", arg.echo(), plain.echo());
        differ(calls, "prompt", arg.prompt(), plain.prompt());
        differ(calls, "description", arg.description(), plain.description());
        differ(calls, "descriptionKey", arg.descriptionKey(), plain.descriptionKey());
        differ(calls, "paramLabel", arg.paramLabel(), plain.paramLabel());
        differ(calls, "hideParamSyntax", arg.hideParamSyntax(), plain.hideParamSyntax());
        if (arg.converters().length > 0) {
            call(calls, "converters", Arrays.stream(arg.converters())
                    .map(c -> "(CommandLine.ITypeConverter) " + JavaText.newInstance(c.getClass()))
                    .reduce((x, y) -> x + ", " + y).orElseThrow());
        }
        differ(calls, "splitRegex", arg.splitRegex(), plain.splitRegex());
        differ(calls, "splitRegexSynopsisLabel", arg.splitRegexSynopsisLabel(), plain.splitRegexSynopsisLabel());
        differ(calls, "showDefaultValue", arg.showDefaultValue(), plain.showDefaultValue());
        candidates(calls, arg, plain);
        instance(calls, "parameterConsumer", arg.parameterConsumer(), plain.parameterConsumer());
        instance(calls, "preprocessor", arg.preprocessor(), plain.preprocessor());
        differ(calls, "hidden", arg.hidden(), plain.hidden());
        differ(calls, "defaultValue", arg.defaultValue(), plain.defaultValue());
        differ(calls, "mapFallbackValue", arg.mapFallbackValue(), plain.mapFallbackValue());
        differ(calls, "scopeType", arg.scopeType(), plain.scopeType());
        if (option) {
            OptionSpec o = (OptionSpec) arg;
            OptionSpec p = (OptionSpec) plain;
            differ(calls, "help", o.help(), p.help());
            differ(calls, "usageHelp", o.usageHelp(), p.usageHelp());
            differ(calls, "versionHelp", o.versionHelp(), p.versionHelp());
            differ(calls, "negatable", o.negatable(), p.negatable());
            differ(calls, "fallbackValue", o.fallbackValue(), p.fallbackValue());
            differ(calls, "order", o.order(), p.order());
        }
        if (arg.hasInitialValue()) {
            call(calls, "initialValue", "f.get()");
            call(calls, "hasInitialValue", "true");
        }
        call(calls, "withToString", JavaText.str(arg.toString()));
        b.append(calls);
        b.append("                    .getter(f).setter(f).scope(f.scope()).userObject(f.field()),\n");
        b.append("                    ").append(JavaText.literal(internal(ArgSpec.class, arg, "originalDefaultValue")));
        if (option) {
            b.append(", ").append(JavaText.literal(internal(OptionSpec.class, arg, "originalFallbackValue")));
        }
        b.append(", ").append(JavaText.literal(internal(ArgSpec.class, arg, "originalMapFallbackValue")));
        // POSTPONED: picocli reads the field when the initial value is first asked for (CACHED from then on),
        // through the annotated element only it can hold; the generated model reads it when built, into CACHED.
        b.append(", ").append(List.of("CACHED", "POSTPONED")
                .contains(String.valueOf(internal(ArgSpec.class, arg, "initialValueState"))));
        if (!option) {
            Object capacity = internal(PositionalParamSpec.class, arg, "builderCapacity");
            b.append(", ").append(capacity == null ? "null" : JavaText.str(capacity.toString()));
        }
        b.append("));\n");
        b.append("        }\n");
    }

    /** A field picocli's annotation reader sets and its builder API does not. */
    private static Object internal(Class<?> c, Object arg, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void candidates(StringBuilder calls, ArgSpec arg, ArgSpec plain) {
        Iterable<String> c = arg.completionCandidates();
        if (c == null || c.getClass().getName().startsWith("dev.tlskit.")) {
            instance(calls, "completionCandidates", c, plain.completionCandidates());
        } else if (!list(c).equals(list(plain.completionCandidates()))) {
            throw new IllegalStateException(arg + ": completion candidates of " + c.getClass() + ": not generated yet");
        }
    }

    private static List<String> list(Iterable<String> it) {
        List<String> l = new ArrayList<>();
        if (it != null) {
            it.forEach(l::add);
        }
        return l;
    }

    private static void instance(StringBuilder calls, String name, Object value, Object plain) {
        if (value == null && plain == null) {
            return;
        }
        if (value != null && plain != null && value.getClass() == plain.getClass()) {
            return;
        }
        if (value == null) {
            throw new IllegalStateException(name + ": null where the builder sets " + plain.getClass());
        }
        call(calls, name, JavaText.newInstance(value.getClass()));
    }

    private static void differ(StringBuilder calls, String name, Object value, Object plain) {
        if (!Objects.deepEquals(value, plain)) {
            call(calls, name, JavaText.literal(value));
        }
    }

    private static void call(StringBuilder calls, String name, String args) {
        calls.append("                    .").append(name).append("(").append(args).append(")\n");
    }

    /**
     * The getter/setter pairs of {@code type} (a CommandSpec, UsageMessageSpec or ParserSpec), each emitted as
     * {@code prefix name(value)} where the annotation-built value differs from a plain spec's.
     */
    private static void properties(StringBuilder b, String prefix, Object spec, Object plain, Class<?> type,
            Map<String, Object> override) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == type
                    && setter(type, m) != null && !SKIP.contains(m.getName())) {
                getters.add(m);
            }
        }
        getters.sort(java.util.Comparator.comparing(Method::getName));
        for (Method g : getters) {
            try {
                if (g.getName().equals("version") && spec instanceof CommandSpec c && c.versionProvider() != null) {
                    continue; // what the provider says, at run time
                }
                Object value = override.containsKey(g.getName()) ? override.get(g.getName()) : g.invoke(spec);
                Object def = g.invoke(plain);
                if (Objects.deepEquals(value, def)) {
                    continue;
                }
                boolean simple = value == null || value instanceof String || value instanceof String[]
                        || value instanceof Boolean || value instanceof Integer || value instanceof Character
                        || value instanceof Enum || value instanceof Map;
                if (!simple && def != null && value.getClass() == def.getClass()) {
                    continue; // the same kind of object (a default provider or transformer) as picocli's default
                }
                String arg = simple ? JavaText.literal(value) : JavaText.newInstance(value.getClass());
                b.append("        ").append(prefix).append(g.getName()).append("(").append(arg).append(");\n");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(g + ": " + e, e);
            }
        }
    }

    /** Read-only in effect or set by other means: picocli's own wiring, the help sections, the commands' tree. */
    private static final List<String> SKIP = List.of("userObject", "parent", "usageMessage", "parser",
            "commandLine", "sectionKeys", "sectionMap", "messages", "resourceBundle", "helpFactory",
            "defaultValueProvider", "qualifiedName");

    private static Method setter(Class<?> type, Method getter) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(getter.getName()) && m.getParameterCount() == 1
                    && (m.getParameterTypes()[0] == getter.getReturnType()
                        || m.getParameterTypes()[0].isArray() && getter.getReturnType().isArray())) {
                return m;
            }
        }
        return null;
    }
}
