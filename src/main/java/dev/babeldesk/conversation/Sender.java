package dev.babeldesk.conversation;

/** Who wrote a message. */
public enum Sender { SHOPPER, BOT, AGENT, SYSTEM }
