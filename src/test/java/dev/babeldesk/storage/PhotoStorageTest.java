package dev.babeldesk.storage;

import dev.babeldesk.conversation.ChatMessage;
import dev.babeldesk.photo.Photo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A picture and the message that shows it are one write on the embedded SQLite file: both or neither. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PhotoStorageTest {
    @TempDir
    Path dir;

    @Test
    void when_the_picture_cannot_be_written_its_message_is_not_kept_either() throws Exception {
        DataSource database = Database.open(dir.resolve("chat.db").toString());
        try {
            JdbcConversationStore store = new JdbcConversationStore(database, Clock.systemUTC());
            String conversation = store.create("hash-1", "en", "/").id();
            Photo photo = new Photo("p1", conversation, "image/png", 2, 1, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, -1});
            try (Connection c = database.getConnection()) {
                c.createStatement().execute("ALTER TABLE photos RENAME TO photos_away");
            }
            assertThrows(StorageException.class, () -> store.appendPhoto(conversation, ChatMessage.photo(photo.ref(), "up1"), photo, 20));
            try (Connection c = database.getConnection()) {
                c.createStatement().execute("ALTER TABLE photos_away RENAME TO photos");
            }
            assertTrue(store.messagesAfter(conversation, 0).isEmpty(), "no message without its picture");

            assertTrue(store.appendPhoto(conversation, ChatMessage.photo(photo.ref(), "up1"), photo, 20).orElseThrow().created());
            assertEquals(1, store.messagesAfter(conversation, 0).get(0).seq(), "nor a number used up");
            assertEquals(6, store.photo("p1").orElseThrow().bytes().length, "bytes kept as they were, zero and 0xFF too");
        } finally {
            Database.close(database);
        }
    }
}
