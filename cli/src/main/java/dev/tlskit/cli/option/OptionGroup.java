package dev.tlskit.cli.option;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The headings {@code --help} and the man pages list options under, in this order. An option's group is the
 * {@link In} on its field, else the {@link In} on the class declaring the field (a mixin's default), else
 * {@link #OTHER}. Plain annotations rather than picocli ArgGroups: the options stay where the commands read them.
 */
public enum OptionGroup {
    CONNECTION("Connection"),
    TLS("TLS"),
    CERTIFICATES("Certificates and trust"),
    EXCHANGE("What to send and answer"),
    MAKE("What to make"),
    SIGNING("Signing with an existing CA"),
    VALIDITY("Keys and validity"),
    FILES("Files and key stores"),
    MEASUREMENT("Measurement"),
    ASSERTIONS("Assertions (exit 5 when one fails)"),
    OTHER("Options"),
    OUTPUT("Output");

    private final String heading;

    OptionGroup(String heading) {
        this.heading = heading;
    }

    /** The heading, e.g. {@code Connection}. */
    public String heading() {
        return heading;
    }

    /** The group of an option or positional parameter. */
    public static OptionGroup of(ArgSpec arg) {
        Object member = arg.userObject();
        if (member instanceof AnnotatedElement element) {
            In in = element.getAnnotation(In.class);
            if (in != null) {
                return in.value();
            }
        }
        if (member instanceof Member m) {
            In in = m.getDeclaringClass().getAnnotation(In.class);
            if (in != null) {
                return in.value();
            }
        }
        return OTHER;
    }

    /** Puts an option (on a field) or every option of a class (a mixin) into a group. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
    public @interface In {
        OptionGroup value();
    }
}
