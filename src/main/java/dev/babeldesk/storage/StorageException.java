package dev.babeldesk.storage;

/** The database could not do what was asked (it went away, the disk is full ...). */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
