package dev.babeldesk.knowledge;

import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML that is safe to put in any page: raw HTML in the source is escaped, link
 * targets with script schemes are dropped, and links open in a new tab without an opener.
 */
public final class MarkdownRenderer {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("target", "_blank");
                    attributes.put("rel", "noopener noreferrer nofollow");
                }
            })
            .build();

    public String toHtml(String markdown) {
        return renderer.render(parser.parse(markdown)).strip();
    }
}
