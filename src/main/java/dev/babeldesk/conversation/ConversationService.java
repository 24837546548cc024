package dev.babeldesk.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.answering.AnswerEngine;
import dev.babeldesk.answering.BotAnswer;
import dev.babeldesk.answering.Decision;
import dev.babeldesk.answering.ScoredEntry;
import dev.babeldesk.insight.BotTurn;
import dev.babeldesk.insight.InsightStore;
import dev.babeldesk.knowledge.Entry;
import dev.babeldesk.knowledge.KnowledgeBase;
import dev.babeldesk.photo.Photo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies what a shopper does to their conversation and produces the replies: stores the
 * shopper's message, asks the bot when the bot has the conversation, stores the answer. Every
 * message is stored before it is returned for sending, so nothing said is lost.
 */
public final class ConversationService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many other entries to offer after a not-helpful answer. */
    static final int NEXT_CHOICES = 2;

    private final ConversationStore store;
    /** The current engine: live reloading swaps it, so it is asked for anew on every question. */
    private final Supplier<AnswerEngine> engine;
    private final SystemMessages texts;
    private final InsightStore insight;
    private final MeterRegistry meters;
    private final Timer deciding;

    /** @param meters where the bot's decisions, hand-offs, picks and votes are counted */
    public ConversationService(ConversationStore store, Supplier<AnswerEngine> engine, SystemMessages texts,
                               InsightStore insight, MeterRegistry meters) {
        this.store = store;
        this.engine = engine;
        this.texts = texts;
        this.insight = insight;
        this.meters = meters;
        // Buckets around the 20 ms target, so its share of slower decisions can be read off directly.
        this.deciding = Timer.builder("babeldesk.bot.decision")
                .description("Time the bot takes to decide on a shopper's question: language, retrieval, confidence")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500))
                .register(meters);
    }

    /** Counts a decision by the shopper's language (always one of the base's, so the label stays bounded). */
    private void countDecision(String language, String decision) {
        Counter.builder("babeldesk.bot.decisions").description("The bot's decisions on shoppers' questions")
                .tag("language", language).tag("decision", decision).register(meters).increment();
    }

    /** An opened conversation; {@code resumeToken} is shown to the client once. */
    public record Opened(Conversation conversation, String resumeToken, boolean resumed, List<ChatMessage> greeting) {}

    /** What an action produced: new messages to send, and the conversation as it is now. */
    public record Outcome(List<ChatMessage> messages, Conversation conversation) {}

    /**
     * Resumes the conversation of {@code resumeToken}, or starts a new one (also when the token is
     * unknown: a guessed token reaches nothing).
     */
    public Opened open(String resumeToken, String locale, String page) {
        if (resumeToken != null && !resumeToken.isBlank()) {
            Optional<Conversation> existing = store.findByResumeTokenHash(Tokens.hash(resumeToken));
            if (existing.isPresent() && existing.get().state() != ConversationState.CLOSED) {
                return new Opened(existing.get(), resumeToken, true, List.of());
            }
        }
        String token = Tokens.newToken();
        Conversation created = store.create(Tokens.hash(token), locale, page);
        String lang = texts.languageOf("greeting", locale);
        ChatMessage greeting = store.append(created.id(), system("greeting", lang, Map.of())).message();
        return new Opened(created, token, false, List.of(greeting));
    }

    public List<ChatMessage> messagesAfter(String conversationId, long seq) {
        return store.messagesAfter(conversationId, seq);
    }

    /** False once the conversation was erased. */
    public boolean exists(String conversationId) {
        return store.find(conversationId).isPresent();
    }

    public Conversation conversation(String conversationId) {
        return store.find(conversationId).orElseThrow();
    }

    public int queuePosition(String conversationId) {
        return store.queuePosition(conversationId);
    }

    /** A shopper's message; a repeated client id returns the stored copy and nothing else. */
    public Outcome shopperMessage(String conversationId, String clientId, String text) {
        ConversationStore.Appended appended = store.append(conversationId,
                ChatMessage.draft(Sender.SHOPPER, text).withClientId(clientId));
        if (!appended.created()) return new Outcome(List.of(appended.message()), conversation(conversationId));
        List<ChatMessage> out = new ArrayList<>();
        out.add(appended.message());
        Conversation conversation = conversation(conversationId);
        if (conversation.state() != ConversationState.BOT) return new Outcome(out, conversation);

        String localeHint = conversation.language() != null ? conversation.language() : conversation.locale();
        AnswerEngine current = engine.get();
        BotAnswer answer = deciding.record(() -> current.answer(text, localeHint));
        if (answer.languageFromText() && !answer.detectedLanguage().equals(conversation.language())) {
            store.setLanguage(conversationId, answer.detectedLanguage());
        }
        if (answer.decision() == Decision.CLARIFY && lastBotDecisionBefore(conversationId, appended.message().seq()).equals("clarify")) {
            // Offered choices, the shopper wrote again instead of picking one, and the bot is unsure again:
            // it is failing them. A person takes over rather than a third round of guesses.
            insight.recordTurn(turn(appended.message(), localeHint, answer, "handoff", "repeated_failure"));
            countDecision(answer.detectedLanguage(), "handoff");
            out.addAll(handOff(conversationId, "repeated_failure", answer.language(), answer).messages());
            return new Outcome(out, conversation(conversationId));
        }
        String decision = answer.decision().name().toLowerCase(Locale.ROOT);
        insight.recordTurn(turn(appended.message(), localeHint, answer, decision,
                answer.decision() == Decision.HANDOFF ? reason(answer) : null));
        countDecision(answer.detectedLanguage(), decision);
        out.addAll(reply(conversationId, answer));
        return new Outcome(out, conversation(conversationId));
    }

    /**
     * A shopper's picture (a damaged parcel, a wrong item). The bot cannot look at it, so a
     * conversation the bot has goes to a person, who sees it with everything said before; while a
     * person has it or it waits for one, it is simply added. A resent upload (same client id)
     * returns the stored copy and nothing else. Empty when the conversation has {@code limit}
     * pictures already.
     */
    public Optional<Outcome> shopperPhoto(String conversationId, String clientId, Photo photo, int limit) {
        Optional<ConversationStore.Appended> stored = store.appendPhoto(conversationId, ChatMessage.photo(photo.ref(), clientId),
                photo, limit);
        if (stored.isEmpty()) return Optional.empty();
        ConversationStore.Appended appended = stored.get();
        Conversation conversation = conversation(conversationId);
        if (!appended.created()) return Optional.of(new Outcome(List.of(appended.message()), conversation));
        List<ChatMessage> out = new ArrayList<>();
        out.add(appended.message());
        if (conversation.state() == ConversationState.BOT) {
            out.addAll(handOff(conversationId, "photo", conversation.replyLanguage()).messages());
        }
        return Optional.of(new Outcome(out, conversation(conversationId)));
    }

    /**
     * A shopper's answer to an emailed reply. People write back days later, after the conversation
     * was closed or handed back to the bot: it goes to the queue again (reason {@code email_reply}),
     * with everything said before; while a person has it or it waits for one, it is simply added.
     * An answer read twice (same client id) is stored once and announced once.
     */
    public Outcome shopperEmail(String conversationId, String clientId, String text) {
        ConversationStore.Appended appended = store.append(conversationId, ChatMessage.email(text, clientId));
        Conversation conversation = conversation(conversationId);
        if (!appended.created()) return new Outcome(List.of(), conversation);
        List<ChatMessage> out = new ArrayList<>();
        out.add(appended.message());
        if (conversation.state() == ConversationState.BOT || conversation.state() == ConversationState.CLOSED) {
            out.addAll(handOff(conversationId, conversation.state(), "email_reply", conversation.replyLanguage(), null).messages());
        }
        return new Outcome(out, conversation(conversationId));
    }

    /** The conversation a resume token opens (in any state), if any. */
    public Optional<Conversation> byResumeToken(String resumeToken) {
        return store.findByResumeTokenHash(Tokens.hash(resumeToken));
    }

    /** The shopper's message already stored under this client id (a resend), if any. */
    public Optional<ChatMessage> storedShopperMessage(String conversationId, String clientId) {
        return store.messageByClientId(conversationId, clientId);
    }

    public int photoCount(String conversationId) {
        return store.photoCount(conversationId);
    }

    public Optional<Photo> photo(String photoId) {
        return store.photo(photoId);
    }

    private static BotTurn turn(ChatMessage question, String localeHint, BotAnswer answer, String decision, String reason) {
        ScoredEntry top = answer.candidates().isEmpty() ? null : answer.candidates().get(0);
        String entry = answer.entry() != null ? answer.entry().id() : top == null ? null : top.id();
        return new BotTurn(question.conversationId(), question.seq(), question.text(), localeHint, answer.detectedLanguage(),
                decision, reason, entry, answer.confidence(), top == null ? null : top.answerable(),
                top == null ? null : top.choice(), null, null, question.at());
    }

    private String lastBotDecisionBefore(String conversationId, long seq) {
        return store.messagesAfter(conversationId, 0).stream()
                .filter(m -> m.seq() < seq && m.sender() == Sender.BOT)
                .reduce((a, b) -> b).map(ChatMessage::decision).orElse("");
    }

    /** The shopper picked one of the offered choices: recorded, then answered with it. */
    public Optional<Outcome> choose(String conversationId, String entryId, long clarifySeq) {
        Optional<ChatMessage> clarify = store.message(conversationId, clarifySeq);
        if (clarify.isEmpty() || clarify.get().choices().stream().noneMatch(c -> c.id().equals(entryId))) {
            return Optional.empty();
        }
        store.recordEvent(conversationId, "clarify_choice", json(Map.of("seq", clarifySeq, "entry", entryId)));
        insight.recordChoice(conversationId, answeredSeq(conversationId, clarifySeq), entryId);
        meters.counter("babeldesk.bot.picks").increment();
        Conversation conversation = conversation(conversationId);
        if (conversation.state() != ConversationState.BOT) return Optional.of(new Outcome(List.of(), conversation));
        String language = clarify.get().language();
        KnowledgeBase knowledgeBase = engine.get().knowledgeBase();
        Optional<Entry> found = knowledgeBase.entry(language, entryId)
                .or(() -> knowledgeBase.all().stream().filter(e -> e.id().equals(entryId)).findFirst());
        if (found.isEmpty()) return Optional.empty(); // removed from the base since it was offered
        Entry entry = found.get();
        if (entry.handoff()) return Optional.of(handOff(conversationId, "handoff_entry", language));
        ChatMessage answer = store.append(conversationId, botAnswer(entry, "answer", null, List.of(), false)).message();
        return Optional.of(new Outcome(List.of(answer), conversation(conversationId)));
    }

    /**
     * Thumbs up or down on a bot answer. Not helpful: the next candidates for the same question
     * are offered; not helpful twice in a row: a person takes over.
     */
    public Optional<Outcome> feedback(String conversationId, long seq, boolean helpful) {
        Optional<ChatMessage> rated = store.message(conversationId, seq);
        if (rated.isEmpty() || rated.get().sender() != Sender.BOT) return Optional.empty();
        store.recordEvent(conversationId, "feedback", json(Map.of("seq", seq, "helpful", helpful,
                "entry", String.valueOf(rated.get().entryId()))));
        insight.recordFeedback(conversationId, seq, helpful);
        meters.counter("babeldesk.bot.feedback", "helpful", String.valueOf(helpful)).increment();
        Conversation conversation = conversation(conversationId);
        if (helpful || conversation.state() != ConversationState.BOT || rated.get().entryId() == null) {
            return Optional.of(new Outcome(List.of(), conversation));
        }
        String language = rated.get().language();
        List<String> feedback = store.events(conversationId, "feedback");
        if (feedback.size() >= 2 && !helpfulIn(feedback.get(feedback.size() - 2))) {
            return Optional.of(handOff(conversationId, "repeated_failure", language));
        }
        Optional<ChatMessage> question = store.messagesAfter(conversationId, 0).stream()
                .filter(m -> m.seq() < seq && m.sender() == Sender.SHOPPER && m.text() != null)
                .reduce((first, second) -> second);
        if (question.isEmpty()) return Optional.of(new Outcome(List.of(), conversation));
        AnswerEngine current = engine.get();
        BotAnswer again = current.answer(question.get().text(), language);
        List<ChatMessage.Choice> choices = again.candidates().stream()
                .filter(c -> !c.id().equals(rated.get().entryId()))
                .limit(NEXT_CHOICES)
                .map(c -> current.knowledgeBase().entry(language, c.id()).map(e -> new ChatMessage.Choice(e.id(), e.title()))
                        .orElse(new ChatMessage.Choice(c.id(), c.title())))
                .toList();
        if (choices.isEmpty()) return Optional.of(handOff(conversationId, "repeated_failure", language));
        ChatMessage clarify = new ChatMessage(null, 0, Sender.BOT, null, null, null, null, null, language, "clarify",
                null, choices, false, null, null, null, null, null);
        ChatMessage offered = store.append(conversationId, clarify).message();
        store.recordEvent(conversationId, "reoffer", json(Map.of("seq", offered.seq(), "rated", seq)));
        return Optional.of(new Outcome(List.of(offered), conversation));
    }

    /**
     * The message a clarify message stands for, so that a pick is counted for the right question:
     * an answer voted not helpful, for the answers offered in its place (the shopper may have asked
     * other questions since); the clarify message itself otherwise (it follows its question).
     */
    private long answeredSeq(String conversationId, long clarifySeq) {
        for (String event : store.events(conversationId, "reoffer")) {
            try {
                JsonNode e = JSON.readTree(event);
                if (e.path("seq").asLong() == clarifySeq) return e.path("rated").asLong(clarifySeq);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
                // an unreadable event says nothing about this message
            }
        }
        return clarifySeq;
    }

    private static boolean helpfulIn(String feedbackJson) {
        try {
            return JSON.readTree(feedbackJson).path("helpful").asBoolean(true);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return true;
        }
    }


    /**
     * The shopper's widget has shown them the conversation up to {@code seq} (agents' replies up to
     * there are not emailed); false when that changed nothing.
     */
    public boolean markRead(String conversationId, long seq) {
        return store.markRead(conversationId, seq);
    }

    /** The shopper asked for a person. Asking again while waiting changes nothing. */
    public Outcome requestHuman(String conversationId) {
        Conversation conversation = conversation(conversationId);
        if (conversation.state() != ConversationState.BOT) return new Outcome(List.of(), conversation);
        return handOff(conversationId, "explicit_request", conversation.language() != null ? conversation.language() : conversation.locale());
    }

    /** The host page says who the shopper is; verified only with a valid signature from the shop's backend. */
    public ShopperIdentity identify(String conversationId, String id, String email, String name, long timestamp,
                                    String signature, IdentityVerifier verifier) {
        ShopperIdentity identity = new ShopperIdentity(id, email, name,
                verifier.verified(id, email, name, timestamp, signature));
        store.setIdentity(conversationId, identity);
        return identity;
    }

    public Optional<ShopperIdentity> identity(String conversationId) {
        return store.identity(conversationId);
    }

    /** Tells the shopper no person is available now and asks for an email address; the conversation stays queued. */
    public Outcome offlineNotice(String conversationId) {
        Conversation conversation = conversation(conversationId);
        String lang = texts.languageOf("offline", conversation.replyLanguage());
        ChatMessage offline = store.append(conversationId, system("offline", lang, Map.of())).message();
        return new Outcome(List.of(offline), conversation);
    }

    /** The shopper's satisfaction rating (1-5) after a person closed the conversation; false when not possible. */
    public boolean rate(String conversationId, int score, String comment) {
        if (score < 1 || score > 5) return false;
        return store.rate(conversationId, score, comment == null || comment.isBlank() ? null : comment.strip());
    }

    public Outcome close(String conversationId) {
        Conversation conversation = conversation(conversationId);
        if (!store.transition(conversationId, conversation.state(), ConversationState.CLOSED, null)) {
            return new Outcome(List.of(), conversation(conversationId));
        }
        String lang = texts.languageOf("closed", conversation.language() != null ? conversation.language() : conversation.locale());
        ChatMessage closed = store.append(conversationId, system("closed", lang, Map.of())).message();
        return new Outcome(List.of(closed), conversation(conversationId));
    }

    private List<ChatMessage> reply(String conversationId, BotAnswer answer) {
        if (answer.decision() == Decision.HANDOFF) {
            List<ChatMessage> out = new ArrayList<>();
            if (answer.entry() != null) {
                // A hand-off entry (a complaint) still says what it says, then the person takes over.
                out.add(store.append(conversationId, botAnswer(answer.entry(), "handoff", answer.confidence(), List.of(),
                        answer.translationMissing())).message());
            }
            out.addAll(handOff(conversationId, reason(answer), answer.language(), answer).messages());
            return out;
        }
        if (answer.decision() == Decision.CLARIFY) {
            List<ChatMessage.Choice> choices = answer.choices().stream()
                    .map(e -> new ChatMessage.Choice(e.id(), e.title())).toList();
            ChatMessage clarify = new ChatMessage(null, 0, Sender.BOT, null, null, null, null, null, answer.language(),
                    "clarify", answer.confidence(), choices, answer.translationMissing(), null, null, null, null, null);
            return List.of(store.append(conversationId, clarify).message());
        }
        return List.of(store.append(conversationId,
                botAnswer(answer.entry(), "answer", answer.confidence(), List.of(), answer.translationMissing())).message());
    }

    /** The recorded reason; a matched hand-off entry tagged {@code complaint} is a complaint (it jumps the queue). */
    private static String reason(BotAnswer answer) {
        if (answer.handoffReason() == dev.babeldesk.answering.HandoffReason.HANDOFF_ENTRY && answer.entry() != null
                && answer.entry().tags().contains("complaint")) {
            return "complaint";
        }
        return answer.handoffReason().name().toLowerCase(Locale.ROOT);
    }

    private Outcome handOff(String conversationId, String reason, String language) {
        return handOff(conversationId, reason, language, null);
    }

    /**
     * @param evidence the bot's decision that led here, for the agent's hand-off card (null when
     *                 the shopper asked or gave up)
     */
    private Outcome handOff(String conversationId, String reason, String language, BotAnswer evidence) {
        return handOff(conversationId, ConversationState.BOT, reason, language, evidence);
    }

    /** @param from the state it leaves: the bot's, or closed (an answer by email reopens it) */
    private Outcome handOff(String conversationId, ConversationState from, String reason, String language, BotAnswer evidence) {
        if (!store.transition(conversationId, from, ConversationState.WAITING, reason)) {
            return new Outcome(List.of(), conversation(conversationId));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("reason", reason);
        card.put("language", language);
        if (evidence != null) {
            card.put("confidence", evidence.confidence());
            card.put("answerThreshold", evidence.answerThreshold());
            card.put("handoffThreshold", evidence.handoffThreshold());
            card.put("candidates", evidence.candidates());
        }
        store.recordEvent(conversationId, "handoff", json(card));
        Counter.builder("babeldesk.handoffs").description("Conversations handed to a person, by reason")
                .tag("reason", reason).register(meters).increment();
        String lang = texts.languageOf("waiting", language);
        ChatMessage waiting = store.append(conversationId, system("waiting", lang,
                Map.of("position", String.valueOf(Math.max(1, store.queuePosition(conversationId)))))).message();
        return new Outcome(List.of(waiting), conversation(conversationId));
    }

    private static ChatMessage botAnswer(Entry entry, String decision, Double confidence, List<ChatMessage.Choice> choices,
                                         boolean translationMissing) {
        return new ChatMessage(null, 0, Sender.BOT, null, null, entry.html(), entry.id(), entry.title(), entry.language(),
                decision, confidence, choices, translationMissing, null, null, null, null, null);
    }

    private ChatMessage system(String key, String language, Map<String, String> params) {
        return ChatMessage.draft(Sender.SYSTEM, texts.text(key, language, params)).withSystemKey(key, language);
    }

    private static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
