package dev.babeldesk.photo;

/**
 * A picture a shopper sent (of a damaged parcel, a wrong item, a label), as stored: always one
 * this server encoded itself ({@link PhotoSanitizer}), never the uploaded bytes.
 *
 * @param id             random, not guessable; it names the picture in messages
 * @param conversationId the only conversation whose shopper may see it
 * @param mime           {@code image/jpeg} or {@code image/png}
 */
public record Photo(String id, String conversationId, String mime, int width, int height, byte[] bytes) {

    /** What a message carries of its picture: enough to lay it out before it is fetched. */
    public Ref ref() {
        return new Ref(id, width, height);
    }

    /** A message's picture, by id. */
    public record Ref(String id, int width, int height) {}
}
