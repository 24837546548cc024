package dev.babeldesk.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration table stays true: every key, its variable and its default are in it. */
class ReadmeConfigurationTableTest {

    @Test
    void every_setting_is_documented_with_its_environment_variable_and_default() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting<?> s : Settings.ALL) {
            String row = "| `" + s.key() + "` | `" + s.environmentVariable() + "` | `" + s.defaultValue() + "` |";
            assertTrue(readme.contains(row), "README lacks the row starting " + row);
        }
    }
}
