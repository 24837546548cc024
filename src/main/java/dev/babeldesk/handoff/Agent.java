package dev.babeldesk.handoff;

import java.util.List;

/** A person who takes over conversations: the languages they speak and how many chats they take at once. */
public record Agent(String id, String email, String name, List<String> languages, int capacity, Role role) {
    public Agent {
        languages = List.copyOf(languages);
    }
}
