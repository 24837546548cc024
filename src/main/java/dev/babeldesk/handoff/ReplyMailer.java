package dev.babeldesk.handoff;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.conversation.Tokens;
import dev.babeldesk.mail.Mail;
import dev.babeldesk.mail.MailFailure;
import dev.babeldesk.mail.SmtpMailer;
import dev.babeldesk.photo.Photo;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emails agents' replies to a shopper who has not read them in the chat. A shopper who was told
 * nobody is online and left an email address has usually closed the tab by the time an agent
 * answers; without this, the answer waits in a chat they may never open again.
 *
 * <p>Which replies: an agent's message the shopper's widget has not shown them
 * ({@link ConversationStore#markRead}) {@code delay} after it was written, and not older than a
 * day (switching mail on does not email last month's replies). Where to: the address the shop's
 * page gave ({@code identify}), else the last address the shopper typed in the conversation.
 *
 * <p>What: only what agents wrote (and the pictures they sent), the agent's name, and fixed texts in the shopper's language.
 * Nothing the shopper wrote goes into an email: an address typed into the chat may be someone
 * else's, and the server must not become a way to send anyone text of one's choosing.
 *
 * <p>Every node runs the rounds; the emailed-up-to mark moves before sending, atomically, so one
 * node sends each email. If sending fails for a reason that may pass, the mark moves back and the
 * next round tries again; a refused address is not tried again.
 */
public final class ReplyMailer {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyMailer.class);
    /** Replies older than this are not emailed, however long they stayed unread. */
    static final Duration LOOK_BACK = Duration.ofDays(1);
    private static final int BATCH = 200;
    /** An address as people type it in a chat; the SMTP layer checks it strictly before sending. */
    /** The event kept on the conversation when its replies were emailed: {@code {"upTo": seq}}. */
    static final String EMAILED = "reply_emailed";
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    private final ConversationStore store;
    private final SystemMessages texts;
    private final SmtpMailer smtp;
    private final Clock clock;
    private final Duration delay;
    private final MeterRegistry meters;
    /** Told the conversation whose replies were just emailed, and up to which message (its agent's console marks them). */
    private final java.util.function.BiConsumer<Conversation, Long> emailed;

    public ReplyMailer(ConversationStore store, SystemMessages texts, SmtpMailer smtp, Clock clock, Duration delay,
                       MeterRegistry meters) {
        this(store, texts, smtp, clock, delay, meters, (conversation, upTo) -> { });
    }

    public ReplyMailer(ConversationStore store, SystemMessages texts, SmtpMailer smtp, Clock clock, Duration delay,
                       MeterRegistry meters, java.util.function.BiConsumer<Conversation, Long> emailed) {
        this.emailed = emailed;
        this.store = store;
        this.texts = texts;
        this.smtp = smtp;
        this.clock = clock;
        this.delay = delay;
        this.meters = meters;
    }

    /** How often a node looks for replies to email: a tenth of the delay, between 1 and 30 seconds. */
    public Duration roundInterval() {
        long millis = Math.clamp(delay.toMillis() / 10, 1_000, 30_000);
        return Duration.ofMillis(millis);
    }

    /** What became of one conversation's due replies. */
    private enum Outcome { SENT, PASSED_OVER, FAILED }

    /**
     * One round: emails every reply that is due; returns how many emails went out. A failure that
     * may pass (the server is down) ends the round: trying the others now would only wait for the
     * same timeout again and again, holding up the next round.
     */
    public int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (ConversationStore.UnreadReplies due : store.unreadReplies(now.minus(LOOK_BACK), now.minus(delay), BATCH)) {
            if (!store.moveMailedMark(due.conversationId(), due.mailedSeq(), due.upToSeq())) continue; // another node has it
            Outcome outcome;
            try {
                outcome = send(due);
            } catch (RuntimeException e) { // the database went away half-way: the next round tries again
                store.moveMailedMark(due.conversationId(), due.upToSeq(), due.mailedSeq());
                throw e;
            }
            if (outcome == Outcome.SENT) sent++;
            if (outcome == Outcome.FAILED) break;
        }
        return sent;
    }

    private Outcome send(ConversationStore.UnreadReplies due) {
        String id = due.conversationId();
        Optional<Conversation> conversation = store.find(id);
        List<ChatMessage> messages = conversation.isEmpty() ? List.of() : store.messagesAfter(id, 0);
        Optional<String> address = conversation.isEmpty() ? Optional.empty() : address(id, messages);
        if (address.isEmpty()) {
            count("no_address");
            return Outcome.PASSED_OVER;
        }
        long after = Math.max(due.readSeq(), due.mailedSeq());
        List<ChatMessage> replies = messages.stream().filter(m -> m.sender() == Sender.AGENT && m.seq() > after
                && m.seq() <= due.upToSeq() && (m.text() != null || m.photo() != null)).toList();
        if (replies.isEmpty()) return Outcome.PASSED_OVER;
        // The email's Message-ID carries this token: a shopper's answer (In-Reply-To) leads back here (EmailReplies).
        // Kept once the email is sent, so that rounds failing while the SMTP server is down keep nothing.
        String thread = Tokens.newToken();
        try {
            smtp.send(mail(address.get(), conversation.get().replyLanguage(), replies, thread));
            store.recordMailThread(Tokens.hash(thread), id, address.get());
            count("sent");
            store.recordEvent(id, EMAILED, "{\"upTo\":" + due.upToSeq() + "}");
            emailed.accept(conversation.get(), due.upToSeq());
            LOG.info("emailed {} unread repl{} of conversation {}", replies.size(), replies.size() == 1 ? "y" : "ies", id);
            return Outcome.SENT;
        } catch (MailFailure e) {
            if (e.permanent()) {
                count("refused");
                LOG.warn("the mail server refused the shopper's address in conversation {} ({}); not trying again", id, e.getMessage());
                return Outcome.PASSED_OVER;
            } else {
                store.moveMailedMark(id, due.upToSeq(), due.mailedSeq());
                count("failed");
                LOG.warn("emailing conversation {}'s unread replies failed ({}); trying again in the next round", id, e.getMessage());
                return Outcome.FAILED;
            }
        }
    }

    private void count(String outcome) {
        meters.counter("babeldesk.mail.replies", "outcome", outcome).increment();
    }

    /** The address the shop's page gave, else the last one the shopper typed. */
    private Optional<String> address(String conversationId, List<ChatMessage> messages) {
        Optional<String> given = store.identity(conversationId).map(ShopperIdentity::email)
                .filter(e -> e != null && ADDRESS.matcher(e.strip()).matches()).map(String::strip);
        if (given.isPresent()) return given;
        String last = null;
        for (ChatMessage m : messages) {
            if (m.sender() != Sender.SHOPPER || m.text() == null) continue;
            Matcher matcher = ADDRESS.matcher(m.text());
            while (matcher.find()) last = matcher.group();
        }
        return Optional.ofNullable(last);
    }

    Mail mail(String to, String language, List<ChatMessage> replies, String thread) {
        String agent = replies.getLast().agentName() == null ? texts.text("agent", language, Map.of()) : replies.getLast().agentName();
        StringBuilder body = new StringBuilder(texts.text("mail_intro", language, Map.of())).append("\n\n");
        List<Mail.Attachment> pictures = new ArrayList<>();
        for (ChatMessage reply : replies) {
            String name = reply.agentName() == null ? texts.text("agent", language, Map.of()) : reply.agentName();
            body.append(name).append(":\n");
            // An agent's picture goes with the email: the server drew it, and the agent chose to send it.
            Optional<Photo> picture = reply.photo() == null ? Optional.empty() : store.photo(reply.photo().id());
            if (picture.isPresent()) {
                body.append(texts.text("mail_picture", language, Map.of()));
                pictures.add(new Mail.Attachment("picture-" + (pictures.size() + 1) + (picture.get().mime().equals("image/png") ? ".png" : ".jpg"),
                        picture.get().mime(), picture.get().bytes()));
            } else if (reply.text() != null) {
                body.append(reply.text().strip());
            }
            body.append("\n\n");
        }
        body.append(texts.text(smtp.hasReplyTo() ? "mail_answer_by_reply" : "mail_answer_in_chat", language, Map.of())).append('\n');
        return new Mail(to, texts.text("mail_subject", language, Map.of("agent", agent)), body.toString(), thread, pictures);
    }
}
