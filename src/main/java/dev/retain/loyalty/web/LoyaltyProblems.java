package dev.retain.loyalty.web;

import dev.retain.loyalty.NotEnoughPointsException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Too few points is a 409 problem saying the member's spendable points ({@code balance}) and what was asked. */
@RestControllerAdvice(assignableTypes = {LoyaltyApiController.class, RewardApiController.class})
class LoyaltyProblems {

    @ExceptionHandler(NotEnoughPointsException.class)
    ProblemDetail notEnough(NotEnoughPointsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not enough points");
        problem.setProperty("balance", e.active());
        problem.setProperty("requested", e.requested());
        return problem;
    }
}
