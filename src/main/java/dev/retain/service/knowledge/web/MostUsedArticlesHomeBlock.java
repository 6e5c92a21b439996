package dev.retain.service.knowledge.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.service.Article;
import dev.retain.service.KnowledgeBase;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The service team's home: the articles that answered most tickets, the first place to look. */
@Component
class MostUsedArticlesHomeBlock implements HomeBlock {

    static final int SHOWN = 5;

    private final KnowledgeBase knowledge;

    MostUsedArticlesHomeBlock(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.SERVICE), 40, "home.knowledge.title", "home.knowledge.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/service/knowledge";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(knowledge.mostUsed(SHOWN).stream()
                .map(MostUsedArticlesHomeBlock::row)
                .toList());
    }

    private static Row row(Article article) {
        return new Row(
                article.title(),
                "/service/knowledge/" + article.id(),
                Note.of("home.knowledge.note", article.uses()),
                Tone.NEUTRAL);
    }
}
