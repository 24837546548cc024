package dev.babeldesk.handoff;

import java.util.List;

/**
 * A person who takes over conversations: the languages they speak and how many chats they take at
 * once. An agent who is not {@code active} (deactivated by an admin) cannot log in.
 */
public record Agent(String id, String email, String name, List<String> languages, int capacity, Role role, boolean active) {
    public Agent {
        languages = List.copyOf(languages);
    }
}
