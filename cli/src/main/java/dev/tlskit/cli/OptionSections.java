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

    /** Replaces the one "Options:" list of {@code cl}'s usage help by one list per group. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, OptionSections::render);
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
