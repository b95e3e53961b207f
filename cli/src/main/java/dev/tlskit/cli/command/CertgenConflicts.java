package dev.tlskit.cli.command;

import dev.tlskit.cli.UsageException;
import java.util.ArrayList;
import java.util.List;

/** certgen's flags that cannot go together, rejected before any key is made. */
final class CertgenConflicts {
    private CertgenConflicts() {}

    static void check(CertgenCommand c) {
        List<String> profile = profile(c);
        checkPairs(c, profile);
        if (c.fixtures != null || c.demo != null) {
            checkFixedSet(c, profile);
        }
    }

    /** The profile flags given: NAME, --server, --client. */
    private static List<String> profile(CertgenCommand c) {
        List<String> profile = new ArrayList<>();
        if (!c.names.isEmpty()) {
            profile.add("NAME");
        }
        if (!c.serverNames.isEmpty()) {
            profile.add("--server");
        }
        if (c.client != null) {
            profile.add("--client");
        }
        return profile;
    }

    private static void checkPairs(CertgenCommand c, List<String> profile) {
        if (c.caOnly && !profile.isEmpty()) {
            throw new UsageException("--ca and " + profile.get(0) + " conflict: --ca makes a CA only");
        }
        if (c.selfSigned && c.caOnly) {
            throw new UsageException("--self-signed and --ca conflict");
        }
        if (c.selfSigned && c.intermediate) {
            throw new UsageException("--self-signed and --intermediate conflict");
        }
        if (c.selfSigned && (c.caCert != null || c.caKey != null)) {
            throw new UsageException("--self-signed and --ca-cert/--ca-key conflict");
        }
        if (c.caOnly && (c.caCert != null || c.caKey != null)) {
            throw new UsageException("--ca and --ca-cert/--ca-key conflict: --ca makes a new CA");
        }
        if ((c.caCert == null) != (c.caKey == null)) {
            throw new UsageException(c.caCert == null ? "--ca-key " + c.caKey + ": given without --ca-cert"
                    : "--ca-cert " + c.caCert + ": given without --ca-key");
        }
        if (c.caName != null && (c.caCert != null || c.selfSigned)) {
            throw new UsageException("--ca-name and " + (c.selfSigned ? "--self-signed" : "--ca-cert")
                    + " conflict: no new CA is made");
        }
        if (c.password != null && c.noPassword) {
            throw new UsageException("--password and --no-password conflict");
        }
        if ((c.password != null || c.noPassword) && !c.p12 && !c.jks && !c.truststore) {
            throw new UsageException((c.noPassword ? "--no-password" : "--password")
                    + " given without --p12, --jks or --truststore");
        }
        if (c.days != null && c.notAfter != null) {
            throw new UsageException("--days and --not-after conflict: give one end of validity");
        }
        if (c.fixtures != null && c.demo != null) {
            throw new UsageException("--fixtures and --demo conflict: give one");
        }
    }

    /** --fixtures and --demo write a fixed set: every flag that would shape it conflicts. */
    private static void checkFixedSet(CertgenCommand c, List<String> profile) {
        List<String> others = fixedSetOthers(c, profile);
        if (!others.isEmpty()) {
            throw new UsageException((c.fixtures != null ? "--fixtures" : "--demo") + " and " + others.get(0)
                    + " conflict: " + (c.fixtures != null ? "the fixtures are a fixed set (only --key-type, --force"
                    + " and --json apply)" : "the demo set is fixed (only --force and --json apply)"));
        }
    }

    private static List<String> fixedSetOthers(CertgenCommand c, List<String> profile) {
        List<String> others = new ArrayList<>(profile);
        if (c.caOnly) {
            others.add("--ca");
        }
        if (c.intermediate) {
            others.add("--intermediate");
        }
        if (c.selfSigned) {
            others.add("--self-signed");
        }
        if (c.caCert != null) {
            others.add("--ca-cert");
        }
        if (c.out != null) {
            others.add("--out");
        }
        if (!c.sans.isEmpty()) {
            others.add("--san");
        }
        if (c.days != null || c.notBefore != null || c.notAfter != null) {
            others.add(c.days != null ? "--days" : c.notBefore != null ? "--not-before" : "--not-after");
        }
        if (c.p12 || c.jks || c.truststore) {
            others.add(c.p12 ? "--p12" : c.jks ? "--jks" : "--truststore");
        }
        if (c.caName != null) {
            others.add("--ca-name");
        }
        if (c.demo != null && c.spec.commandLine().getParseResult().hasMatchedOption("--key-type")) {
            others.add("--key-type");
        }
        return others;
    }
}
