package dev.tlskit.cli.model;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.PicocliException;

/**
 * An option's field, found by name: what the generated {@link Specs} bind options, positionals, mixins and
 * {@code @Spec} fields through. Reading a field by name parses no annotation and defines no proxy class, which is
 * what building picocli's model from the annotations at every start costs.
 */
public final class FieldBinding implements IGetter, ISetter, IScoped {
    private final Scope scope;
    private final Field field;

    private FieldBinding(Object target, Field field) {
        this.scope = new Scope(target);
        this.field = field;
    }

    /** The field {@code name} of {@code target}'s class or of a superclass. */
    public static FieldBinding of(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return new FieldBinding(target, f);
            } catch (NoSuchFieldException e) {
                // a superclass's field, or none
            }
        }
        throw new IllegalStateException("no field " + name + " in " + target.getClass().getName()
                + ": the generated model is stale (regenerate with dev.tlskit.cli.docs.Docs)");
    }

    /** The mixin in field {@code name} of {@code target}: its value, or a new instance of its type put there. */
    public static Object mixin(Object target, String name) {
        FieldBinding b = of(target, name);
        Object value = b.get();
        if (value == null) {
            value = create(b.field.getType());
            b.set(value);
        }
        return value;
    }

    /** Sets field {@code name} of {@code target} (a {@code @Spec} field). */
    public static void put(Object target, String name, Object value) {
        of(target, name).set(value);
    }

    /** A new instance of the class named {@code className} (a converter, a version provider, a subcommand...). */
    @SuppressWarnings("unchecked")
    public static <T> T create(String className) {
        return (T) create(type(className));
    }

    /**
     * Builds {@code b} with what picocli's annotation reader keeps beside the public attributes and its builder API
     * cannot set: the default and fallback values as written (which the parser reads when it applies defaults)
     * and the initial value as read when the model was built (picocli's reader reads it when first asked for,
     * through the annotated element that only it can hold; for a fresh command object the value is the same).
     */
    public static OptionSpec option(OptionSpec.Builder b, String originalDefault, String originalFallback,
            String originalMapFallback, boolean initialCached) {
        Internals.set(Internals.ORIGINAL_FALLBACK, b, originalFallback);
        Internals.arg(b, originalDefault, originalMapFallback, initialCached);
        return b.build();
    }

    /** As {@link #option}, for a positional parameter. */
    public static PositionalParamSpec positional(PositionalParamSpec.Builder b, String originalDefault,
            String originalMapFallback, boolean initialCached, String capacity) {
        if (capacity != null) {
            Internals.set(Internals.CAPACITY, b, picocli.CommandLine.Range.valueOf(capacity));
        }
        Internals.arg(b, originalDefault, originalMapFallback, initialCached);
        return b.build();
    }

    /**
     * The type information picocli's annotation reader makes from this field's generic type (a {@code List<Path>}
     * knows its element type), through picocli's own factory for it, which is not public API.
     */
    public picocli.CommandLine.Model.ITypeInfo typeInfo(picocli.CommandLine.Range arity, boolean option,
            boolean interactive, Class<?>... aux) {
        try {
            return (picocli.CommandLine.Model.ITypeInfo) Internals.TYPE_INFO.invoke(null, field.getType(), aux,
                    field.getGenericType(), arity, option ? boolean.class : String.class, interactive);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("picocli's type information for " + field + ": " + e, e);
        }
    }

    /** A map of {@code keyValues}' pairs in their order (an exit code list). */
    public static java.util.Map<String, String> map(String... keyValues) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The class named {@code className}, for classes the generated code cannot name (not public). */
    public static Class<?> type(String className) {
        try {
            return Class.forName(className, false, FieldBinding.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + className + ": the generated model is stale", e);
        }
    }

    private static Object create(Class<?> c) {
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create " + c.getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot create " + c.getName() + ": " + e.getCause(), e.getCause());
        }
    }

    /** The field: the option's user object, as in the annotation-built model ({@code OptionGroup} reads it). */
    public Field field() {
        return field;
    }

    /** The object the field belongs to. */
    public IScope scope() {
        return scope;
    }

    @Override
    public IScope getScope() {
        return scope;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        try {
            return (T) field.get(scope.value);
        } catch (IllegalAccessException e) {
            throw new PicocliException("cannot read " + field + ": " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
        try {
            T old = (T) field.get(scope.value);
            field.set(scope.value, value);
            return old;
        } catch (IllegalAccessException e) {
            throw new PicocliException("cannot set " + field + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FieldBinding(" + field + ")";
    }

    /** picocli's builder fields that only its annotation reader sets: found once, by name. */
    private static final class Internals {
        /** {@code ArgSpec.Builder}, the options' and positionals' builders' superclass (not public). */
        static final Class<?> ARG_BUILDER = OptionSpec.Builder.class.getSuperclass();
        static final Field ORIGINAL_DEFAULT = field(ARG_BUILDER, "originalDefaultValue");
        static final Field ORIGINAL_MAP_FALLBACK = field(ARG_BUILDER, "originalMapFallbackValue");
        static final Field INITIAL_STATE = field(ARG_BUILDER, "initialValueState");
        static final Field ORIGINAL_FALLBACK = field(OptionSpec.Builder.class, "originalFallbackValue");
        static final Field CAPACITY = field(PositionalParamSpec.Builder.class, "capacity");
        /** {@code RuntimeTypeInfo.create(type, annotationTypes, genericType, arity, defaultType, interactive)}. */
        static final java.lang.reflect.Method TYPE_INFO = typeInfoFactory();
        @SuppressWarnings({"unchecked", "rawtypes"})
        static final Object CACHED = Enum.valueOf((Class) INITIAL_STATE.getType(), "CACHED");

        static void arg(Object b, String originalDefault, String originalMapFallback, boolean initialCached) {
            set(ORIGINAL_DEFAULT, b, originalDefault);
            set(ORIGINAL_MAP_FALLBACK, b, originalMapFallback);
            if (initialCached) {
                set(INITIAL_STATE, b, CACHED);
            }
        }

        static java.lang.reflect.Method typeInfoFactory() {
            try {
                Class<?> c = Class.forName("picocli.CommandLine$Model$RuntimeTypeInfo", false,
                        OptionSpec.class.getClassLoader());
                java.lang.reflect.Method m = c.getDeclaredMethod("create", Class.class, Class[].class,
                        java.lang.reflect.Type.class, picocli.CommandLine.Range.class, Class.class, boolean.class);
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("picocli has no RuntimeTypeInfo.create: another picocli version than"
                        + " the generated model's", e);
            }
        }

        static Field field(Class<?> c, String name) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("picocli " + c.getName() + " has no " + name
                        + ": another picocli version than the generated model's", e);
            }
        }

        static void set(Field f, Object target, Object value) {
            try {
                f.set(target, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The object options are bound to. */
    static final class Scope implements IScope {
        private Object value;

        Scope(Object value) {
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T v) {
            T old = (T) value;
            value = v;
            return old;
        }

        @Override
        public String toString() {
            return "Scope(" + value.getClass().getName() + ")";
        }
    }
}
