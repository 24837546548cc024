package dev.babeldesk.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.conversation.Conversation;
import dev.babeldesk.conversation.ConversationState;
import dev.babeldesk.conversation.ConversationStore;
import dev.babeldesk.conversation.Sender;
import dev.babeldesk.conversation.ShopperIdentity;
import dev.babeldesk.conversation.SystemMessages;
import dev.babeldesk.photo.Photo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What agents do with handed-off conversations: the queue, taking one (atomically, within the
 * agent's capacity), replying, internal notes, transferring, handing back to the bot, closing.
 * Every change goes through the store's guarded transitions and is stored before it is announced.
 */
public final class HandoffService {
    /** Reasons that jump the queue: the shopper is unhappy or the bot kept failing. */
    static final Set<String> URGENT = Set.of("complaint", "repeated_failure", "frustration");
    public static final List<String> RESOLUTIONS = List.of("product_quality", "shipping_and_delivery",
            "returns_and_refunds", "payment", "account_and_privacy", "other");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConversationStore conversations;
    private final AgentStore agents;
    private final SystemMessages texts;
    private final Clock clock;
    private final Duration overdueAfter;
    private final Timer waited;

    /** @param meters where the time shoppers waited for a person is recorded */
    public HandoffService(ConversationStore conversations, AgentStore agents, SystemMessages texts, Clock clock,
                          Duration overdueAfter, MeterRegistry meters) {
        this.conversations = conversations;
        this.agents = agents;
        this.texts = texts;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
        this.waited = Timer.builder("babeldesk.queue.wait")
                .description("How long a handed-off shopper waited until a person took the conversation")
                // The overdue mark among the buckets: its count is the share of shoppers who waited longer.
                .serviceLevelObjectives(new TreeSet<>(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1),
                        Duration.ofMinutes(2), Duration.ofMinutes(5), overdueAfter, Duration.ofMinutes(15),
                        Duration.ofMinutes(60)))
                        .toArray(Duration[]::new))
                .register(meters);
    }

    /** One waiting conversation as the queue shows it. */
    public record QueueEntry(String conversation, String reason, String language, String waitingSince,
                             long waitingSeconds, boolean overdue, boolean urgent, boolean speaksLanguage, String preview) {}

    /** The queue as this agent should see it: urgent first, then their languages, then longest waiting. */
    public List<QueueEntry> queue(Agent viewer) {
        Instant now = clock.instant();
        List<QueueEntry> out = new ArrayList<>();
        for (Conversation c : conversations.inState(ConversationState.WAITING)) {
            Instant since = c.waitingSince() != null ? c.waitingSince() : c.updatedAt();
            long seconds = Math.max(0, Duration.between(since, now).toSeconds());
            String preview = conversations.messagesAfter(c.id(), 0).stream()
                    .filter(m -> m.sender() == Sender.SHOPPER).reduce((a, b) -> b)
                    .map(m -> m.photo() != null ? "[photo]" : m.text()).orElse("");
            String language = c.replyLanguage();
            out.add(new QueueEntry(c.id(), c.handoffReason(), language, since.toString(), seconds,
                    seconds >= overdueAfter.toSeconds(), URGENT.contains(c.handoffReason()),
                    language != null && viewer.languages().stream().anyMatch(l -> primary(l).equals(primary(language))),
                    preview.length() > 140 ? preview.substring(0, 140) + "…" : preview));
        }
        out.sort(Comparator.comparing((QueueEntry q) -> !q.urgent())
                .thenComparing(q -> !q.speaksLanguage())
                .thenComparing(QueueEntry::waitingSeconds, Comparator.reverseOrder()));
        return out;
    }

    /** How many conversations wait for a person. */
    public int waiting() {
        return conversations.inState(ConversationState.WAITING).size();
    }

    /** The name of the agent who has the conversation, if one has. */
    public Optional<String> agentName(Conversation c) {
        return c.agentId() == null ? Optional.empty() : agents.findById(c.agentId()).map(Agent::name);
    }

    public int queuePosition(String conversationId) {
        return conversations.queuePosition(conversationId);
    }

    public Optional<Agent> agent(String agentId) {
        return agents.findById(agentId);
    }

    /** The agents who can work (deactivated accounts left out): the team the consoles show. */
    public List<Agent> allAgents() {
        return agents.all().stream().filter(Agent::active).toList();
    }

    public List<Conversation> mine(Agent agent) {
        return conversations.assignedTo(agent.id());
    }

    /** Everything an agent needs to start: the card, who the shopper is, the whole transcript, the notes. */
    /** @param emailedSeq the shopper was emailed the agents' replies up to this message (0: none; {@link ReplyMailer}) */
    public record Card(Conversation conversation, JsonNode handoff, ShopperIdentity shopper, List<ChatMessage> transcript,
                       List<JsonNode> notes, Timers timers, long emailedSeq) {}

    /**
     * How long the shopper waited for a person (until taken, or until now), and how long the
     * person took to reply first (null until they do).
     */
    public record Timers(Long waitedSeconds, Long firstResponseSeconds) {}

    private Timers timers(String conversationId) {
        ConversationStore.Timings t = conversations.timings(conversationId);
        Long waited = t.waitingSince() == null ? null
                : Duration.between(t.waitingSince(), t.assignedAt() != null ? t.assignedAt() : clock.instant()).toSeconds();
        Long firstResponse = t.assignedAt() == null || t.firstResponseAt() == null ? null
                : Duration.between(t.assignedAt(), t.firstResponseAt()).toSeconds();
        return new Timers(waited, firstResponse);
    }

    public Optional<Card> card(String conversationId) {
        Optional<Conversation> c = conversations.find(conversationId);
        if (c.isEmpty()) return Optional.empty();
        List<String> handoffs = conversations.events(conversationId, "handoff");
        JsonNode handoff = handoffs.isEmpty() ? JSON.createObjectNode() : read(handoffs.get(handoffs.size() - 1));
        List<JsonNode> notes = conversations.events(conversationId, "note").stream().map(HandoffService::read).toList();
        long emailed = conversations.events(conversationId, ReplyMailer.EMAILED).stream()
                .mapToLong(e -> read(e).path("upTo").asLong()).max().orElse(0);
        return Optional.of(new Card(c.get(), handoff, conversations.identity(conversationId).orElse(null),
                conversations.messagesAfter(conversationId, 0), notes, timers(conversationId), emailed));
    }

    /** The result of an agent's action: what to send to the shopper, and the conversation as it is now. */
    public record Result(Status status, List<ChatMessage> messages, Conversation conversation) {
        public enum Status { OK, TAKEN_BY_SOMEONE_ELSE, AT_CAPACITY, NOT_YOURS, NOT_FOUND, INVALID, TOO_MANY }

        static Result of(Status status) {
            return new Result(status, List.of(), null);
        }
    }

    public Result take(Agent agent, String conversationId) {
        if (conversations.find(conversationId).isEmpty()) return Result.of(Result.Status.NOT_FOUND);
        return switch (conversations.assign(conversationId, agent.id(), agent.capacity())) {
            case AT_CAPACITY -> Result.of(Result.Status.AT_CAPACITY);
            case NOT_WAITING -> Result.of(Result.Status.TAKEN_BY_SOMEONE_ELSE);
            case ASSIGNED -> {
                Long seconds = timers(conversationId).waitedSeconds();
                if (seconds != null) waited.record(Duration.ofSeconds(seconds));
                yield announce(conversationId, "agent_joined", Map.of("agent", agent.name()), agent);
            }
        };
    }

    public Result reply(Agent agent, String conversationId, String text) {
        if (!owns(agent, conversationId)) return Result.of(Result.Status.NOT_YOURS);
        ChatMessage message = new ChatMessage(null, 0, Sender.AGENT, null, text, null, null, null, null, null, null,
                List.of(), false, null, agent.name(), null, null, null);
        ChatMessage stored = conversations.append(conversationId, message).message();
        conversations.markFirstResponse(conversationId);
        return new Result(Result.Status.OK, List.of(stored), conversations.find(conversationId).orElseThrow());
    }

    /**
     * A picture from the agent who has the conversation (the right item, where the order number is
     * printed); {@code TOO_MANY} when the conversation has {@code limit} pictures already. A resend
     * (same client id) is stored once.
     */
    public Result photo(Agent agent, String conversationId, String clientId, Photo photo, int limit) {
        if (!owns(agent, conversationId)) return Result.of(Result.Status.NOT_YOURS);
        ChatMessage message = new ChatMessage(null, 0, Sender.AGENT, clientId, null, null, null, null, null, null, null,
                List.of(), false, null, agent.name(), null, photo.ref(), null);
        Optional<ConversationStore.Appended> stored = conversations.appendPhoto(conversationId, message, photo, limit);
        if (stored.isEmpty()) return Result.of(Result.Status.TOO_MANY);
        conversations.markFirstResponse(conversationId);
        return new Result(Result.Status.OK, List.of(stored.get().message()), conversations.find(conversationId).orElseThrow());
    }

    /** An internal note: stored with the conversation, never sent to the shopper. */
    public Result note(Agent agent, String conversationId, String text) {
        if (!owns(agent, conversationId)) return Result.of(Result.Status.NOT_YOURS);
        conversations.recordEvent(conversationId, "note", json(Map.of("agent", agent.name(), "text", text,
                "at", clock.instant().toString())));
        return new Result(Result.Status.OK, List.of(), conversations.find(conversationId).orElseThrow());
    }

    public Result transfer(Agent agent, String conversationId, String toEmail) {
        Optional<Agent> target = agents.findByEmail(toEmail == null ? "" : toEmail.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(Agent::active);
        if (target.isEmpty()) return Result.of(Result.Status.INVALID);
        if (conversations.assignedTo(target.get().id()).size() >= target.get().capacity()) return Result.of(Result.Status.AT_CAPACITY);
        if (!conversations.reassign(conversationId, agent.id(), target.get().id())) return Result.of(Result.Status.NOT_YOURS);
        return announce(conversationId, "agent_joined", Map.of("agent", target.get().name()), target.get());
    }

    public Result handBackToBot(Agent agent, String conversationId) {
        if (!conversations.release(conversationId, agent.id(), ConversationState.BOT)) return Result.of(Result.Status.NOT_YOURS);
        return announce(conversationId, "back_to_bot", Map.of(), null);
    }

    /** Back to the queue (an agent who left and did not come back). */
    public Result requeue(Agent agent, String conversationId) {
        if (!conversations.release(conversationId, agent.id(), ConversationState.WAITING)) return Result.of(Result.Status.NOT_YOURS);
        int position = Math.max(1, conversations.queuePosition(conversationId));
        return announce(conversationId, "waiting", Map.of("position", String.valueOf(position)), null);
    }

    public Result close(Agent agent, String conversationId, String resolution, String note) {
        if (!RESOLUTIONS.contains(resolution)) return Result.of(Result.Status.INVALID);
        if (!conversations.closeByAgent(conversationId, agent.id(), resolution, note)) return Result.of(Result.Status.NOT_YOURS);
        Result closed = announce(conversationId, "closed", Map.of(), null);
        Result survey = announce(conversationId, "survey", Map.of(), null);
        List<ChatMessage> both = new ArrayList<>(closed.messages());
        both.addAll(survey.messages());
        return new Result(Result.Status.OK, both, survey.conversation());
    }

    private boolean owns(Agent agent, String conversationId) {
        return conversations.find(conversationId)
                .filter(c -> c.state() == ConversationState.AGENT && agent.id().equals(c.agentId())).isPresent();
    }

    /** A system message to the shopper, in the conversation's language. */
    private Result announce(String conversationId, String key, Map<String, String> params, Agent agent) {
        Conversation c = conversations.find(conversationId).orElseThrow();
        String language = texts.languageOf(key, c.replyLanguage());
        ChatMessage message = ChatMessage.draft(Sender.SYSTEM, texts.text(key, language, params)).withSystemKey(key, language);
        if (agent != null) {
            message = new ChatMessage(null, 0, Sender.SYSTEM, null, message.text(), null, null, null, language, null, null,
                    List.of(), false, key, agent.name(), null, null, null);
        }
        ChatMessage stored = conversations.append(conversationId, message).message();
        return new Result(Result.Status.OK, List.of(stored), conversations.find(conversationId).orElseThrow());
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
