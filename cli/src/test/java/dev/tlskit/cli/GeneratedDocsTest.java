package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option tables come from the picocli model: this fails when someone changed a flag and forgot. */
class GeneratedDocsTest {
    @Test
    void readmeOptionTablesMatchTheCommandModel() throws Exception {
        Path readme = Path.of("..", "README.md");
        String committed = Files.readString(readme, StandardCharsets.UTF_8);
        assertTrue(committed.contains("<!-- options:client -->"), "README has the client's table marker");
        assertEquals(OptionTables.render(committed), committed,
                "README.md option tables are stale: run `java -cp cli/target/tlskit.jar dev.tlskit.cli.OptionTables"
                        + " README.md` after `mvn -q -DskipTests install`");
    }

    @Test
    void helpListsTheExitCodeTable() {
        Tlskit.Result r = Tlskit.run("client", "--help");
        assertEquals(0, r.exitCode());
        for (String line : ExitCode.TABLE) {
            String[] parts = line.trim().split("\\s+", 2);
            assertTrue(r.out().contains(parts[0]) && r.out().contains(parts[1].substring(0, Math.min(20, parts[1].length()))), r.out());
        }
    }
}
