package dev.babeldesk.answering;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhraseLexiconTest {
    private static final String RESOURCE = "/lexicon/human-request.yaml";

    private static PhraseLexicon lexicon;
    /** The same patterns by language, to check a phrase is claimed by one language only. */
    private static Map<String, List<String>> raw;

    @BeforeAll
    static void load() throws IOException {
        lexicon = PhraseLexicon.fromResource(RESOURCE);
        try (InputStream in = PhraseLexiconTest.class.getResourceAsStream(RESOURCE)) {
            raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
        }
    }

    private static Set<String> languagesMatching(String text) {
        String normalized = TextNormalizer.normalize(text);
        Set<String> languages = new TreeSet<>();
        raw.forEach((language, patterns) -> {
            for (String p : patterns) {
                if (Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS).matcher(normalized).find()) languages.add(language);
            }
        });
        return languages;
    }

    @Test
    void covers_the_languages_shoppers_write_in() {
        assertEquals(Set.of("en", "es", "de", "fr", "it", "pt", "nl", "zh", "ja", "ko", "tr", "ar"), lexicon.languages());
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Can I talk to a real person?
            en | I want a human, not a bot
            en | agent
            es | Quiero hablar con una persona
            es | Necesito atención humana, por favor
            de | Ich möchte mit einem Mitarbeiter sprechen
            de | Kann ich bitte mit einem echten Menschen reden?
            fr | Je voudrais parler à un conseiller
            fr | Je veux parler avec un vrai humain !
            it | Posso parlare con un operatore?
            it | Vorrei parlare con una persona reale
            pt | Quero falar com um atendente
            pt | Preciso de atendimento humano
            nl | Kan ik met een echte mens praten?
            nl | Kan ik spreken met een medewerker?
            zh | 转人工
            zh | 我要找人工客服
            ja | 担当者に代わってください
            ja | 人間と話したいです
            ko | 상담원 연결해 주세요
            ko | 사람과 대화하고 싶어요
            tr | Canlı destek istiyorum
            tr | Müşteri temsilcisiyle görüşmek istiyorum
            ar | أريد التحدث مع موظف
            ar | أريد التكلم مع شخص حقيقي
            """)
    void detects_an_explicit_request_for_a_person(String language, String text) {
        assertEquals(Optional.of(language), lexicon.match(text));
        assertEquals(Set.of(language), languagesMatching(text), "claimed by exactly one language");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "where is my parcel",
            "wo ist mein Paket",
            "Mein Paket ist nicht angekommen",
            "Where is my order? I am a real estate agent",
            "Is the human hair wig returnable?",
            "Quiero hablar de mi pedido",
            "Je voudrais parler de ma commande",
            "我的包裹在哪里",
            "荷物はどこですか",
            "배송은 얼마나 걸리나요?",
            "Siparişim nerede?",
            "أين طلبي؟",
    })
    void an_ordinary_question_is_not_a_request_for_a_person(String text) {
        assertEquals(Optional.empty(), lexicon.match(text));
    }

    @Test
    void matches_regardless_of_case_and_accents() {
        assertEquals(Optional.of("fr"), lexicon.match("JE VEUX PARLER À UN CONSEILLER"));
        assertEquals(Optional.of("es"), lexicon.match("necesito atencion humana"));
    }

    @Test
    void detects_a_request_for_an_operator_in_japanese() {
        assertEquals(Optional.of("ja"), lexicon.match("オペレーターと話したい"));
        assertEquals(Optional.of("ja"), lexicon.match("有人サポートをお願いします"));
    }

    @Test
    void detects_a_dutch_request_with_the_verb_at_the_end() {
        assertEquals(Optional.of("nl"), lexicon.match("Ik wil met een medewerker spreken"));
        assertEquals(Optional.of("nl"), lexicon.match("Ik wil graag met een medewerker praten"));
    }

    @Test
    void normalising_keeps_kana_that_carry_no_voicing_mark() {
        String text = "スタッフに相談したい";

        assertEquals(text, TextNormalizer.normalize(text));
        assertTrue(lexicon.match(text).isPresent());
    }
}
