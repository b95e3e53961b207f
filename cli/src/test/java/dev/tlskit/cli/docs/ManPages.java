package dev.tlskit.cli.docs;

import dev.tlskit.cli.OptionSections;
import dev.tlskit.cli.option.OptionGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * One man page per command, from the picocli model: picocli-codegen's {@link ManPageGenerator} writes AsciiDoc,
 * which is adjusted here (options under the same {@link OptionGroup} headings as {@code --help}, the examples as
 * a literal block, SEE ALSO, no version or date so the output is the same on every run) and converted to troff
 * by Asciidoctor's {@code manpage} backend.
 */
final class ManPages {
    /** Peers every page points to. */
    static final List<String> PEERS = List.of("openssl-s_client(1)", "openssl-s_server(1)", "gnutls-cli(1)",
            "gnutls-serv(1)");
    /** More peers for some commands. */
    static final Map<String, List<String>> MORE_PEERS = Map.of(
            "tlskit-certgen", List.of("openssl-req(1)", "openssl-x509(1)", "certtool(1)", "keytool(1)", "mkcert(1)"),
            "tlskit-echoserver", List.of("socat(1)"),
            "tlskit-echoclient", List.of("socat(1)"));

    private static final IStyle BOLD = style("*");
    private static final IStyle ITALIC = style("_");
    /** The markup picocli-codegen uses: options and commands bold, parameters italic. */
    private static final ColorScheme ASCIIDOC = new ColorScheme.Builder(Ansi.ON)
            .commands(BOLD).options(BOLD).optionParams(ITALIC).parameters(ITALIC)
            // a markup map (as picocli-codegen's) also stops the ANSI reset after each styled run
            .customMarkupMap(Map.of(Ansi.Style.bold.name(), BOLD, Ansi.Style.italic.name(), ITALIC,
                    Ansi.Style.underline.name(), ITALIC))
            .build();

    private static final Pattern OPTIONS = section("options");
    private static final Pattern FOOTER = section("footer");
    private static final Pattern XREF = Pattern.compile("xref:[^\\[]+\\[([^\\]]+)\\]::");
    private static final Pattern HEADING = Pattern.compile("(?m)^==\\s+(.*?):?\\s*$");

    private ManPages() {}

    /** Every command's page name ({@code tlskit}, {@code tlskit-client}, ...) and its AsciiDoc source. */
    static Map<String, String> asciidoc(CommandLine root) {
        List<CommandSpec> all = new ArrayList<>();
        collect(root.getCommandSpec(), all);
        List<String> pages = all.stream().map(s -> s.qualifiedName("-")).toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (CommandSpec spec : all) {
            out.put(spec.qualifiedName("-"), asciidoc(spec, pages));
        }
        return out;
    }

    /** Converts AsciiDoc ({@code :doctype: manpage}) to troff. */
    static Map<String, String> troff(Map<String, String> asciidoc) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            Options options = Options.builder().backend("manpage").standalone(true).safe(SafeMode.SECURE)
                    // reproducible: no conversion date in the page, so regenerating changes nothing
                    .attributes(Attributes.builder().attribute("reproducible", "").build())
                    .build();
            for (Map.Entry<String, String> e : asciidoc.entrySet()) {
                out.put(e.getKey(), asciidoctor.convert(e.getValue(), options));
            }
        }
        return out;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        if (spec.usageMessage().hidden()) {
            return;
        }
        all.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            collect(sub.getCommandSpec(), all);
        }
    }

    static String asciidoc(CommandSpec spec, List<String> pages) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        String doc = sw.toString().replace("\r\n", "\n");
        // The version provider reports the JVM and the build: not something a committed page should carry.
        doc = doc.replaceAll("(?m)^:revnumber:.*\\n", "")
                .replaceAll("(?m)^:mansource:.*$", ":mansource: tlskit")
                .replaceAll("(?m)^:manmanual:.*$", ":manmanual: tlskit manual");
        doc = replace(OPTIONS, doc, options(spec));
        doc = replace(FOOTER, doc, examples(spec));
        doc = XREF.matcher(doc).replaceAll("*$1*::");
        doc = HEADING.matcher(doc).replaceAll("== $1");
        String name = spec.qualifiedName("-");
        List<String> seeAlso = new ArrayList<>();
        for (String page : pages) {
            if (!page.equals(name)) {
                seeAlso.add("*" + page + "*(1)");
            }
        }
        for (String peer : MORE_PEERS.getOrDefault(name, List.of())) {
            seeAlso.add(peer);
        }
        seeAlso.addAll(PEERS);
        String end = "// end::picocli-generated-full-manpage[]";
        return doc.replace(end, "== See also\n\n" + String.join(", ", seeAlso) + "\n\n" + end);
    }

    /** The options section: one section per group, as in --help. */
    private static String options(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec, ASCIIDOC);
        IOptionRenderer renderer = help.createDefaultOptionRenderer();
        IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<OptionGroup, List<OptionSpec>> e : OptionSections.of(spec).entrySet()) {
            sb.append("== ").append(e.getKey().heading()).append('\n');
            for (OptionSpec option : e.getValue()) {
                Text[][] rows = renderer.render(option, labels, ASCIIDOC);
                String names = rows[0][1].toString().strip();
                String label = rows[0][3].toString().strip();
                sb.append('\n').append(names.isEmpty() ? label : label.isEmpty() ? names : names + ", " + label)
                        .append("::\n  ").append(rows[0][4].toString().strip()).append('\n');
                for (int i = 1; i < rows.length; i++) {
                    sb.append("+\n").append(rows[i][4].toString().strip()).append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The help footer (the examples) as a literal block: commands keep their spacing and are not reflowed. */
    private static String examples(CommandSpec spec) {
        String[] footer = spec.usageMessage().footer();
        if (footer.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("== Examples\n\n....\n");
        for (String line : footer) {
            // help text is indented by two spaces; the man page indents literal blocks itself
            String text = String.format(line).stripTrailing();
            sb.append(text.startsWith("  ") ? text.substring(2) : text).append('\n');
        }
        return sb.append("....\n\n").toString();
    }

    private static Pattern section(String name) {
        return Pattern.compile("// tag::picocli-generated-man-section-" + name + "\\[\\]\\n.*?// end::picocli-generated-man-section-"
                + name + "\\[\\]\\n", Pattern.DOTALL);
    }

    private static String replace(Pattern section, String doc, String content) {
        Matcher m = section.matcher(doc);
        if (!m.find()) {
            throw new IllegalStateException("picocli-codegen's output has no " + section + " section");
        }
        return doc.substring(0, m.start()) + content + doc.substring(m.end());
    }

    private static IStyle style(String mark) {
        return new IStyle() {
            @Override
            public String on() {
                return mark;
            }

            @Override
            public String off() {
                return mark;
            }
        };
    }
}
