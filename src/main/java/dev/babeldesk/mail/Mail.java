package dev.babeldesk.mail;

/** One plain-text email to one address. */
public record Mail(String to, String subject, String text) {}
