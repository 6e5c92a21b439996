package dev.retain.service.knowledge;

import dev.retain.service.ArticleQuery;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database's plan for a search, as it runs it ({@code explain analyze}): for the benchmark's slowest queries. */
public final class SearchPlans {

    private SearchPlans() {}

    public static String explain(JdbcClient jdbc, PlatformTransactionManager transactions, ArticleQuery query) {
        var statement = ArticleSearch.statement(query, SearchText.query(query.text()), null);
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_indexscan = off").update();
            List<String> lines = jdbc.sql("explain (analyze, buffers) " + statement.sql())
                    .params(statement.params())
                    .query(String.class)
                    .list();
            return String.join("\n", lines);
        });
    }
}
