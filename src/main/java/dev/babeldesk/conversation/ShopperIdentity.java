package dev.babeldesk.conversation;

/**
 * Who the shopper says they are. {@code verified} is true only when the shop's backend signed
 * these values (see {@link IdentityVerifier}); otherwise they are what someone typed or a page
 * script claimed.
 */
public record ShopperIdentity(String id, String email, String name, boolean verified) {}
