package dev.retain.service.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * An article's body as HTML, safely: every character is escaped, so nothing an editor types can become markup or
 * script. The structure plain text carries is kept — blank lines separate paragraphs, lines starting with "- " or "* "
 * make a list, lines starting with "1. " a numbered list, a line starting with "# " a heading — and other line breaks
 * stay line breaks.
 */
public final class ArticleText {

    private ArticleText() {}

    public static String toHtml(String body) {
        StringBuilder html = new StringBuilder();
        for (String block : body.replace("\r\n", "\n").split("\n\\s*\n")) {
            List<String> lines = block.strip().lines().map(String::strip).toList();
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                continue;
            }
            List<String> paragraph = new ArrayList<>();
            String list = null;
            for (String line : lines) {
                String kind =
                        line.matches("[-*] .*") ? "ul" : line.matches("\\d{1,3}[.、] .*|\\d{1,3}、.*") ? "ol" : null;
                if (kind != null) {
                    flush(html, paragraph);
                    if (!kind.equals(list)) {
                        close(html, list);
                        html.append('<').append(kind).append('>');
                        list = kind;
                    }
                    String item = kind.equals("ul") ? line.substring(2) : line.replaceFirst("^\\d{1,3}[.、] ?", "");
                    html.append("<li>").append(HtmlUtils.htmlEscape(item)).append("</li>");
                } else if (line.startsWith("# ") || line.startsWith("## ")) {
                    flush(html, paragraph);
                    close(html, list);
                    list = null;
                    html.append("<h2 class=\"h5\">")
                            .append(HtmlUtils.htmlEscape(line.replaceFirst("^#+ ", "")))
                            .append("</h2>");
                } else {
                    close(html, list);
                    list = null;
                    paragraph.add(line);
                }
            }
            flush(html, paragraph);
            close(html, list);
        }
        return html.toString();
    }

    private static void flush(StringBuilder html, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            html.append("<p>");
            html.append(String.join(
                    "<br>", paragraph.stream().map(HtmlUtils::htmlEscape).toList()));
            html.append("</p>");
            paragraph.clear();
        }
    }

    private static void close(StringBuilder html, String list) {
        if (list != null) {
            html.append("</").append(list).append('>');
        }
    }
}
