package dev.tlskit.engine.wire;

import dev.tlskit.engine.wire.HelloWriter.Written;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ClientHello's extensions block as {@link ClientHelloBuilder} writes it: extensions in the order added, each
 * with its declared length (true or not), and the private keys behind the key_share entries it generated.
 */
final class HelloExtensionList {
    private final List<Written> extensions = new ArrayList<>();
    private final Map<Integer, KeyPair> keyPairs = new HashMap<>();

    /** Appends {@code e}, a duplicate if its type is already there. */
    void append(Written e) {
        extensions.add(e);
    }

    /** Replaces the extension of {@code e}'s type where it is, or appends {@code e}. */
    void put(Written e) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).type == e.type) {
                extensions.set(i, e);
                return;
            }
        }
        extensions.add(e);
    }

    /** Removes every extension of {@code e}'s type and appends {@code e}: for the one that must come last. */
    void putLast(Written e) {
        extensions.removeIf(x -> x.type == e.type);
        extensions.add(e);
    }

    void remove(int type) {
        extensions.removeIf(e -> e.type == type);
        if (type == ExtensionType.KEY_SHARE.code()) {
            keyPairs.clear();
        }
    }

    void clear() {
        extensions.clear();
        keyPairs.clear();
    }

    int[] types() {
        return extensions.stream().mapToInt(e -> e.type).toArray();
    }

    /** The first extension of {@code type}. */
    Written find(int type) {
        for (Written e : extensions) {
            if (e.type == type) {
                return e;
            }
        }
        throw new IllegalArgumentException("no extension " + type + " in this ClientHello");
    }

    /** key_share with a fresh real key per group, in order; {@link #keyPair} gives the private halves. */
    void keyShare(int... groups) {
        Map<Integer, byte[]> shares = new LinkedHashMap<>();
        keyPairs.clear();
        for (int g : groups) {
            KeyPair pair = KeyShares.generate(g);
            keyPairs.put(g, pair);
            shares.put(g, KeyShares.publicBytes(g, pair));
        }
        put(HelloExtensions.keyShare(shares));
    }

    /** key_share with the entries as given: no key pair is known for any of them. */
    void keyShareEntries(Map<Integer, byte[]> shares) {
        keyPairs.clear();
        put(HelloExtensions.keyShare(shares));
    }

    KeyPair keyPair(int group) {
        return keyPairs.get(group);
    }

    boolean isEmpty() {
        return extensions.isEmpty();
    }

    /** The true length of the block's content: every extension with its four header bytes. */
    int length() {
        return extensions.stream().mapToInt(e -> 4 + e.data.length).sum();
    }

    /** Each extension: type, declared length, data. */
    void writeTo(HelloWriter b) {
        for (Written e : extensions) {
            b.u16(e.type);
            b.u16(e.declaredLength >= 0 ? e.declaredLength : e.data.length);
            b.bytes(e.data);
        }
    }
}
