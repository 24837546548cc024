package dev.babeldesk.answering;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clear anger hands off in every language; casual or rough wording of an ordinary question does not. */
class FrustrationLexiconTest {
    private static final PhraseLexicon LEXICON = PhraseLexicon.fromResource("/lexicon/frustration.yaml");

    @ParameterizedTest
    @ValueSource(strings = {
            "This is ridiculous, my parcel is three weeks late!",
            "Worst service I have ever had",
            "I'm so angry, nobody answers my emails",
            "Das ist eine Frechheit, ich warte seit Wochen",
            "Ich bin stinksauer auf euren Laden",
            "C'est inadmissible, je veux mon argent",
            "Je suis vraiment furieuse",
            "Esto es una vergüenza, quiero mi dinero",
            "太差了，我要投诉你们",
            "最悪です。まだ届きません",
            "Dit is belachelijk",
    })
    void clear_anger_is_recognised(String text) {
        assertTrue(LEXICON.match(text).isPresent(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "new bloody standard account",
            "where the hell is my parcel",
            "Is this charger useless with a US plug?",
            "wo ist mein Paket",
            "Quand vais-je recevoir mon remboursement ?",
            "我的包裹在哪里",
    })
    void ordinary_questions_are_not_taken_for_anger(String text) {
        assertTrue(LEXICON.match(text).isEmpty(), text);
    }
}
