package dev.tlskit.cli.bench;

import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.SuiteNames;
import dev.tlskit.cli.option.Versions;
import dev.tlskit.engine.model.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The protocol a TLS benchmark measures: one version ({@code -v}, no auto) and its cipher suites ({@code -l}). */
@OptionGroup.In(OptionGroup.TLS)
public final class BenchTls {
    @Option(names = {"-v", "--tls-version"}, paramLabel = "1.2|1.3", description = "TLS version (default: 1.3)")
    String version = "1.3";

    @Option(names = {"-l", "--ciphers"}, paramLabel = "LIST", split = ":",
            description = "`:`-separated cipher suites, IANA or OpenSSL names (default: the providers'; bench"
                    + " throughput on TLS 1.3: TLS_AES_128_GCM_SHA256)")
    List<String> ciphers = new ArrayList<>();

    /** The version -v names. */
    TlsVersion version() {
        return Versions.one(version);
    }

    /** The -l names as typed (for OpenSSL's own cipher list); empty when -l is not given. */
    List<String> ciphers() {
        return ciphers;
    }

    /** The -l names as IANA names, in order; empty when -l is not given. */
    List<String> suites() {
        return SuiteNames.iana("-l", ciphers);
    }
}
