package dev.babeldesk.photo;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns an uploaded picture into one this server drew itself: decoded, at most {@link #MAX_SIDE}
 * pixels on its longest side, encoded again as JPEG (or PNG when it has transparency). Nothing of
 * the upload survives but its pixels: not its metadata (a phone photo's GPS position, the camera's
 * serial number), not bytes a browser could take for HTML or script, not a second file appended to
 * the image. Only JPEG, PNG and GIF are read (what the JDK decodes; the widget sends JPEG).
 */
public final class PhotoSanitizer {
    /** Longest side of a stored picture: enough to see a scratch or read a label, small enough for a chat. */
    public static final int MAX_SIDE = 1600;
    /** A small file can declare a huge canvas: larger pictures are refused before any pixel is decoded. */
    static final long MAX_PIXELS = 50_000_000L;
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif");
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // A server has no display; set before anything of AWT starts.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // Decode in memory: no temporary files for uploads.
        ImageIO.setUseCache(false);
    }

    private final int maxBytes;
    /** Decoding takes tens of megabytes and a CPU for a moment: two at a time, the rest wait briefly. */
    private final Semaphore decoding = new Semaphore(2);

    /** @param maxBytes largest upload accepted */
    public PhotoSanitizer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The picture as it will be stored, for {@code conversationId}, with a new random id. */
    public Photo sanitize(byte[] upload, String conversationId) throws PhotoRefused {
        if (upload.length > maxBytes) {
            throw new PhotoRefused(PhotoRefused.Reason.TOO_LARGE, "Pictures are limited to " + maxBytes / 1024 + " KB");
        }
        try {
            if (!decoding.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new PhotoRefused(PhotoRefused.Reason.BUSY, "The server is busy with other pictures; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PhotoRefused(PhotoRefused.Reason.BUSY, "Interrupted");
        }
        try {
            BufferedImage decoded = decode(upload);
            BufferedImage drawn = redraw(decoded);
            boolean transparent = hasTransparency(drawn);
            byte[] encoded = transparent ? png(drawn) : jpeg(drawn);
            return new Photo(newId(), conversationId, transparent ? "image/png" : "image/jpeg", drawn.getWidth(),
                    drawn.getHeight(), encoded);
        } finally {
            decoding.release();
        }
    }

    private static BufferedImage decode(byte[] upload) throws PhotoRefused {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.hasNext() ? readers.next() : null;
            if (reader == null || !FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                throw new PhotoRefused(PhotoRefused.Reason.NOT_A_PICTURE, "Send a JPEG, PNG or GIF picture");
            }
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
                    throw new PhotoRefused(PhotoRefused.Reason.TOO_MANY_PIXELS,
                            "Pictures are limited to " + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Skipping pixels while decoding keeps a large photo's memory near the stored size's.
                int step = (int) Math.max(1, Math.max(width, height) / MAX_SIDE);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A truncated or corrupt file, or a JPEG kind the JDK does not decode (CMYK).
            throw new PhotoRefused(PhotoRefused.Reason.NOT_A_PICTURE, "This picture could not be read");
        }
    }

    /** Draws the pixels onto a new canvas of at most {@link #MAX_SIDE}, which leaves everything else behind. */
    private static BufferedImage redraw(BufferedImage source) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height,
                source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!source.getColorModel().hasAlpha()) g.setBackground(Color.WHITE);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A screenshot saved as PNG usually has an alpha channel it does not use: such a picture becomes a JPEG. */
    private static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) return false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0xFF) return true;
            }
        }
        return false;
    }

    private static byte[] jpeg(BufferedImage image) throws PhotoRefused {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, Color.WHITE, null);
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new PhotoRefused(PhotoRefused.Reason.NOT_A_PICTURE, "This picture could not be stored");
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage image) throws PhotoRefused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new PhotoRefused(PhotoRefused.Reason.NOT_A_PICTURE, "This picture could not be stored");
        }
        return out.toByteArray();
    }

    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
