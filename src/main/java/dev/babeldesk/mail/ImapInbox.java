package dev.babeldesk.mail;

import dev.babeldesk.config.MailSettings;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.ReceivedDateTerm;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads shoppers' answers to emailed replies from the mailbox {@code mail.reply-to} names, over IMAP.
 *
 * <p>Each round reads the messages that arrived since the last one (by IMAP UID; after a start, the
 * unread ones of the last week, then on from the newest) and hands each to the handler. A message it takes is marked read;
 * any other is left as it was, unread, for a person (the mailbox may be the shop's support inbox).
 * Bodies are fetched with PEEK, so reading a message does not mark it read by itself.
 */
public final class ImapInbox {
    /** What the handler did with a message. */
    public enum Handling {
        /** It is in the chat now (or was already): marked read. */
        TAKEN,
        /** Not an answer to one of our emails, or not one to take: left as it was. */
        NOT_OURS,
        /** Could not be taken now (the database is away): the round ends, the next one reads it again. */
        RETRY
    }

    private static final String TIMEOUT_MS = "15000";
    /** After a start, unread messages this old are still looked at. */
    private static final Duration FIRST_LOOK_BACK = Duration.ofDays(7);

    private final MailSettings.Imap settings;
    private final Session session;
    private final String protocol;
    private final Clock clock;
    private long uidValidity = -1;
    private long lastUid = -1;

    public ImapInbox(MailSettings.Imap settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.protocol = settings.security().equals("tls") ? "imaps" : "imap";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "connectiontimeout", TIMEOUT_MS);
        p.put(prefix + "timeout", TIMEOUT_MS);
        p.put(prefix + "writetimeout", TIMEOUT_MS);
        p.put(prefix + "peek", "true");
        p.put(prefix + "ssl.checkserveridentity", "true");
        if (settings.security().equals("starttls")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        this.session = Session.getInstance(p);
    }

    /**
     * One round: every new message to {@code handler}, oldest first; returns how many were taken.
     *
     * @throws MailFailure when the mailbox cannot be reached (the next round tries again)
     */
    public synchronized int poll(Function<InboundMail, Handling> handler) throws MailFailure {
        int taken = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.user(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                UIDFolder uids = (UIDFolder) folder;
                // A first round (after a start, or when the server renumbered the folder) looks at the recent unread
                // messages only, and then goes on from the newest message: not through years of a support inbox.
                boolean first = uids.getUIDValidity() != uidValidity || lastUid < 0;
                long newest = first ? newestUid(folder, uids) : lastUid;
                Message[] messages = first
                        ? folder.search(new AndTerm(new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                                new ReceivedDateTerm(ComparisonTerm.GE, Date.from(clock.instant().minus(FIRST_LOOK_BACK)))))
                        : uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
                uidValidity = uids.getUIDValidity();
                if (first) lastUid = 0;
                List<Numbered> oldestFirst = new ArrayList<>();
                for (Message m : messages) oldestFirst.add(new Numbered(uids.getUID(m), m));
                oldestFirst.sort(Comparator.comparingLong(Numbered::uid));
                long seen = lastUid;
                boolean retry = false;
                for (Numbered n : oldestFirst) {
                    // "n:*" names the newest message even when its UID is below n.
                    if (n.uid() <= lastUid) continue;
                    Handling handling = handler.apply(read(n.message()));
                    if (handling == Handling.RETRY) {
                        retry = true;
                        break;
                    }
                    if (handling == Handling.TAKEN) {
                        n.message().setFlag(Flags.Flag.SEEN, true);
                        taken++;
                    }
                    seen = Math.max(seen, n.uid());
                }
                // After a retry in a first round, the next round is a first round again (the message stays unread).
                lastUid = first ? (retry ? -1 : Math.max(newest, seen)) : seen;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new MailFailure(e.getMessage(), false, e);
        }
        return taken;
    }

    private record Numbered(long uid, Message message) {}

    /** The UID of the folder's newest message (0 for an empty folder). */
    private static long newestUid(Folder folder, UIDFolder uids) throws MessagingException {
        int count = folder.getMessageCount();
        return count == 0 ? 0 : uids.getUID(folder.getMessage(count));
    }

    private static InboundMail read(Message message) throws MessagingException, IOException {
        Address[] from = message.getFrom();
        String sender = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : null;
        return new InboundMail(header(message, "Message-ID"), sender,
                MessageIds.threads(header(message, "In-Reply-To"), header(message, "References")),
                automatic(message), QuotedText.strip(text(message)));
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : String.join(" ", values);
    }

    /** An out-of-office notice, a bounce, a list's mail (RFC 3834 and the headers common programs set instead). */
    private static boolean automatic(Message message) throws MessagingException {
        String auto = header(message, "Auto-Submitted");
        if (auto != null && !auto.strip().equalsIgnoreCase("no")) return true;
        String precedence = header(message, "Precedence");
        if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null
                || message.isMimeType("multipart/report");
    }

    /** The plain text of a message: its text/plain part, else its HTML as text, without quoted parts. */
    static String text(Part part) throws MessagingException, IOException {
        String plain = find(part, "text/plain");
        if (plain != null) return plain;
        String html = find(part, "text/html");
        if (html == null) return "";
        Document doc = Jsoup.parse(html);
        // What mail programs put around the email answered.
        doc.select("blockquote, .gmail_quote, #appendonsend, #divRplyFwdMsg, .yahoo_quoted, #mail-editor-reference-message-container").remove();
        doc.select("br").after("\n");
        doc.select("p, div, li, tr, h1, h2, h3").before("\n");
        return doc.body() == null ? "" : doc.body().wholeText();
    }

    private static String find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            Object content = part.getContent();
            return content instanceof String s ? s : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type);
                if (found != null) return found;
            }
        }
        return null;
    }
}
