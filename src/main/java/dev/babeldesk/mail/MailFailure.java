package dev.babeldesk.mail;

/**
 * An email that did not go out. Permanent when the address was refused (sending it again would
 * fail again); otherwise the server could not be reached or answered with an error that may pass.
 */
public final class MailFailure extends Exception {
    private final boolean permanent;

    public MailFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
