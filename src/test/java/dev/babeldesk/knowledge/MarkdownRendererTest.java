package dev.babeldesk.knowledge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void renders_common_markdown() {
        String html = renderer.toHtml("Returns are **free**.\n\n- EU: 3-5 days\n- UK: 3-6 days\n");

        assertEquals("<p>Returns are <strong>free</strong>.</p>\n<ul>\n<li>EU: 3-5 days</li>\n<li>UK: 3-6 days</li>\n</ul>", html);
    }

    @Test
    void escapes_an_inline_script_tag() {
        String html = renderer.toHtml("Hello <script>alert(1)</script> there");

        assertFalse(html.toLowerCase().contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }

    @Test
    void escapes_a_block_of_raw_html() {
        String html = renderer.toHtml("<div onclick=\"steal()\">click me</div>\n\n<img src=x onerror=alert(1)>\n");

        assertFalse(html.contains("<div"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;div onclick="), html);
    }

    @Test
    void drops_a_javascript_link_target() {
        String html = renderer.toHtml("[click](javascript:alert(document.cookie))");

        assertFalse(html.toLowerCase().contains("javascript:"), html);
        assertTrue(html.contains(">click</a>"), "the link text stays: " + html);
    }

    @Test
    void drops_a_javascript_link_target_written_in_mixed_case() {
        String html = renderer.toHtml("[click](JavaScript:alert(1))");

        assertFalse(html.toLowerCase().contains("javascript:"), html);
    }

    @Test
    void opens_links_in_a_new_tab_without_an_opener() {
        String html = renderer.toHtml("See [our returns portal](https://shop.example.com/returns).");

        assertTrue(html.contains("href=\"https://shop.example.com/returns\""), html);
        assertTrue(html.contains("target=\"_blank\""), html);
        assertTrue(html.matches("(?s).*rel=\"[^\"]*\\bnoopener\\b[^\"]*\".*"), html);
    }

    @Test
    void keeps_relative_links_to_the_shop() {
        String html = renderer.toHtml("Go to [My orders](/account/orders).");

        assertTrue(html.contains("href=\"/account/orders\""), html);
        assertTrue(html.contains("target=\"_blank\""), html);
    }
}
