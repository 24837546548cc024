package dev.babeldesk.photo;

import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoSanitizerTest {
    private final PhotoSanitizer sanitizer = new PhotoSanitizer(5 * 1024 * 1024);

    /** A photo-like picture: a red half and a blue half, so that both survive re-encoding visibly. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** A PNG carrying a text chunk, the way cameras and editors carry metadata (here: a position). */
    static byte[] pngWithText(BufferedImage image, String keyword, String value) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        }
        writer.dispose();
        return out.toByteArray();
    }

    private static BufferedImage decoded(Photo photo) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(photo.bytes()));
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void a_jpeg_photo_is_stored_as_a_jpeg_the_server_drew_with_the_same_picture() throws Exception {
        Photo photo = sanitizer.sanitize(encode(picture(800, 600), "jpeg"), "c1");
        assertEquals("image/jpeg", photo.mime());
        assertEquals("c1", photo.conversationId());
        assertEquals(800, photo.width());
        assertEquals(600, photo.height());
        BufferedImage back = decoded(photo);
        assertEquals(800, back.getWidth());
        Color left = new Color(back.getRGB(100, 300));
        Color right = new Color(back.getRGB(700, 300));
        assertTrue(left.getRed() > 200 && left.getBlue() < 60, "red half stays red: " + left);
        assertTrue(right.getBlue() > 200 && right.getRed() < 60, "blue half stays blue: " + right);
    }

    @Test
    void a_large_photo_is_shrunk_to_the_longest_side_limit_keeping_its_proportions() throws Exception {
        Photo photo = sanitizer.sanitize(encode(picture(4000, 3000), "jpeg"), "c1");
        assertEquals(PhotoSanitizer.MAX_SIDE, photo.width());
        assertEquals(1200, photo.height());
        assertEquals(photo.width(), decoded(photo).getWidth());

        Photo portrait = sanitizer.sanitize(encode(picture(900, 3600), "png"), "c1");
        assertEquals(400, portrait.width());
        assertEquals(PhotoSanitizer.MAX_SIDE, portrait.height());
    }

    @Test
    void metadata_in_the_upload_such_as_a_position_does_not_reach_the_stored_picture() throws Exception {
        byte[] upload = pngWithText(picture(300, 200), "GPSPosition", "48.8867N 2.3334E secret-spot");
        assertTrue(contains(upload, "secret-spot"), "the upload carries it");
        Photo photo = sanitizer.sanitize(upload, "c1");
        assertFalse(contains(photo.bytes(), "secret-spot"));
        assertFalse(contains(photo.bytes(), "GPSPosition"));
    }

    @Test
    void bytes_appended_after_the_picture_such_as_a_script_are_dropped() throws Exception {
        byte[] image = encode(picture(200, 100), "png");
        byte[] polyglot = new byte[image.length + 64];
        System.arraycopy(image, 0, polyglot, 0, image.length);
        byte[] script = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(script, 0, polyglot, image.length, script.length);
        Photo photo = sanitizer.sanitize(polyglot, "c1");
        assertFalse(contains(photo.bytes(), "<script"));
    }

    @Test
    void a_screenshot_with_an_unused_alpha_channel_becomes_a_jpeg_and_a_transparent_picture_stays_a_png() throws Exception {
        BufferedImage opaque = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = opaque.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        assertEquals("image/jpeg", sanitizer.sanitize(encode(opaque, "png"), "c1").mime());

        BufferedImage transparent = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        g = transparent.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 150, 200);
        g.dispose();
        Photo photo = sanitizer.sanitize(encode(transparent, "png"), "c1");
        assertEquals("image/png", photo.mime());
        assertEquals(0, decoded(photo).getRGB(250, 100) >>> 24, "the transparent half stays transparent");
    }

    @Test
    void a_gif_is_read_and_stored_as_a_still_picture() throws Exception {
        Photo photo = sanitizer.sanitize(encode(picture(120, 80), "gif"), "c1");
        assertNotEquals("image/gif", photo.mime());
        assertEquals(120, decoded(photo).getWidth());
    }

    @Test
    void what_is_not_a_jpeg_png_or_gif_is_refused_as_not_a_picture() {
        for (byte[] upload : new byte[][] {
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8),
                "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII),
                new byte[0]}) {
            PhotoRefused refused = assertThrows(PhotoRefused.class, () -> sanitizer.sanitize(upload, "c1"));
            assertEquals(PhotoRefused.Reason.NOT_A_PICTURE, refused.reason());
        }
    }

    @Test
    void a_bmp_is_refused_though_the_jdk_could_read_it() throws Exception {
        PhotoRefused refused = assertThrows(PhotoRefused.class, () -> sanitizer.sanitize(encode(picture(50, 50), "bmp"), "c1"));
        assertEquals(PhotoRefused.Reason.NOT_A_PICTURE, refused.reason());
    }

    @Test
    void a_truncated_jpeg_is_refused_as_not_a_picture() throws Exception {
        byte[] jpeg = encode(picture(400, 300), "jpeg");
        byte[] cut = java.util.Arrays.copyOf(jpeg, 300);
        PhotoRefused refused = assertThrows(PhotoRefused.class, () -> sanitizer.sanitize(cut, "c1"));
        assertEquals(PhotoRefused.Reason.NOT_A_PICTURE, refused.reason());
    }

    @Test
    void an_upload_over_the_byte_limit_is_refused_before_it_is_decoded() throws Exception {
        PhotoSanitizer small = new PhotoSanitizer(1000);
        byte[] upload = encode(picture(400, 300), "png");
        assertTrue(upload.length > 1000);
        PhotoRefused refused = assertThrows(PhotoRefused.class, () -> small.sanitize(upload, "c1"));
        assertEquals(PhotoRefused.Reason.TOO_LARGE, refused.reason());
    }

    /**
     * A few hundred bytes that declare a 100,000 × 100,000 canvas (a decompression bomb): refused
     * from the header, without decoding ten billion pixels.
     */
    @Test
    void a_small_file_declaring_a_huge_canvas_is_refused_from_its_header() throws Exception {
        byte[] real = encode(picture(16, 16), "png");
        byte[] bomb = real.clone();
        // IHDR's width and height are bytes 16-23; its CRC (bytes 29-32) covers type and data (12-28).
        writeInt(bomb, 16, 100_000);
        writeInt(bomb, 20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(bomb, 12, 17);
        writeInt(bomb, 29, (int) crc.getValue());
        PhotoRefused refused = assertThrows(PhotoRefused.class, () -> sanitizer.sanitize(bomb, "c1"));
        assertEquals(PhotoRefused.Reason.TOO_MANY_PIXELS, refused.reason());
    }

    @Test
    void every_stored_picture_gets_a_new_random_id() throws Exception {
        byte[] upload = encode(picture(60, 40), "png");
        Photo a = sanitizer.sanitize(upload, "c1");
        Photo b = sanitizer.sanitize(upload, "c1");
        assertNotEquals(a.id(), b.id());
        assertTrue(a.id().matches("[A-Za-z0-9_-]{24}"), a.id());
        assertArrayEquals(a.bytes(), b.bytes(), "the same pixels give the same stored bytes");
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
