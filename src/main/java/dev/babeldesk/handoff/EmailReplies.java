package dev.babeldesk.handoff;

import dev.babeldesk.conversation.ConversationService;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.Tokens;
import dev.babeldesk.mail.ImapInbox;
import dev.babeldesk.mail.InboundMail;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Shoppers' answers to emailed replies ({@link ReplyMailer}), back into their conversations. The
 * email answered names its thread token (the Message-ID we gave it, in In-Reply-To or References);
 * the token, which only that email carried, leads to the conversation, and the answer must come
 * from the address the email went to. Anything else is not ours: it stays in the mailbox as it
 * was, for a person. Out-of-office notices and bounces are never taken.
 */
public final class EmailReplies {
    private static final Logger LOG = LoggerFactory.getLogger(EmailReplies.class);

    private final ConversationStore store;
    private final ConversationService conversations;
    private final int maxChars;
    private final MeterRegistry meters;
    /** Told what an answer added (the shopper's message, the hand-off): the agents' consoles and open tabs show it. */
    private final Consumer<ConversationService.Outcome> arrived;

    public EmailReplies(ConversationStore store, ConversationService conversations, int maxChars, MeterRegistry meters,
                        Consumer<ConversationService.Outcome> arrived) {
        this.store = store;
        this.conversations = conversations;
        this.maxChars = maxChars;
        this.meters = meters;
        this.arrived = arrived;
    }

    /** What to do with one email of the replies mailbox. */
    public ImapInbox.Handling accept(InboundMail mail) {
        try {
            Optional<ConversationStore.MailThread> thread = mail.threads().stream()
                    .map(t -> store.mailThread(Tokens.hash(t))).flatMap(Optional::stream).findFirst();
            if (thread.isEmpty()) return leave("not_ours");
            String conversation = thread.get().conversationId();
            if (mail.automatic()) return leave("automatic");
            if (mail.from() == null || !mail.from().equalsIgnoreCase(thread.get().address())) {
                // Only the address the email went to answers for the shopper (the log names no address).
                LOG.warn("an answer to an email of conversation {} came from another address; left in the mailbox", conversation);
                return leave("other_sender");
            }
            if (!conversations.exists(conversation)) return leave("erased");
            String text = mail.text().strip();
            if (text.isEmpty()) return leave("empty"); // only a quote or an attachment: a person reads it in the mailbox
            if (text.length() > maxChars) text = text.substring(0, maxChars - 1) + "…";
            ConversationService.Outcome outcome = conversations.shopperEmail(conversation, clientId(mail), text);
            if (!outcome.messages().isEmpty()) {
                arrived.accept(outcome);
                LOG.info("a shopper answered an email of conversation {}; it is {} now", conversation,
                        outcome.conversation().state().name().toLowerCase(java.util.Locale.ROOT));
            }
            meters.counter("babeldesk.mail.answers", "outcome", "taken").increment();
            return ImapInbox.Handling.TAKEN;
        } catch (RuntimeException e) {
            LOG.warn("taking an answer by email failed ({}); trying again in the next round", e.toString());
            meters.counter("babeldesk.mail.answers", "outcome", "failed").increment();
            return ImapInbox.Handling.RETRY;
        }
    }

    /** One email is one message, however often it is read (two nodes, a restart before it was marked read). */
    private static String clientId(InboundMail mail) {
        String key = mail.messageId() != null ? mail.messageId().strip() : mail.from() + "\n" + mail.text();
        return "mail-" + Tokens.hash(key).substring(0, 40);
    }

    /** Not taken, and why (counted): the email stays in the mailbox as it was. */
    private ImapInbox.Handling leave(String why) {
        meters.counter("babeldesk.mail.answers", "outcome", why).increment();
        return ImapInbox.Handling.NOT_OURS;
    }
}
