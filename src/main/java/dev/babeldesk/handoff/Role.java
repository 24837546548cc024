package dev.babeldesk.handoff;

/** What an agent may do: admins also manage agents and see the admin pages. */
public enum Role { AGENT, ADMIN }
