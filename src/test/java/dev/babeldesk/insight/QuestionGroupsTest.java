package dev.babeldesk.insight;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionGroupsTest {
    private static final QuestionGroups.Meanings NO_MODEL = (text, language) -> Optional.empty();
    private static final QuestionGroups.Closest CLOSEST = (text, language) ->
            Optional.of(new QuestionGroups.ClosestEntry("closest-to-" + language, "Closest for: " + text, 0.3));
    private static int seq;

    private static BotTurn unanswered(String text, String language) {
        return new BotTurn("c" + (++seq), 1, text, language, language, "handoff", "low_confidence", null, 0.1, 0.1, 0.5,
                null, null, Instant.parse("2026-11-20T10:00:00Z"));
    }

    private static BotTurn answered(String text, String language, Boolean helpful) {
        return new BotTurn("c" + (++seq), 1, text, language, language, "answer", null, "returns", 0.95, 0.97, 0.98,
                helpful, null, Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void similar_questions_in_a_language_form_one_group_with_their_count_most_frequent_first() {
        List<BotTurn> turns = new ArrayList<>(List.of(
                unanswered("Can I pay with Klarna?", "en"),
                unanswered("can i pay with klarna", "en"),
                unanswered("Can I pay with Klarna instalments?", "en"),
                unanswered("Do you ship to the Canary Islands?", "en"),
                unanswered("Do you ship to Canary Islands", "en"),
                unanswered("Kann ich mit Klarna bezahlen?", "de"),
                answered("How do I return shoes?", "en", false),
                unanswered("What is the weather like in Lisbon?", "en")));
        List<QuestionGroups.Group> groups = new QuestionGroups(NO_MODEL, CLOSEST).group(turns);

        assertEquals(5, groups.size(), groups.toString()); // Klarna, Canary Islands, German Klarna, shoes, weather
        QuestionGroups.Group klarna = groups.get(0);
        assertEquals("en", klarna.language());
        assertEquals(3, klarna.count());
        assertEquals(3, klarna.handedOff());
        // The exact repeat counts twice under one example; the longer variant is a second example.
        assertEquals(List.of("Can I pay with Klarna?", "Can I pay with Klarna instalments?"), klarna.examples());
        assertEquals("closest-to-en", klarna.closest().id());
        assertEquals(2, groups.get(1).count());
        assertTrue(groups.get(1).examples().get(0).contains("Canary"));
        // Same words in another language are another group: editors fix answers per language.
        assertTrue(groups.stream().anyMatch(g -> g.language().equals("de") && g.count() == 1));
        assertTrue(groups.stream().anyMatch(g -> g.notHelpful() == 1 && g.examples().equals(List.of("How do I return shoes?"))));
    }

    @Test
    void answered_questions_without_a_not_helpful_vote_and_requests_for_a_person_are_not_listed() {
        BotTurn person = new BotTurn("c1", 1, "I want to talk to a human", "en", "en", "handoff", "explicit_request",
                null, 0.2, 0.2, 0.5, null, null, Instant.parse("2026-11-20T10:00:00Z"));
        List<QuestionGroups.Group> groups = new QuestionGroups(NO_MODEL, CLOSEST).group(List.of(
                person, answered("Where is my parcel?", "en", null), answered("How long do refunds take?", "en", true)));
        assertEquals(List.of(), groups);
    }

    @Test
    void questions_that_share_no_words_meet_through_their_meaning_vectors() {
        float[] parcel = {1, 0, 0};
        QuestionGroups.Meanings model = (text, language) -> Optional.of(
                text.contains("parcel") || text.contains("package") ? parcel : new float[] {0, 1, 0});
        List<QuestionGroups.Group> groups = new QuestionGroups(model, CLOSEST).group(List.of(
                unanswered("Where is my parcel?", "en"), unanswered("My package never arrived", "en"),
                unanswered("Do you sell gift cards?", "en")));
        assertEquals(2, groups.size());
        assertEquals(2, groups.get(0).count());
    }

    @Test
    void email_addresses_and_long_numbers_are_masked_before_grouping_and_in_the_examples() {
        List<QuestionGroups.Group> groups = new QuestionGroups(NO_MODEL, (t, l) -> Optional.empty()).group(List.of(
                unanswered("Please write to jane.doe@example.com about order", "en"),
                unanswered("Please write to max@example.org about order", "en"),
                unanswered("Call me on +44 20 7946 0958", "en")));
        assertEquals(2, groups.size());
        assertEquals(List.of("Please write to [email] about order"), groups.get(0).examples());
        assertEquals(2, groups.get(0).count());
        assertEquals(List.of("Call me on [number]"), groups.get(1).examples());
        assertNull(groups.get(0).closest());
    }

    @Test
    void the_grouping_does_not_depend_on_the_order_questions_came_in() {
        List<BotTurn> turns = new ArrayList<>(List.of(
                unanswered("Can I pay with Klarna?", "en"), unanswered("Can I pay with PayPal?", "en"),
                unanswered("Can I pay with Klarna?", "en"), unanswered("pay with klarna later", "en"),
                unanswered("Do you have a shop in Madrid?", "en")));
        List<QuestionGroups.Group> forward = new QuestionGroups(NO_MODEL, CLOSEST).group(turns);
        java.util.Collections.reverse(turns);
        assertEquals(forward, new QuestionGroups(NO_MODEL, CLOSEST).group(turns));
    }
}
