package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates as written: a form that posts gets its CSRF token from Thymeleaf only through {@code th:action}, and a
 * page runs no inline script, inline handler or {@code javascript:} link (the Content-Security-Policy would refuse
 * them; scripts go in {@code static/js}).
 */
class PostFormTemplatesTests {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern POSTS = Pattern.compile("method=\"post\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script\\b(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER =
            Pattern.compile("\\s(th:)?on[a-z]+=|onsubmit=|onclick=|javascript:|hx-on", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_DATA = Pattern.compile("type=\"application/json\"");

    @Test
    void everyFormThatPostsUsesThAction() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path template : templates()) {
            Matcher form = FORM.matcher(Files.readString(template));
            while (form.find()) {
                if (POSTS.matcher(form.group()).find() && !form.group().contains("th:action=")) {
                    failures.add(template + ": " + form.group());
                }
            }
        }
        assertThat(failures)
                .as("forms that post without th:action, hence without a CSRF token")
                .isEmpty();
    }

    @Test
    void noTemplateRunsInlineScript() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path template : templates()) {
            String text = Files.readString(template);
            Matcher script = INLINE_SCRIPT.matcher(text);
            while (script.find()) {
                if (!JSON_DATA.matcher(script.group()).find()) {
                    failures.add(template + ": " + script.group());
                }
            }
            Matcher handler = INLINE_HANDLER.matcher(text);
            while (handler.find()) {
                failures.add(template + ": " + handler.group().strip());
            }
        }
        assertThat(failures).as("inline script in templates").isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html")).toList();
        }
    }
}
