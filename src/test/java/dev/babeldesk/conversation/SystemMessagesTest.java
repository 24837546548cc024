package dev.babeldesk.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.Wiring;
import dev.babeldesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every language of the bundled knowledge base has every text the widget and the server show.
 * This is the test that fails when someone adds a language folder, or a string, and forgets one.
 */
class SystemMessagesTest {
    private static final Path I18N = Path.of("web-widget/i18n");

    private static Map<String, String> texts(String language) throws Exception {
        return new ObjectMapper().readValue(I18N.resolve(language + ".json").toFile(), new TypeReference<>() {});
    }

    @Test
    void every_knowledge_base_language_has_a_text_file_with_every_key_of_english() throws Exception {
        KnowledgeBase kb = Wiring.knowledgeBase(Path.of("knowledge-base"), "en");
        Set<String> english = new TreeSet<>(texts("en").keySet());
        for (String language : kb.languages()) {
            assertTrue(Files.exists(I18N.resolve(language + ".json")), "web-widget/i18n/" + language + ".json is missing");
            Map<String, String> own = texts(language);
            assertEquals(english, new TreeSet<>(own.keySet()), "keys of " + language + ".json differ from en.json");
            own.forEach((key, text) -> assertFalse(text.isBlank(), language + "." + key + " is empty"));
        }
    }

    @Test
    void every_text_file_has_the_keys_the_server_uses_and_keeps_the_placeholders() throws Exception {
        File[] files = I18N.toFile().listFiles((dir, name) -> name.endsWith(".json"));
        assertTrue(files != null && files.length >= 6);
        for (File file : files) {
            String language = file.getName().replace(".json", "");
            Map<String, String> own = texts(language);
            for (String key : SystemMessages.KEYS) assertTrue(own.containsKey(key), language + " lacks " + key);
            assertTrue(own.get("agent_joined").contains("{agent}"), language + ".agent_joined lacks {agent}");
        }
    }

    @Test
    void a_language_without_texts_falls_back_to_the_default_language() {
        SystemMessages messages = new SystemMessages(Map.of("en", Map.of("waiting", "You are number {position}."),
                "de", Map.of("waiting", "Sie sind Nummer {position}.")), "en");
        assertEquals("Sie sind Nummer 2.", messages.text("waiting", "de-AT", Map.of("position", "2")));
        assertEquals("You are number 3.", messages.text("waiting", "sw", Map.of("position", "3")));
        assertEquals("en", messages.languageOf("waiting", "sw"));
    }
}
