package dev.retain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and image in README.md and docs/ leads somewhere: to a file or folder of the project, and, when it
 * names a heading of a Markdown file ({@code page.md#heading}, or {@code #heading} within the page), to a heading that
 * exists.
 */
class DocumentationLinksTests {

    /** {@code [text](target)} and {@code ![alt](target)}, with one level of brackets inside the text (an image). */
    private static final Pattern LINK = Pattern.compile(
            "!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]\\(\\s*(<[^>]*>|[^)\\s]*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsResolves() {
        Path root = Paths.get("").toAbsolutePath();
        Check check = new Check(root);

        assertThat(check.pages).as("Markdown pages checked").contains(root.resolve("README.md"));
        assertThat(check.links).as("relative links checked").isGreaterThan(0);
        assertThat(check.problems)
                .as("broken links in README.md and docs/:%n%s", String.join("\n", check.problems))
                .isEmpty();
    }

    @Test
    void aMissingFileAndAnUnknownHeadingAreReportedWithFileAndLine(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs/images"));
        Files.writeString(root.resolve("docs/images/shot.png"), "png");
        Files.writeString(root.resolve("README.md"), """
                # Retain

                ![Dashboard](docs/images/shot.png) and [the guide](docs/guide.md#first-steps).
                [Gone](docs/missing.md) · [web](https://example.com) · `[code](not/checked.md)`

                ```
                [in a code block](not/checked/either.md)
                ```
                [Up](#retain) [nowhere](#no-such-heading)
                """);
        Files.writeString(root.resolve("docs/guide.md"), """
                ## First steps
                See [the readme](../README.md#retain) and [setup](#set-up-客户数据中心).
                ### Set up (客户数据中心)
                """);

        Check check = new Check(root);

        assertThat(check.links).isEqualTo(7);
        assertThat(check.problems)
                .containsExactly(
                        "README.md:4: docs/missing.md — no such file",
                        "README.md:9: #no-such-heading — no such heading in README.md");
    }

    @Test
    void headingsAreNamedAsGitHubNamesThem() {
        assertThat(slug("Segments, tags and RFM (客户分群 · 标签 · RFM)")).isEqualTo("segments-tags-and-rfm-客户分群--标签--rfm");
        assertThat(slug("The `Clock` and [time](x.md)")).isEqualTo("the-clock-and-time");
        assertThat(slug("Durable workers: journey_steps & leases")).isEqualTo("durable-workers-journey_steps--leases");
    }

    /** The links of every page, checked once. */
    private static final class Check {

        final List<Path> pages = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Map<Path, Set<String>> anchors = new HashMap<>();
        final Path root;
        int links;

        Check(Path root) {
            this.root = root;
            pages.add(root.resolve("README.md"));
            Path docs = root.resolve("docs");
            if (Files.isDirectory(docs)) {
                try (Stream<Path> files = Files.walk(docs)) {
                    files.filter(file -> file.toString().endsWith(".md"))
                            .sorted()
                            .forEach(pages::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            pages.forEach(this::checkPage);
        }

        private void checkPage(Path page) {
            List<String> lines = read(page);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                checkLinks(page, i + 1, INLINE_CODE.matcher(line).replaceAll(""));
            }
        }

        private void checkLinks(Path page, int lineNumber, String text) {
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                checkLinks(page, lineNumber, link.group(1));
                String target = link.group(2);
                if (target.startsWith("<") && target.endsWith(">")) {
                    target = target.substring(1, target.length() - 1);
                }
                String lower = target.toLowerCase(Locale.ROOT);
                if (target.isEmpty()
                        || lower.startsWith("http:")
                        || lower.startsWith("https:")
                        || lower.startsWith("mailto:")) {
                    continue;
                }
                links++;
                checkTarget(page, lineNumber, target);
            }
        }

        private void checkTarget(Path page, int lineNumber, String target) {
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String fragment = hash < 0 ? null : target.substring(hash + 1);
            Path file = path.isEmpty()
                    ? page
                    : page.getParent()
                            .resolve(URLDecoder.decode(path, StandardCharsets.UTF_8))
                            .normalize();
            String where = root.relativize(page) + ":" + lineNumber + ": " + target;
            if (!Files.exists(file)) {
                problems.add(where + " — no such file");
            } else if (fragment != null
                    && file.toString().endsWith(".md")
                    && !anchorsOf(file).contains(URLDecoder.decode(fragment, StandardCharsets.UTF_8))) {
                problems.add(where + " — no such heading in " + root.relativize(file));
            }
        }

        private Set<String> anchorsOf(Path page) {
            return anchors.computeIfAbsent(page, file -> {
                Set<String> found = new HashSet<>();
                Map<String, Integer> seen = new HashMap<>();
                boolean inFence = false;
                for (String line : read(file)) {
                    if (FENCE.matcher(line).find()) {
                        inFence = !inFence;
                        continue;
                    }
                    Matcher heading = HEADING.matcher(line);
                    if (!inFence && heading.matches()) {
                        String slug = slug(heading.group(2));
                        int count = seen.merge(slug, 1, Integer::sum);
                        found.add(count == 1 ? slug : slug + "-" + (count - 1));
                    }
                }
                return found;
            });
        }

        private static List<String> read(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A heading's anchor as GitHub makes it: the text as shown (links by their text), in lower case, without
     * punctuation and symbols (letters of every script, digits, hyphens and underscores stay), each space a hyphen.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M}\\p{Pc}\\- ]", "")
                .replace(' ', '-');
    }
}
