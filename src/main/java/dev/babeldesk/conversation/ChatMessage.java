package dev.babeldesk.conversation;

import dev.babeldesk.photo.Photo;

import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation, numbered by {@code seq} (1, 2, 3 ... per conversation).
 * Which fields are set depends on the sender: a shopper's message has its client id; a bot's
 * has the entry, the rendered answer, the decision and its confidence; a system message has the
 * key of its text; a shopper's picture has its photo and no text. {@code via} is {@code email} for a
 * shopper's answer to an emailed reply (null: written in the chat).
 */
public record ChatMessage(
        String conversationId,
        long seq,
        Sender sender,
        String clientId,
        String text,
        String html,
        String entryId,
        String entryTitle,
        String language,
        String decision,
        Double confidence,
        List<Choice> choices,
        boolean translationMissing,
        String systemKey,
        String agentName,
        Instant at,
        Photo.Ref photo,
        String via) {

    public ChatMessage {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** An entry offered as a clarify choice. */
    public record Choice(String id, String title) {}

    /** A message not yet stored: the store assigns the conversation's next seq and the time. */
    public static ChatMessage draft(Sender sender, String text) {
        return new ChatMessage(null, 0, sender, null, text, null, null, null, null, null, null, List.of(), false,
                null, null, null, null, null);
    }

    public ChatMessage withClientId(String id) {
        return new ChatMessage(conversationId, seq, sender, id, text, html, entryId, entryTitle, language, decision,
                confidence, choices, translationMissing, systemKey, agentName, at, photo, via);
    }

    public ChatMessage withSystemKey(String key, String lang) {
        return new ChatMessage(conversationId, seq, sender, clientId, text, html, entryId, entryTitle, lang, decision,
                confidence, choices, translationMissing, key, agentName, at, photo, via);
    }

    /** A shopper's picture (no text). */
    public static ChatMessage photo(Photo.Ref photo, String clientId) {
        return new ChatMessage(null, 0, Sender.SHOPPER, clientId, null, null, null, null, null, null, null, List.of(), false,
                null, null, null, photo, null);
    }

    /** A shopper's answer to an emailed reply, as the conversation keeps it. */
    public static ChatMessage email(String text, String clientId) {
        return new ChatMessage(null, 0, Sender.SHOPPER, clientId, text, null, null, null, null, null, null, List.of(), false,
                null, null, null, null, "email");
    }

    public ChatMessage asStored(String conversation, long number, Instant time) {
        return new ChatMessage(conversation, number, sender, clientId, text, html, entryId, entryTitle, language,
                decision, confidence, choices, translationMissing, systemKey, agentName, time, photo, via);
    }
}
