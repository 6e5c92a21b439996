package dev.retain.predict.web;

import dev.retain.platform.NotFoundException;
import dev.retain.predict.ClvScores;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/customers/{id}/clv}: a customer's P(alive), expected purchases, order value and predicted CLV. */
@RestController
@Tag(name = "Prediction")
class ClvApiController {

    private final ClvScores scores;

    ClvApiController(ClvScores scores) {
        this.scores = scores;
    }

    @GetMapping("/api/v1/customers/{id}/clv")
    Map<String, Object> of(@PathVariable long id) {
        Map<String, Object> found = scores.of(id);
        if (found.isEmpty()) {
            throw new NotFoundException("lifetime-value score of customer", id);
        }
        return found;
    }
}
