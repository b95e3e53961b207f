package dev.tlskit.cli;

import dev.tlskit.engine.model.TraceEvent;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.Extension;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.HandshakeMessage;
import dev.tlskit.engine.wire.KeyShareEntry;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.ServerKeyExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The trace details of a record's decoded handshake messages ({@link TraceEvent#decoded()}): what a debugger wants
 * beyond the message names, one line each ({@code versions TLS 1.3, TLS 1.2}).
 */
final class TraceText {
    private TraceText() {}

    /** The detail lines of {@code event}, in the order of its messages. */
    static List<String> details(TraceEvent event) {
        List<String> details = new ArrayList<>();
        for (HandshakeMessage m : event.decoded()) {
            if (m instanceof ClientHello hello) {
                details.addAll(clientHello(hello));
            } else if (m instanceof ServerHello hello) {
                details.add(serverHello(hello));
            } else if (m instanceof ServerKeyExchange params && params.namedGroup() >= 0) {
                details.add("group " + NamedGroup.nameOf(params.namedGroup()));
            }
        }
        return details;
    }

    /** {@code offered 17 cipher suites}, then SNI, groups, versions, key_share, ALPN in the order sent. */
    static List<String> clientHello(ClientHello hello) {
        List<String> details = new ArrayList<>();
        details.add("offered " + hello.cipherSuites().size() + " cipher suites");
        for (Extension e : hello.extensions()) {
            ExtensionType type = e.known();
            if (type == null) {
                continue;
            }
            switch (type) {
                case SERVER_NAME -> {
                    String name = hello.serverName();
                    if (name != null) {
                        details.add("SNI " + name);
                    }
                }
                case SUPPORTED_GROUPS -> details.add("groups " + names(hello.supportedGroups(), NamedGroup::nameOf));
                case SUPPORTED_VERSIONS -> details.add("versions "
                        + names(hello.supportedVersions(), ProtocolVersion::nameOf));
                case KEY_SHARE -> {
                    List<KeyShareEntry> shares = hello.keyShares();
                    details.add("key_share " + (shares.isEmpty() ? "(none: asks the server to choose)"
                            : String.join(", ", shares.stream().map(KeyShareEntry::toString).toList())));
                }
                case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> details.add("ALPN "
                        + String.join(", ", hello.applicationProtocols()));
                default -> { }
            }
        }
        return details;
    }

    /**
     * {@code chose TLS 1.3, TLS_AES_128_GCM_SHA256, key_share X25519 (32 bytes)[, pre_shared_key (resumed)]}; a
     * HelloRetryRequest {@code chose TLS 1.3, TLS_AES_128_GCM_SHA256, key_share X25519 (retry: asks for a share)}.
     */
    static String serverHello(ServerHello hello) {
        int group = hello.keyShareGroup();
        boolean v13 = hello.selectedVersion() == ProtocolVersion.TLS13.code();
        String share = "";
        if (group >= 0) {
            KeyShareEntry entry = hello.keyShare();
            share = ", key_share " + (entry != null ? entry.toString() : NamedGroup.nameOf(group)
                    + (hello.isHelloRetryRequest() ? " (retry: asks for a share)" : ""));
        }
        return "chose " + (v13 ? "TLS 1.3" : ProtocolVersion.nameOf(hello.legacyVersion())) + ", "
                + CipherSuite.nameOf(hello.cipherSuite()) + share
                + (hello.pskSelected() ? ", pre_shared_key (resumed)" : "");
    }

    private static String names(List<Integer> codes, IntFunction<String> name) {
        List<String> out = new ArrayList<>(codes.size());
        for (int code : codes) {
            out.add(name.apply(code));
        }
        return String.join(", ", out);
    }
}
