package dev.estserver.bench;

/** The command line cannot be run as given; the message is the one line the user sees. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
