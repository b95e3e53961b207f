package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.NamedGroup;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Named groups on SunJSSE: per connection on Java 20+ ({@code SSLParameters.setNamedGroups}, reached by reflection
 * from code built for 17), JVM-wide on 17 ({@code jdk.tls.namedGroups}), and which groups this JDK's SunJSSE
 * implements, found out rather than assumed (Temurin 25's has no ML-KEM group; a later JDK may).
 */
public final class JdkNamedGroups {
    private static final Method SET_NAMED_GROUPS = method("setNamedGroups", String[].class);
    private static final Method GET_NAMED_GROUPS = method("getNamedGroups");

    private JdkNamedGroups() {}

    /** Whether groups can be chosen per connection (Java 20+); else only JVM-wide, see {@link #applyJvmWide}. */
    public static boolean perConnection() {
        return SET_NAMED_GROUPS != null;
    }

    /** Sets the groups on {@code p} (Java 20+); does nothing on 17, where {@link #applyJvmWide} did it. */
    public static void set(SSLParameters p, List<String> groups) {
        if (SET_NAMED_GROUPS != null) {
            try {
                SET_NAMED_GROUPS.invoke(p, (Object) groups.toArray(String[]::new));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
            }
        }
    }

    /**
     * Java 17 reads {@code jdk.tls.namedGroups} once per JVM, at SunJSSE's first use; it is the only way there.
     * A second, different list in the same JVM cannot take effect, so it is refused rather than ignored.
     */
    public static synchronized void applyJvmWide(List<String> groups) {
        if (perConnection()) {
            return;
        }
        String wanted = String.join(",", groups);
        String current = System.getProperty("jdk.tls.namedGroups");
        if (current == null) {
            System.setProperty("jdk.tls.namedGroups", wanted);
        } else if (!current.equals(wanted)) {
            throw new IllegalArgumentException("named groups " + wanted + " cannot be set: on Java 17 the jdk provider"
                    + " fixes them once per JVM (already " + current + "); use --provider bc or Java 20+");
        }
    }

    /**
     * The post-quantum groups of {@code groups} (JSSE names) that SunJSSE, as {@code context} has it, does not
     * implement. Java 20+ says which groups it supports ({@code getSupportedSSLParameters().getNamedGroups()});
     * on 17 no API does, so the answer is read off the ClientHello SunJSSE writes under the JVM-wide list that
     * {@link #applyJvmWide} set: a group it does not know is silently left out of supported_groups there.
     */
    public static List<NamedGroup> missingPostQuantum(SSLContext context, List<String> groups) {
        List<NamedGroup> wanted = new ArrayList<>();
        for (String g : groups) {
            NamedGroup group = NamedGroup.named(g);
            if (group != null && group.postQuantum()) {
                wanted.add(group);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<Integer> supported = supportedCodes(context);
        return wanted.stream().filter(g -> !supported.contains(g.code())).toList();
    }

    private static Set<Integer> supportedCodes(SSLContext context) {
        Set<Integer> codes = new HashSet<>();
        String[] names = supportedNames(context);
        if (names != null) {
            for (String n : names) {
                NamedGroup g = NamedGroup.named(n);
                if (g != null) {
                    codes.add(g.code());
                }
            }
            return codes;
        }
        codes.addAll(offeredInClientHello(context));
        return codes;
    }

    private static String[] supportedNames(SSLContext context) {
        if (GET_NAMED_GROUPS == null) {
            return null;
        }
        try {
            return (String[]) GET_NAMED_GROUPS.invoke(context.getSupportedSSLParameters());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters.getNamedGroups failed", e);
        }
    }

    /** The supported_groups of the TLS ClientHello a fresh client engine of {@code context} writes; empty if none. */
    private static List<Integer> offeredInClientHello(SSLContext context) {
        try {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            engine.closeOutbound();
            out.flip();
            // A record header (5 bytes), then the handshake header: type (1), length (3).
            if (out.remaining() < 9 || out.get(5) != (byte) HandshakeType.CLIENT_HELLO.code()) {
                return List.of();
            }
            out.position(9);
            return ClientHello.read(out.slice(), false).supportedGroups();
        } catch (SSLException | RuntimeException | ExceptionInInitializerError e) {
            // SunJSSE 17 refuses a jdk.tls.namedGroups without a single group it knows: then it has none of them.
            return List.of();
        }
    }

    /** {@code SunJSSE on Java 17.0.15}: for error messages. */
    public static String describe() {
        return "SunJSSE on Java " + System.getProperty("java.version", "?");
    }

    private static Method method(String name, Class<?>... params) {
        try {
            return SSLParameters.class.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
