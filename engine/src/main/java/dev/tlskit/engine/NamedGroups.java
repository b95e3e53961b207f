package dev.tlskit.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Named groups by their JSSE names, and their IANA code points. */
public final class NamedGroups {
    private static final Map<String, Integer> IDS = new LinkedHashMap<>();

    static {
        IDS.put("x25519", 0x001D);
        IDS.put("secp256r1", 0x0017);
        IDS.put("secp384r1", 0x0018);
        IDS.put("secp521r1", 0x0019);
        IDS.put("x448", 0x001E);
        IDS.put("ffdhe2048", 0x0100);
        IDS.put("ffdhe3072", 0x0101);
        IDS.put("ffdhe4096", 0x0102);
        IDS.put("ffdhe6144", 0x0103);
        IDS.put("ffdhe8192", 0x0104);
    }

    private static final Map<String, String> ALIASES = Map.of(
            "p-256", "secp256r1", "p256", "secp256r1", "prime256v1", "secp256r1",
            "p-384", "secp384r1", "p384", "secp384r1",
            "p-521", "secp521r1", "p521", "secp521r1");

    private NamedGroups() {}

    /** The JSSE name for a name or alias ({@code P-256}, {@code prime256v1} → {@code secp256r1}), or the input. */
    public static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    /** The IANA code point, or -1 when unknown. */
    public static int idOf(String name) {
        return IDS.getOrDefault(canonical(name), -1);
    }

    public static List<String> names() {
        return List.copyOf(IDS.keySet());
    }
}
