package dev.babeldesk.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuotedTextTest {
    private static final String ANSWER = "Thanks, the new one arrived.\nIt works.";

    @ParameterizedTest
    @ValueSource(strings = {
            "On Mon, 30 Nov 2026 at 10:02, Shop <support@shop.example> wrote:",
            "Am Mo., 30. Nov. 2026 um 10:02 Uhr schrieb Shop <support@shop.example>:",
            "Le lun. 30 nov. 2026 à 10:02, Shop <support@shop.example> a écrit :",
            "El lun, 30 nov 2026 a las 10:02, Shop (<support@shop.example>) escribió:",
            "-----Original Message-----",
            "________________________________",
            "From: Shop support <support@shop.example>",
            "De : Shop support <support@shop.example>",
            "在 2026年11月30日 10:02，Shop <support@shop.example> 写道：",
            "2026年11月30日(月) 10:02 Shop <support@shop.example>:",
            "> Ben replied to your message"})
    void the_answer_ends_where_the_quoted_email_begins(String attribution) {
        String email = ANSWER + "\n\n" + attribution + "\n> Ben replied to your message\n> Your parcel left today.\n";
        assertEquals(ANSWER, QuotedText.strip(email));
    }

    @Test
    void an_attribution_wrapped_onto_two_lines_goes_with_the_quote() {
        String email = ANSWER + "\n\nOn Mon, 30 Nov 2026 at 10:02, Shop support\n<support@shop.example> wrote:\n\n> Your parcel left today.";
        assertEquals(ANSWER, QuotedText.strip(email));
    }

    @Test
    void a_line_that_only_starts_like_an_attribution_stays() {
        String email = "On Monday I was not at home.\nEl paquete llegó roto.\nFrom now on I will be.";
        assertEquals(email, QuotedText.strip(email));
    }

    @Test
    void line_breaks_of_any_system_are_read_and_blank_lines_between_paragraphs_kept_once() {
        assertEquals("First.\n\nSecond.", QuotedText.strip("First.\r\n\r\n\r\n\r\nSecond.\r\n\r\n> quoted"));
    }

    @Test
    void an_answer_that_is_only_a_quote_is_empty() {
        assertEquals("", QuotedText.strip("\n\n> Ben replied to your message\n> Your parcel left today."));
    }
}
