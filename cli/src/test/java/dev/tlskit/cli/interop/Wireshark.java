package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.cli.Capture;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Wireshark's command-line tools as the independent witness of what crossed the wire: {@link Dumpcap} records one
 * TCP conversation on the loopback interface, and tshark dissects the file ({@link #records}, {@link #plaintext}),
 * with or without an NSS key log. Callers call {@code Interop.requireBinary} for "dumpcap" and "tshark" first.
 */
final class Wireshark {
    static final Duration LIMIT = Duration.ofSeconds(30);
    /** How long a capture may take to show both ends closing before dumpcap is stopped and its file judged. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private Wireshark() {}

    enum Side { CLIENT, SERVER }

    /**
     * One TLS record as tshark dissects it.
     *
     * @param type the content type on the wire (TLS 1.3's outer "opaque" type, 23, for every encrypted record)
     * @param version the record-layer version field, e.g. 0x0303
     * @param length the record's body length in bytes
     * @param messages what tshark says it carries: "Client Hello", ..., "Encrypted Handshake Message",
     *     "Application Data", "Encrypted Alert"; with a key log, the decrypted names ("Finished", "Alert (Level:
     *     Warning, Description: Close Notify)")
     */
    record Record(Side from, int type, int version, int length, List<String> messages) {}

    /** The application data each side sent, as tshark decrypted it, in order and concatenated (UTF-8). */
    record Plaintext(String fromClient, String fromServer) {}

    // ---------------------------------------------------------------- capturing

    /**
     * {@code dumpcap -i lo -f "tcp port PORT"} writing a pcapng file; {@link #start} returns once it captures, so
     * start it after the server listens and before the client connects. {@link #close} always ends it.
     */
    static final class Dumpcap implements AutoCloseable {
        private static final Pattern READY = Pattern.compile("Capturing on ");
        /** pcapng's Enhanced Packet Block type. */
        private static final int PACKET_BLOCK = 6;
        private final Process process;
        private final Capture err = new Capture();
        private final Thread reader;
        private final Thread writer;
        /** Where start() sends its probes: a UDP port of our own, in the filter beside the TCP port. */
        private final DatagramSocket probe;
        private final java.util.concurrent.atomic.AtomicInteger packets = new java.util.concurrent.atomic.AtomicInteger();
        private final Path file;
        private final int port;

        /**
         * dumpcap writes pcapng to its stdout, which is copied to {@code file} block by block (so the file holds
         * every packet as soon as dumpcap has it, and the packets are counted as they come).
         */
        private Dumpcap(Path file, int port) throws IOException {
            this.file = file;
            this.port = port;
            this.probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
            this.process = new ProcessBuilder("dumpcap", "-i", "lo", "-f",
                    "tcp port " + port + " or udp port " + probe.getLocalPort(), "-w", "-").start();
            this.reader = new Thread(() -> Interop.pump(process.getErrorStream(), err), "dumpcap-stderr");
            reader.setDaemon(true);
            reader.start();
            this.writer = new Thread(this::copyBlocks, "dumpcap-stdout");
            writer.setDaemon(true);
            writer.start();
        }

        /** Copies dumpcap's pcapng stream to the file, a block at a time, counting the packet blocks. */
        private void copyBlocks() {
            try (java.io.DataInputStream in = new java.io.DataInputStream(process.getInputStream());
                    java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                byte[] head = new byte[8];
                while (true) {
                    try {
                        in.readFully(head);
                    } catch (java.io.EOFException end) {
                        return;
                    }
                    java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int type = h.getInt();
                    int length = h.getInt();
                    byte[] body = new byte[Math.max(0, length - 8)];
                    in.readFully(body);
                    out.write(head);
                    out.write(body);
                    out.flush();
                    if (type == PACKET_BLOCK) {
                        synchronized (packets) {
                            packets.incrementAndGet();
                            packets.notifyAll();
                        }
                    }
                }
            } catch (IOException e) {
                char[] m = ("(copying dumpcap's output failed: " + e + ")\n").toCharArray();
                err.write(m, 0, m.length);
            }
        }

        /**
         * Starts capturing the TCP conversations of {@code port} on lo into {@code file}, and returns once the
         * capture really sees packets: dumpcap says "Capturing on" before its socket receives (seen: a chat's SYN
         * and ClientHello missing, so nothing could be decrypted), so empty UDP datagrams to a port of our own go
         * out until one of them shows in the capture.
         */
        static Dumpcap start(Path file, int port) throws Exception {
            Dumpcap d = new Dumpcap(file, port);
            try {
                if (d.err.await(READY, Duration.ofSeconds(10), () -> !d.process.isAlive()) == null) {
                    // without root or dumpcap's capabilities it may not: a skip here, a failure in CI (.ci/run)
                    boolean denied = d.err.text().contains("permission") || d.err.text().contains("not permitted");
                    Interop.requireOr(!denied, "dumpcap may not capture on lo here: " + d.err.text());
                    fail("dumpcap did not start capturing on lo" + (d.process.isAlive() ? "" : " (it exited with "
                            + d.process.exitValue() + ")") + "; its stderr:\n" + d.err.text());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                synchronized (d.packets) {
                    while (d.packets.get() == 0) {
                        if (System.nanoTime() > deadline || !d.process.isAlive()) {
                            fail("dumpcap captured none of its probes on lo; its stderr:\n" + d.err.text());
                        }
                        d.probe.send(new DatagramPacket(new byte[0], 0, d.probe.getLocalSocketAddress()));
                        d.packets.wait(50);
                    }
                }
                return d;
            } catch (Throwable t) {
                d.close();
                throw t;
            }
        }

        /**
         * Stops dumpcap once the file holds the end of the conversation (a FIN or RST from each side), or after
         * {@link #SETTLE} at the latest, and returns the complete file, which must show both ends closing (or a
         * reset).
         * dumpcap writes packets to the file in batches, and a SIGTERM at once loses nothing (it writes what it
         * holds) but may come before the last packets reached it (seen here: close_notify records missing). Its
         * buffering can also keep the last packets out of the file until it stops (seen once in CI: only the
         * server's FIN in the file after 30 s): so the file seen while it runs only ends the wait early, and the
         * verdict comes from the file it leaves. Between two looks this waits for dumpcap's next write to the file
         * (inotify, through a WatchService), at most a second.
         */
        Path finish() throws Exception {
            long deadline = System.nanoTime() + SETTLE.toNanos();
            try (WatchService writes = file.getFileSystem().newWatchService()) {
                file.toAbsolutePath().getParent().register(writes, StandardWatchEventKinds.ENTRY_MODIFY);
                while (!bothClosed(closedBy()) && process.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    WatchKey key = writes.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
            }
            process.destroy(); // SIGTERM: dumpcap writes what it holds and closes the file
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("dumpcap did not stop on SIGTERM; its stderr:\n" + err.text());
            }
            reader.join(2_000);
            writer.join(5_000);
            Set<Integer> closedBy = closedBy();
            if (!bothClosed(closedBy)) {
                fail("the capture does not show both ends of port " + port + " closing (FIN or RST seen from "
                        + closedBy + "); dumpcap's stderr:\n" + err.text());
            }
            return file;
        }

        /** Both ends sent FIN, or one of them reset the connection (seen: a server quitting with input unread). */
        private boolean bothClosed(Set<Integer> closedBy) {
            return closedBy.contains(-1) || closedBy.contains(port) && closedBy.size() >= 2;
        }

        /**
         * The ports a FIN or RST came from, as far as the file shows yet (dumpcap may be mid-write: no checks); a
         * RST counts for both ends (port -1 marks it), since after it neither sends anything more.
         */
        private Set<Integer> closedBy() throws Exception {
            Run r = tshark("-r", file.toString(), "-Y", "tcp.flags.fin == 1 || tcp.flags.reset == 1", "-T", "fields",
                    "-e", "tcp.srcport", "-e", "tcp.flags.reset");
            Set<Integer> ports = new HashSet<>();
            for (String l : r.out().lines().filter(l -> !l.isBlank()).toList()) {
                String[] f = l.trim().split("\\s+");
                ports.add(Integer.parseInt(f[0]));
                if (f.length > 1 && (f[1].equals("1") || f[1].equalsIgnoreCase("true"))) {
                    ports.add(-1);
                }
            }
            return ports;
        }

        @Override
        public void close() {
            Interop.destroy(process);
            probe.close();
        }
    }

    // ---------------------------------------------------------------- dissecting

    /**
     * Every TLS record in {@code pcap}, in capture order: {@code tshark -r PCAP -d tcp.port==PORT,tls -o
     * tls.keylog_file:KEYS -Y tls -T pdml}, read per record (the fields output lists a frame's records'
     * handshake types in one column, which cannot say which record holds which message).
     *
     * @param serverPort the server's port: decoded as TLS, and how the sides are told apart
     * @param keyLog an NSS key log to decrypt with, or null
     */
    static List<Record> records(Path pcap, int serverPort, Path keyLog) throws Exception {
        Run r = tshark(dissect(pcap, serverPort, keyLog, "-Y", "tls", "-T", "pdml"));
        assertEquals(0, r.exitCode(), () -> "tshark: " + r.describe());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(r.out()))).getDocumentElement();
        List<Record> out = new ArrayList<>();
        NodeList packets = root.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            int srcPort = -1; // the first tcp.srcport: the frame's own TCP header
            NodeList fields = ((Element) packets.item(i)).getElementsByTagName("field");
            for (int j = 0; j < fields.getLength(); j++) {
                Element field = (Element) fields.item(j);
                switch (field.getAttribute("name")) {
                    case "tcp.srcport" -> {
                        if (srcPort < 0) {
                            srcPort = Integer.parseInt(field.getAttribute("show"));
                        }
                    }
                    case "tls.record" -> out.add(record(field, srcPort == serverPort ? Side.SERVER : Side.CLIENT));
                    default -> { }
                }
            }
        }
        return out;
    }

    private static final Pattern PROTOCOL_PREFIX = Pattern.compile("[A-Za-z ]+ Protocol: (.+)");

    private static Record record(Element record, Side from) {
        Integer contentType = null;
        Integer opaqueType = null;
        int version = -1;
        int length = -1;
        List<String> messages = new ArrayList<>();
        for (Node n = record.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String show = child.getAttribute("show");
            switch (child.getAttribute("name")) {
                case "tls.record.content_type" -> contentType = Integer.parseInt(show);
                case "tls.record.opaque_type" -> opaqueType = Integer.parseInt(show);
                case "tls.record.version" -> version = Integer.decode(show);
                case "tls.record.length" -> length = Integer.parseInt(show);
                // one per handshake message: "Handshake Protocol: Server Hello"
                case "tls.handshake" -> messages.add(child.getAttribute("showname")
                        .replaceFirst("^Handshake Protocol: ", ""));
                default -> { }
            }
        }
        if (messages.isEmpty()) {
            // "TLSv1.2 Record Layer: Change Cipher Spec Protocol: Change Cipher Spec", "TLSv1.2 Record Layer:
            // Encrypted Alert", "TLSv1.3 Record Layer: Alert (Level: Warning, Description: Close Notify)"
            String name = record.getAttribute("showname").replaceFirst("^.*? Record Layer: ", "");
            Matcher m = PROTOCOL_PREFIX.matcher(name);
            messages.add(m.matches() ? m.group(1) : name);
        }
        int type = opaqueType != null ? opaqueType : contentType != null ? contentType : -1;
        return new Record(from, type, version, length, List.copyOf(messages));
    }

    /**
     * The decrypted application data: {@code tshark -r PCAP -d tcp.port==PORT,tls -o tls.keylog_file:KEYS -Y data
     * -T fields -e tcp.srcport -e data.data}. data.data is the exact bytes in hex, where data.text (with
     * {@code -o data.show_as_text:TRUE}) escapes line ends. Without a key log nothing is decrypted: both empty.
     */
    static Plaintext plaintext(Path pcap, int serverPort, Path keyLog) throws Exception {
        Run r = tshark(dissect(pcap, serverPort, keyLog, "-Y", "data", "-T", "fields", "-e", "tcp.srcport", "-e",
                "data.data"));
        assertEquals(0, r.exitCode(), () -> "tshark: " + r.describe());
        ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
            String[] cols = line.split("\t", -1);
            ByteArrayOutputStream to = Integer.parseInt(cols[0]) == serverPort ? fromServer : fromClient;
            for (String hex : cols[1].split(",")) { // one per record of the frame
                to.writeBytes(HexFormat.of().parseHex(hex.replace(":", "")));
            }
        }
        return new Plaintext(fromClient.toString(StandardCharsets.UTF_8), fromServer.toString(StandardCharsets.UTF_8));
    }

    /** The random of every Client Hello, in hex, as the key log's second column has it. */
    static List<String> clientRandoms(Path pcap, int serverPort) throws Exception {
        Run r = tshark(dissect(pcap, serverPort, null, "-Y", "tls.handshake.type == 1", "-T", "fields", "-e",
                "tls.handshake.random"));
        assertEquals(0, r.exitCode(), () -> "tshark: " + r.describe());
        return r.out().lines().filter(l -> !l.isBlank()).map(l -> l.replace(":", "").trim()).toList();
    }

    /**
     * The key shares of every hello as tshark dissects them, one string per hello in capture order:
     * {@code "1: 4588/1216,29/32"} (handshake type, then group/key length per share; a HelloRetryRequest's selected
     * group shows as an empty share list).
     */
    static List<String> keyShares(Path pcap, int serverPort) throws Exception {
        Run r = tshark(dissect(pcap, serverPort, null, "-Y", "tls.handshake.type == 1 || tls.handshake.type == 2",
                "-T", "fields", "-e", "tls.handshake.type", "-e", "tls.handshake.extensions_key_share_group",
                "-e", "tls.handshake.extensions_key_share_key_exchange_length"));
        assertEquals(0, r.exitCode(), () -> "tshark: " + r.describe());
        List<String> out = new ArrayList<>();
        for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
            String[] cols = line.split("\t", -1);
            String[] groups = cols[1].isEmpty() ? new String[0] : cols[1].split(",");
            String[] lengths = cols[2].isEmpty() ? new String[0] : cols[2].split(",");
            List<String> shares = new ArrayList<>();
            for (int i = 0; i < groups.length && i < lengths.length; i++) {
                shares.add(Integer.decode(groups[i].trim()) + "/" + lengths[i].trim());
            }
            out.add(cols[0].split(",")[0] + ": " + String.join(",", shares));
        }
        return out;
    }

    /** tshark's arguments to read {@code pcap}: the server port decoded as TLS; an empty key log unless given. */
    private static String[] dissect(Path pcap, int serverPort, Path keyLog, String... more) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-d", "tcp.port==" + serverPort + ",tls",
                "-o", "tls.keylog_file:" + (keyLog == null ? "" : keyLog.toString())));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** {@code tshark -n ARGS}, stdout and stderr apart (as root tshark warns on stderr). */
    /** How many TCP resets {@code pcap} holds. */
    static long resets(Path pcap) throws Exception {
        Run r = tshark("-r", pcap.toString(), "-Y", "tcp.flags.reset == 1", "-T", "fields", "-e", "frame.number");
        assertEquals(0, r.exitCode(), () -> "tshark: " + r.describe());
        return r.out().lines().filter(l -> !l.isBlank()).count();
    }

    private static Run tshark(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n"));
        command.addAll(List.of(args));
        return Interop.runApart(LIMIT, env -> { }, command);
    }
}
