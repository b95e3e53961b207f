package dev.tlskit.cli.bench;

import dev.tlskit.cli.bench.CryptoBenchCommand.Algorithm;
import dev.tlskit.cli.bench.CryptoBenchCommand.Kind;
import dev.tlskit.cli.bench.CryptoBenchCommand.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bench crypto --baseline openssl}: {@code openssl speed -mr} for one algorithm, in the same units. */
final class OpenSslSpeed {
    /** The bulk result line: {@code +F:index:name:bytes/s at each default size...}. */
    private static final Pattern F = Pattern.compile("^\\+F:\\d+:[^:]+:(.*)$", Pattern.MULTILINE);

    private OpenSslSpeed() {}

    /** {@code openssl speed -mr} for {@code a}, run for {@code duration} rounded up to whole seconds. */
    static Row measure(OpenSsl openssl, Algorithm a, List<Integer> blockSizes, double duration) throws Exception {
        if (a.openssl() == null) {
            return unavailable(a);
        }
        String secs = String.valueOf(Math.max(1, (int) Math.ceil(duration)));
        List<String> base = new ArrayList<>(List.of("speed", "-mr", "-seconds", secs));
        base.addAll(List.of(a.openssl().split(" ")));
        return a.kind() == Kind.SIGN || a.kind() == Kind.DERIVE
                ? asymmetric(openssl, a, base)
                : blocks(openssl, a, base, blockSizes);
    }

    private static Row asymmetric(OpenSsl openssl, Algorithm a, List<String> args) throws Exception {
        String o = openssl.run(args, 600);
        for (String line : o.lines().toList()) {
            if (!line.startsWith("+F")) {
                continue;
            }
            String[] f = line.split(":");
            // +F2 rsa: bits, sign/s, verify/s; +F4 ecdsa: bits, sign/s, verify/s; +F5 ecdh: bits, ops/s, time;
            // +F6 eddsa: bits, name, sign/s, verify/s.
            switch (f[0]) {
                case "+F2", "+F4" -> {
                    return new Row(a, "openssl", "openssl", Map.of(), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]), Double.NaN);
                }
                case "+F6" -> {
                    return new Row(a, "openssl", "openssl", Map.of(), Double.parseDouble(f[4]),
                            Double.parseDouble(f[5]), Double.NaN);
                }
                case "+F5" -> {
                    return new Row(a, "openssl", "openssl", Map.of(), Double.NaN, Double.NaN,
                            Double.parseDouble(f[3]));
                }
                default -> { }
            }
        }
        return unavailable(a);
    }

    /** Thousands of bytes per second per block size: one run at openssl's default sizes, else one per size. */
    private static Row blocks(OpenSsl openssl, Algorithm a, List<String> base, List<Integer> blockSizes)
            throws Exception {
        Map<Integer, Double> kbs = new LinkedHashMap<>();
        boolean defaults = blockSizes.equals(CryptoBenchCommand.SIZES);
        for (Integer s : defaults ? List.of(-1) : blockSizes) {
            List<String> args = new ArrayList<>(base);
            if (s > 0) {
                args.add("-bytes");
                args.add(String.valueOf(s));
            }
            Matcher m = F.matcher(openssl.run(args, 600));
            if (!m.find()) {
                return unavailable(a);
            }
            String[] v = m.group(1).split(":");
            if (defaults) {
                for (int i = 0; i < v.length && i < CryptoBenchCommand.SIZES.size(); i++) {
                    kbs.put(CryptoBenchCommand.SIZES.get(i), Double.parseDouble(v[i]) / 1000); // -mr: bytes/s
                }
            } else {
                kbs.put(s, Double.parseDouble(v[0]) / 1000);
            }
        }
        return new Row(a, "openssl", "openssl", kbs, Double.NaN, Double.NaN, Double.NaN);
    }

    private static Row unavailable(Algorithm a) {
        return new Row(a, "openssl", null, Map.of(), Double.NaN, Double.NaN, Double.NaN);
    }
}
