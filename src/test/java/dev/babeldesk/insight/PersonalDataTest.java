package dev.babeldesk.insight;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonalDataTest {
    @Test
    void email_addresses_become_a_placeholder() {
        assertEquals("mail me at [email] please", PersonalData.mask("mail me at jane.o'neil+shop@mail.example.co.uk please"
                .replace("'", "")));
        assertEquals("schreib an [email]", PersonalData.mask("schreib an jürgen@beispiel.de"));
    }

    @Test
    void phone_card_and_account_numbers_become_a_placeholder_but_order_numbers_and_prices_stay() {
        assertEquals("call [number] now", PersonalData.mask("call +49 (0)30 1234 5678 now"));
        assertEquals("card [number]", PersonalData.mask("card 4111 1111 1111 1111"));
        assertEquals("order #100234 cost 129.99 EUR", PersonalData.mask("order #100234 cost 129.99 EUR"));
    }

    @Test
    void text_without_personal_data_is_unchanged() {
        assertEquals("Wie lange dauert die Rückerstattung?", PersonalData.mask("Wie lange dauert die Rückerstattung?"));
        assertEquals(null, PersonalData.mask(null));
    }
}
