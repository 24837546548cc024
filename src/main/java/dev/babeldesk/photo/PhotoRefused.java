package dev.babeldesk.photo;

/** An upload that is not taken, with the reason in words a shopper's widget can show. */
public final class PhotoRefused extends Exception {

    /** Why: each maps to one HTTP status and one widget text. */
    public enum Reason { TOO_LARGE, NOT_A_PICTURE, TOO_MANY_PIXELS, BUSY }

    private final Reason reason;

    public PhotoRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
