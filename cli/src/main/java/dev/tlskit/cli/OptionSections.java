package dev.tlskit.cli;

import dev.tlskit.cli.option.OptionGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lists a command's options under {@link OptionGroup} headings (Connection, TLS, Certificates and trust, ...,
 * Output) in {@code --help}; the man pages use {@link #of} for the same sections. Within a group, options keep
 * their declaration order: the order the command's author chose to teach them in.
 */
public final class OptionSections {
    private OptionSections() {}

    /**
     * Replaces the one "Options:" list of {@code cl}'s usage help by one list per group, when help is first made:
     * the section map is picocli's eighteen default renderers, which a run that prints no help never needs.
     */
    static void install(CommandLine cl) {
        cl.setHelpFactory(SectionedHelp.INSTANCE);
    }

    /** Help that installs the sections first; the sections' renderers are classes, not lambdas, see {@link Renderer}. */
    private static final class SectionedHelp implements CommandLine.IHelpFactory {
        static final SectionedHelp INSTANCE = new SectionedHelp();

        @Override
        public Help create(CommandSpec spec, Help.ColorScheme colorScheme) {
            Map<String, CommandLine.IHelpSectionRenderer> sections = spec.usageMessage().sectionMap();
            sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, Renderer.NO_HEADING);
            sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, Renderer.SECTIONS);
            return new Help(spec, colorScheme);
        }
    }

    /**
     * A class rather than lambdas: picocli's class files are Java 5's, and Java 17's CDS dump leaves out an old
     * interface that a lambda implements, and with it every class implementing it (picocli's own renderers).
     */
    private static final class Renderer implements CommandLine.IHelpSectionRenderer {
        static final Renderer NO_HEADING = new Renderer(false);
        static final Renderer SECTIONS = new Renderer(true);

        private final boolean sections;

        private Renderer(boolean sections) {
            this.sections = sections;
        }

        @Override
        public String render(Help help) {
            return sections ? OptionSections.render(help) : "";
        }
    }

    /** The visible options of {@code spec} by group, groups in {@link OptionGroup} order, empty ones left out. */
    public static Map<OptionGroup, List<OptionSpec>> of(CommandSpec spec) {
        Map<OptionGroup, List<OptionSpec>> groups = new EnumMap<>(OptionGroup.class);
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                groups.computeIfAbsent(OptionGroup.of(o), g -> new ArrayList<>()).add(o);
            }
        }
        return groups;
    }

    private static String render(Help help) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<OptionGroup, List<OptionSpec>> e : of(help.commandSpec()).entrySet()) {
            sb.append(help.createHeading("%n" + e.getKey().heading() + ":%n"));
            sb.append(help.optionListExcludingGroups(e.getValue(), help.createDefaultLayout(), null,
                    help.createDefaultParamLabelRenderer()));
        }
        return sb.toString();
    }
}
