package dev.tlskit.cli.build;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A build step, not part of tlskit: rewrites picocli's class files inside the shaded jar from class-file version 49
 * (Java 5, as picocli 4.7 publishes them) to 52 (Java 8), with the StackMapTable frames that version needs computed
 * by ASM. Nothing else changes: same constant pool entries (new ones appended), same instructions, same members.
 *
 * <p>Why: Java 17's static CDS dump skips an old class once it has been linked ("Skipping picocli/CommandLine: Old
 * class has been linked"), so picocli's biggest class was parsed from the jar at every run, and the other picocli
 * classes were archived unverified and checked again at every run by the old type-inferencing verifier. Rewritten,
 * all of them are archived verified (README, Start-up).
 *
 * <p>Run by the cli module's package phase, after shade, with the JDK's source launcher
 * ({@code java -cp asm.jar PicocliClassFiles.java target/tlskit.jar}). All or nothing: the work is done on a copy,
 * every rewritten class is then loaded and initialised from the copy under the JVM's default (split) verifier, which
 * throws VerifyError on a missing or wrong frame, and only then does the copy replace the jar. On any failure the
 * jar is deleted and the exit code is 1, so the build fails and no jar with picocli half rewritten, or not at all,
 * is left for the launcher to run.
 */
public final class PicocliClassFiles {
    private static final String PACKAGE = "picocli";
    private static final int JAVA_8 = Opcodes.V1_8;

    private PicocliClassFiles() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp asm.jar PicocliClassFiles.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path copy = jar.resolveSibling(jar.getFileName() + ".picocli.tmp");
        try {
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            List<String> rewritten = rewrite(jar, copy);
            verify(copy, rewritten);
            Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception | LinkageError e) {
            System.err.println("tlskit build: error: cannot rewrite picocli's class files in " + jar + ": " + e);
            e.printStackTrace();
            try {
                Files.deleteIfExists(copy);
                Files.deleteIfExists(jar);
            } catch (IOException cleanup) {
                System.err.println("tlskit build: error: cannot delete " + jar + ": " + cleanup);
            }
            System.exit(1);
        }
    }

    /**
     * Rewrites, in {@code copy}, every picocli class file older than Java 8; returns their class names. Superclasses
     * for the frames come from {@code original} (the same classes, not being written) and the JDK.
     */
    static List<String> rewrite(Path original, Path copy) throws IOException {
        List<String> rewritten = new ArrayList<>();
        try (URLClassLoader hierarchy = loader(original); FileSystem zip = FileSystems.newFileSystem(copy)) {
            Path root = zip.getPath("/" + PACKAGE);
            if (!Files.isRegularFile(root.resolve("CommandLine.class"))) {
                throw new IOException("no " + PACKAGE + "/CommandLine.class in the jar");
            }
            List<Path> classes;
            try (Stream<Path> files = Files.walk(root)) {
                classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path file : classes) {
                byte[] bytes = Files.readAllBytes(file);
                ClassReader reader = new ClassReader(bytes);
                if (reader.readUnsignedShort(6) >= JAVA_8) {
                    continue;
                }
                Files.write(file, withFrames(reader, hierarchy));
                rewritten.add(reader.getClassName().replace('/', '.'));
            }
        }
        return rewritten;
    }

    /** The class at version 52 with computed frames (and so recomputed max stack and locals); nothing else changed. */
    static byte[] withFrames(ClassReader reader, ClassLoader hierarchy) {
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(JAVA_8, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                // A visitor between reader and writer: given the writer's own, ASM copies the method's bytes
                // as they are, without frames.
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /** Loads and initialises each class from {@code jar} in a fresh loader: linking verifies it. */
    static void verify(Path jar, List<String> classes) throws IOException, ClassNotFoundException {
        try (URLClassLoader fresh = loader(jar)) {
            for (String name : classes) {
                Class.forName(name, true, fresh);
            }
        }
    }

    private static URLClassLoader loader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
